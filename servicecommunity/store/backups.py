"""Automatic backups of a workspace, checking one for damage, and restoring a good copy.

Like Anki's and Zotero's automatic backups: a copy is taken once a day, the first time the command
line or the app opens a workspace that day (:func:`daily`), and before every import or merge
(:func:`before_change`); the last :data:`KEEP` are kept and older ones are deleted, with the
half-written leftovers of a copy that was killed (:func:`rotate`).

Where: a ``backups`` folder beside the workspace, named ``<workspace>-<date>-<time>-<why>.sqlite``
(``community-20250131-142233-import.sqlite``). Beside the workspace, because the copies then
travel with it (a workspace on a USB stick or a shared drive keeps its own history) and because
several workspaces in one folder are told apart by name. Each copy is written with SQLite's
``VACUUM INTO`` from one read transaction, so it is consistent while the app keeps editing, and is
renamed into place only when complete: a half-written copy never carries a backup's name.

:func:`check` runs SQLite's integrity and foreign-key checks read-only. :func:`restore` puts the
latest good backup (one that passes those checks) in the workspace's place; the file it replaces
is first copied byte for byte to ``<workspace>.replaced-<date>-<time>.sqlite`` beside it.
Reading every record to copy it also finds damage: a workspace whose daily copy fails as damaged
is refused at open with a sentence saying to restore.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from servicecommunity.domain.errors import StoreError, WorkspaceBusyError, WorkspaceDamagedError
from servicecommunity.i18n import gettext, ngettext

if TYPE_CHECKING:
    from servicecommunity.store.workspace import Store

KEEP = 10
FOLDER = "backups"
_STAMP = "%Y%m%d-%H%M%S"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Backup:
    """One automatic copy of a workspace."""

    path: Path
    taken: datetime
    reason: str  # "daily", "import", "merge"...
    serial: int = 0  # a second copy within the same second

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def folder(workspace: Path) -> Path:
    """Where the backups of ``workspace`` go."""
    return workspace.parent / FOLDER


def _suffix(workspace: Path) -> str:
    return workspace.suffix or ".sqlite"


def _pattern(workspace: Path) -> re.Pattern[str]:
    return re.compile(
        rf"{re.escape(workspace.stem)}-(\d{{8}}-\d{{6}})(?:-(\d+))?-([a-z]+){re.escape(_suffix(workspace))}"
    )


def list_backups(workspace: Path) -> list[Backup]:
    """The backups of ``workspace``, newest first."""
    where = folder(workspace)
    if not where.is_dir():
        return []
    pattern = _pattern(workspace)
    found = []
    for path in where.iterdir():
        match = pattern.fullmatch(path.name)
        if match and path.is_file():
            taken = datetime.strptime(match.group(1), _STAMP)
            found.append(Backup(path, taken, match.group(3), int(match.group(2) or 0)))
    return sorted(found, key=lambda b: (b.taken, b.serial), reverse=True)


def rotate(workspace: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` backups of ``workspace``, and stale leftovers; the paths deleted."""
    removed = []
    for old in [b.path for b in list_backups(workspace)[keep:]] + _leftovers(workspace):
        try:
            old.unlink()
            removed.append(old)
        except FileNotFoundError:
            pass  # another program's rotation came first
        except OSError as exc:  # a copy someone has open elsewhere: try again next time
            log.warning("could not delete the old backup %s: %s", old, exc)
    return removed


#: a leftover this old is stale whoever wrote it: a copy being written is touched as it grows
STALE_AFTER = 3600  # seconds
_LEFTOVER = re.compile(r"\.(?P<name>.+)\.(?:partial|tmp-(?P<pid>\d+))")


def _leftovers(workspace: Path) -> list[Path]:
    """Half-written copies of ``workspace``'s backups left by a killed process.

    A backup is written as ``.NAME.partial`` and renamed when complete (:func:`take`); a file
    written in one piece is ``.NAME.tmp-PID``. Either is stale once over :data:`STALE_AFTER` old,
    and a ``tmp-PID`` one also as soon as its process is no longer running.
    """
    where = folder(workspace)
    if not where.is_dir():
        return []
    pattern = _pattern(workspace)
    now = datetime.now().timestamp()
    stale = []
    for path in where.iterdir():
        match = _LEFTOVER.fullmatch(path.name)
        if match is None or not pattern.fullmatch(match.group("name")):
            continue
        try:
            old = now - path.stat().st_mtime > STALE_AFTER
        except OSError:
            continue
        pid = match.group("pid")
        if old or (pid is not None and not _running(int(pid))):
            stale.append(path)
    return stale


def _running(pid: int) -> bool:
    """Whether process ``pid`` is running (on Windows, unknown: True; age alone decides there)."""
    if pid == os.getpid() or os.name == "nt":  # Windows' os.kill(pid, 0) would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, run by someone else
        return True
    return True


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def take(store: Store, reason: str, *, keep: int = KEEP) -> Path:
    """Copy the open workspace into its backups folder now; the new backup's path.

    Raises :class:`WorkspaceDamagedError` if the workspace is damaged (the copy reads every record)
    and :class:`StoreError` if the copy cannot be written. Older backups beyond ``keep`` go.
    """
    from servicecommunity.store.workspace import workspace_error

    workspace = store.path
    if workspace is None:
        raise StoreError(gettext("Only a workspace file can be backed up."))
    where = folder(workspace)
    now = datetime.now().replace(microsecond=0)
    same_second = [b.serial for b in list_backups(workspace) if b.taken == now]
    serial = max(same_second) + 1 if same_second else 0  # never a freed name: it would sort as the oldest
    extra = f"-{serial}" if serial else ""
    target = where / f"{workspace.stem}-{now.strftime(_STAMP)}{extra}-{reason}{_suffix(workspace)}"
    partial = where / f".{target.name}.partial"
    started = datetime.now().timestamp()
    try:
        where.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        raw = store.engine.raw_connection()
        try:
            raw.execute("VACUUM INTO ?", (str(partial),))
        finally:
            raw.close()
        os.utime(partial, (started, started))  # when the copy's snapshot was taken (see before_change)
        os.replace(partial, target)
    except sqlite3.Error as exc:
        _discard(partial)
        error = workspace_error(exc, workspace)
        if isinstance(error, WorkspaceDamagedError | WorkspaceBusyError):
            raise error from exc
        raise StoreError(gettext("Could not back up {workspace} into {where} ({error}).").format(
            workspace=workspace, where=where, error=exc)) from exc
    except OSError as exc:
        _discard(partial)
        raise StoreError(gettext("Could not back up {workspace} into {where} ({error}).").format(
            workspace=workspace, where=where, error=exc.strerror or exc)) from exc
    rotate(workspace, keep)
    return target


def _unchanged_since(workspace: Path, backup: Backup) -> bool:
    """True if neither the workspace file nor its WAL was written after ``backup``'s snapshot."""
    since = backup.path.stat().st_mtime_ns
    for path in (workspace, workspace.with_name(workspace.name + "-wal")):
        if path.exists() and path.stat().st_mtime_ns >= since:
            return False
    return True


def daily(store: Store) -> Path | None:
    """Back the workspace up if it has no backup from today; the new backup, or None.

    A damaged workspace raises :class:`WorkspaceDamagedError`; any other failure (a full disk, a
    read-only folder) is logged and the workspace opens anyway: reading it must still work.
    """
    if store.path is None:
        return None
    newest = list_backups(store.path)[:1]
    if newest and newest[0].taken.date() == datetime.now().date():
        return None
    try:
        return take(store, "daily")
    except WorkspaceDamagedError:
        raise
    except StoreError as exc:
        log.warning("no daily backup: %s", exc)
        return None


def before_change(store: Store, reason: str = "import") -> Path | None:
    """Back the workspace up before an import or merge; the backup that holds it as it is now.

    Call it after the incoming file has been checked and before the first write. If the newest
    backup already holds the workspace as it is (nothing written since), that one is returned and
    no copy is made. Raises :class:`StoreError` (nothing was changed) if no copy can be made: the
    change must not go ahead without one. None for a workspace that is not a file.
    """
    if store.path is None:
        return None
    newest = list_backups(store.path)[:1]
    if newest and _unchanged_since(store.path, newest[0]):
        return newest[0].path
    try:
        return take(store, reason)
    except (WorkspaceDamagedError, WorkspaceBusyError):
        raise
    except StoreError as exc:
        raise StoreError(
            (gettext("{error} The import was not started, so nothing was changed; free some space or check the folder, "
                     "then try again.") if reason == "import" else
             gettext("{error} The change was not started, so nothing was changed; free some space or check the folder, "
                     "then try again.")).format(error=exc)
        ) from exc


# --- checking -------------------------------------------------------------------------------------


@dataclass
class CheckReport:
    """What SQLite's integrity and foreign-key checks found in a workspace file."""

    path: Path
    integrity: list[str] = field(default_factory=list)  # SQLite's own messages; empty when sound
    broken_references: Counter[tuple[str, str]] = field(default_factory=Counter)  # (table, parent) -> rows

    @property
    def ok(self) -> bool:
        return not self.integrity and not self.broken_references

    def lines(self) -> list[str]:
        """The findings in words, one per line."""
        if self.ok:
            return [
                gettext("{path} is sound: SQLite's integrity check found no damage "
                        "and every reference points at a record that exists.").format(path=self.path)
            ]
        out = [gettext("{path} is damaged:").format(path=self.path)]
        for message in self.integrity[:10]:
            out.append("  - " + gettext("SQLite's integrity check: {message}").format(message=message))
        if len(self.integrity) > 10:
            more = len(self.integrity) - 10
            out.append("  - " + ngettext("and {n} more problem found by the integrity check",
                                         "and {n} more problems found by the integrity check", more).format(n=more))
        for (table, parent), n in sorted(self.broken_references.items()):
            out.append("  - " + ngettext("{n} record in {table} points at {parent} records that do not exist",
                                         "{n} records in {table} point at {parent} records that do not exist", n).format(
                n=n, table=table, parent=parent))
        out.append(gettext("Restore its latest good backup with 'servicecommunity restore' (the damaged file is kept aside)."))
        return out

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "ok": self.ok,
            "integrity": self.integrity,
            "broken_references": [
                {"table": t, "points_at": p, "records": n} for (t, p), n in sorted(self.broken_references.items())
            ],
        }


def check(path: Path) -> CheckReport:
    """Run ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check`` on ``path``, read-only.

    A file that is not a workspace is refused with :class:`StoreError` and left alone; a file so
    damaged that SQLite cannot read its list of tables is reported as damaged.
    """
    from servicecommunity.store.workspace import _classify, connect_readonly

    report = CheckReport(path)
    if not path.is_file():
        raise StoreError(gettext("No workspace at {path}; give --db.").format(path=path))
    try:
        if _classify(path):
            raise StoreError(gettext("{path} is an empty file, not a workspace yet; there is nothing to check.").format(path=path))
    except WorkspaceDamagedError as exc:
        report.integrity.append(str(exc.__cause__ or exc))
        return report
    conn = connect_readonly(path)
    try:
        try:
            rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            report.integrity = [] if rows == ["ok"] else rows
        except sqlite3.DatabaseError as exc:
            report.integrity.append(str(exc))
        try:
            for table, _rowid, parent, _fkid in conn.execute("PRAGMA foreign_key_check"):
                report.broken_references[(table, parent)] += 1
        except sqlite3.DatabaseError as exc:
            if str(exc) not in report.integrity:
                report.integrity.append(str(exc))
    finally:
        conn.close()
    return report


def problem(path: Path) -> str | None:
    """Why the backup at ``path`` cannot be restored, or None if it is a sound workspace we can open."""
    from servicecommunity.store.workspace import connect_readonly, known_revisions

    try:
        report = check(path)
    except StoreError as exc:
        return str(exc)
    if not report.ok:
        return "it is damaged too"
    conn = connect_readonly(path)
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()
    if revision is None or revision[0] not in known_revisions():
        return "it was written by a newer version of Service Community"
    return None


def latest_good(workspace: Path) -> Backup | None:
    """The newest backup of ``workspace`` that passes :func:`check`."""
    for backup in list_backups(workspace):
        if problem(backup.path) is None:
            return backup
    return None


# --- restoring ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Restored:
    backup: Path
    kept_aside: Path | None  # where the replaced workspace went (None if there was none)

    def summary(self) -> str:
        text = gettext("Restored the workspace from {backup}.").format(backup=self.backup)
        if self.kept_aside is not None:
            text += " " + gettext("The file it replaced is kept as {path}.").format(path=self.kept_aside)
        return text


def _refuse_if_in_use(workspace: Path) -> None:
    """Refuse while another connection (the app) has the workspace open.

    Leaving WAL mode needs the only connection to the file: SQLite answers "locked" while any
    other is open. (The file was copied aside before this touches its header.)
    """
    try:
        conn = sqlite3.connect(workspace, timeout=0)
    except sqlite3.Error:
        return
    try:
        conn.execute("PRAGMA journal_mode=DELETE").fetchall()
    except sqlite3.Error as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreError(gettext(
                "{workspace} is open in another program (the app?); close it there, then restore again."
            ).format(workspace=workspace)) from exc
        # a damaged file: its copy aside is all that matters now
    finally:
        conn.close()


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + extra) for extra in ("-wal", "-shm")]


def _keep_aside(workspace: Path) -> list[Path]:
    """Copy the workspace (and its WAL) byte for byte beside it; the copies, the file first."""
    stamp = datetime.now().strftime(_STAMP)
    aside = workspace.with_name(f"{workspace.stem}.replaced-{stamp}{_suffix(workspace)}")
    n = 1
    while aside.exists():
        aside = workspace.with_name(f"{workspace.stem}.replaced-{stamp}-{n}{_suffix(workspace)}")
        n += 1
    copies = [aside]
    shutil.copy2(workspace, aside)
    wal = _sidecars(workspace)[0]
    if wal.exists():
        copies.append(_sidecars(aside)[0])
        shutil.copy2(wal, copies[-1])
    return copies


def restore(workspace: Path, backup: Path | None = None) -> Restored:
    """Put ``backup`` (default: the latest good one) in place of ``workspace``; say what was done.

    The backup is checked first; the workspace file (and its WAL) is first copied aside byte for
    byte, never deleted; the backup is copied beside the workspace and renamed over it only when
    complete. Refused while another program (the app) has the workspace open.
    """
    if backup is None:
        good = latest_good(workspace)
        if good is None:
            raise StoreError(gettext("No good backup of {workspace} in {folder}; there is nothing to restore.").format(
                workspace=workspace, folder=folder(workspace)))
        backup = good.path
    else:
        if not backup.is_file() and (folder(workspace) / backup.name).is_file():
            backup = folder(workspace) / backup.name
        why = problem(backup)
        if why is not None:
            raise StoreError(gettext("{backup} cannot be restored: {why}.").format(backup=backup, why=why))
    if workspace.exists() and backup.resolve() == workspace.resolve():
        raise StoreError(gettext("{backup} is the workspace itself; choose one of its backups.").format(backup=backup))
    partial = workspace.with_name(f".{workspace.name}.restoring")
    copies: list[Path] = []
    try:
        shutil.copyfile(backup, partial)
        with partial.open("rb+") as fh:
            os.fsync(fh.fileno())
        if workspace.exists():
            copies = _keep_aside(workspace)
            _refuse_if_in_use(workspace)
            for sidecar in _sidecars(workspace):  # a WAL left beside it would be replayed into the backup
                sidecar.unlink(missing_ok=True)
        os.replace(partial, workspace)
    except StoreError:
        partial.unlink(missing_ok=True)
        for copy in copies:
            copy.unlink(missing_ok=True)
        raise
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(
            (gettext("Could not restore {workspace} from {backup} ({error}); the file it was is kept as {path}.")
             if copies else gettext("Could not restore {workspace} from {backup} ({error}); it was left as it was.")).format(
                workspace=workspace, backup=backup, error=exc.strerror or exc, path=copies[0] if copies else "")
        ) from exc
    return Restored(backup, copies[0] if copies else None)
