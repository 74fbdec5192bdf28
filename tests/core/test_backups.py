"""Automatic backups, check and restore, on real files: real damaged pages, a real second connection."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from servicecommunity import services
from servicecommunity.cli.main import main
from servicecommunity.domain.errors import StoreError
from servicecommunity.store import backups
from servicecommunity.store import workspace as store_module
from servicecommunity.store.workspace import open_store
from tests.core.test_store import damage_data_pages, demo_workspace


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(path: Path) -> str:
    """Every row of the file, as SQL (read by plain sqlite3, not by the code under test), sorted: a
    copy (VACUUM INTO) may list the schema's entries in another order than the file after a migration
    dropped and made indexes, which changes nothing of what the file holds."""
    conn = sqlite3.connect(path)
    try:
        return "\n".join(sorted(conn.iterdump()))
    finally:
        conn.close()


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    path = tmp_path / "w.sqlite"
    demo_workspace(path)
    return path


def age(backup: Path, days: int) -> Path:
    """Rename ``backup`` as if it had been taken ``days`` ago."""
    found = next(b for b in backups.list_backups(backup.parent.parent / "w.sqlite") if b.path == backup)
    older = (found.taken - timedelta(days=days)).strftime("%Y%m%d-%H%M%S")
    target = backup.with_name(f"w-{older}-{found.reason}.sqlite")
    return backup.rename(target)


@pytest.fixture
def demo_json() -> Path:
    """The demo as a bundle file, for imports."""
    from servicecommunity.exchange.demo import DEMO_FILE
    from servicecommunity.resources import resource_path

    return Path(resource_path(*DEMO_FILE))


def test_the_first_command_of_the_day_takes_one_backup_that_holds_the_workspace(
    capsys: pytest.CaptureFixture[str], workspace: Path
) -> None:
    assert backups.list_backups(workspace) == []
    for _ in range(3):
        assert run(capsys, "summary", "--db", str(workspace))[0] == 0
    (daily,) = backups.list_backups(workspace)
    assert daily.reason == "daily" and daily.path.parent == workspace.parent / "backups"
    assert daily.taken.date() == datetime.now().date()
    assert snapshot(daily.path) == snapshot(workspace)
    code, out, _ = run(capsys, "backups", "--db", str(workspace))
    assert code == 0 and daily.path.name in out and "daily" in out


def test_a_new_workspace_and_a_plain_open_take_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite"
    open_store(path, daily_backup=True).close()  # created by this open: nothing to keep
    open_store(path).close()  # a library caller, not the command line or the app
    assert not (tmp_path / "backups").exists()


def test_an_import_is_preceded_by_a_backup_of_the_workspace_as_it_was(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, demo_json: Path
) -> None:
    path = tmp_path / "w.sqlite"
    open_store(path).close()
    before = snapshot(path)
    assert run(capsys, "import", "--db", str(path), str(demo_json))[0] == 0
    (newest,) = backups.list_backups(path)  # today's daily copy, taken on open, already held it as it was
    assert newest.reason == "daily"
    assert snapshot(newest.path) == before
    assert snapshot(path) != before
    assert run(capsys, "import", "--db", str(path), str(demo_json))[0] == 0  # a merge of the same: nothing new
    newest = backups.list_backups(path)[0]
    assert newest.reason == "import" and snapshot(newest.path) == snapshot(path)


def test_before_change_reuses_an_up_to_date_backup_and_takes_a_new_one_after_a_write(workspace: Path) -> None:
    with open_store(workspace) as store:
        first = backups.before_change(store)
        assert backups.before_change(store) == first  # nothing written since: no second copy
        with store.session() as session:
            services.create(session, "communities", data={"name": "Leeds"})
        second = backups.before_change(store)
    assert second is not None and second != first
    assert [b.path for b in backups.list_backups(workspace)] == [second, first]


def test_only_the_newest_backups_are_kept(workspace: Path) -> None:
    with open_store(workspace) as store:
        taken = [backups.take(store, "import", keep=3) for _ in range(5)]
    assert [b.path for b in backups.list_backups(workspace)] == taken[:1:-1]
    other = workspace.with_name("w-old.sqlite")  # another workspace in the same folder keeps its own
    demo_workspace(other)
    with open_store(other) as store:
        backups.take(store, "daily", keep=3)
    assert len(backups.list_backups(workspace)) == 3 and len(backups.list_backups(other)) == 1


def test_leftovers_of_a_killed_backup_go_when_backups_rotate(workspace: Path) -> None:
    """A backup killed halfway leaves ``.NAME.partial`` (or a writer's ``.NAME.tmp-PID``): cleaned once stale."""
    import subprocess
    import sys

    where = backups.folder(workspace)
    where.mkdir()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    hour_ago = datetime.now().timestamp() - 3700

    def leftover(name: str, *, old: bool) -> Path:
        path = where / name
        path.write_bytes(b"half a copy")
        if old:
            os.utime(path, (hour_ago, hour_ago))
        return path

    stale = [
        leftover(".w-20250101-120000-daily.sqlite.partial", old=True),
        leftover(f".w-20250101-120000-import.sqlite.tmp-{gone.pid}", old=False),  # its writer is gone
        leftover(f".w-20250101-120000-merge.sqlite.tmp-{os.getpid()}", old=True),  # over an hour old
    ]
    fresh = [
        leftover(".w-20250101-130000-daily.sqlite.partial", old=False),  # a copy being written now, maybe
        leftover(f".w-20250101-130000-daily.sqlite.tmp-{os.getpid()}", old=False),  # its writer is running
        leftover(".notes.txt", old=True),  # not ours
    ]
    with open_store(workspace) as store:
        backups.take(store, "import")
    assert [p for p in stale if p.exists()] == []
    assert all(p.exists() for p in fresh)
    assert len(backups.list_backups(workspace)) == 1


def test_an_import_that_cannot_be_backed_up_is_refused_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, demo_json: Path
) -> None:
    path = tmp_path / "w.sqlite"
    open_store(path).close()
    (tmp_path / "backups").write_text("a file where the backups folder would go")
    before = snapshot(path)
    code, _, err = run(capsys, "import", "--db", str(path), str(demo_json))
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"error: Could not back up {path}") and "nothing was changed" in err
    assert snapshot(path) == before


def test_a_full_disk_during_an_import_of_new_records_is_one_sentence_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, demo_json: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.sqlite"
    open_store(path).close()
    before = snapshot(path)
    pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]
    original = store_module._set_sqlite_pragmas

    def no_room(dbapi_connection: sqlite3.Connection, record: object) -> None:
        original(dbapi_connection, record)
        dbapi_connection.execute(f"PRAGMA main.max_page_count={pages}")  # the workspace cannot grow

    monkeypatch.setattr(store_module, "_set_sqlite_pragmas", no_room)
    code, _, err = run(capsys, "import", "--db", str(path), str(demo_json))
    monkeypatch.undo()
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err, err
    assert err == f"error: The disk holding {path} is full, so nothing was changed; free some space and try again.\n"
    assert snapshot(path) == before


# --- damaged workspaces ---------------------------------------------------------------------------


def test_a_damaged_workspace_is_one_sentence_then_check_then_restore(
    capsys: pytest.CaptureFixture[str], workspace: Path
) -> None:
    with open_store(workspace) as store:
        good = backups.take(store, "daily")  # today's backup: the next open takes none
    damage_data_pages(workspace)
    damaged = workspace.read_bytes()

    code, out, err = run(capsys, "summary", "--db", str(workspace))
    assert code == 1 and out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"error: {workspace} is damaged") and "'servicecommunity restore'" in err

    code, out, err = run(capsys, "check", "--db", str(workspace))
    assert code == 1 and err == ""
    assert out.startswith(f"{workspace} is damaged:") and "integrity check" in out and "restore" in out

    code, out, err = run(capsys, "restore", "--db", str(workspace))
    assert code == 0, err
    (aside,) = workspace.parent.glob("w.replaced-*.sqlite")
    assert out == f"Restored the workspace from {good}. The file it replaced is kept as {aside}.\n"
    assert aside.read_bytes() == damaged  # kept as it was, never lost
    assert run(capsys, "check", "--db", str(workspace))[0] == 0
    assert run(capsys, "summary", "--db", str(workspace))[0] == 0
    assert snapshot(workspace) == snapshot(good)


def test_the_daily_backup_finds_damage_at_open_and_makes_no_bad_copy(
    capsys: pytest.CaptureFixture[str], workspace: Path
) -> None:
    with open_store(workspace) as store:
        age(backups.take(store, "daily"), days=1)  # yesterday's: today's is still due
    damage_data_pages(workspace)
    code, _, err = run(capsys, "summary", "--db", str(workspace))
    assert code == 1 and err.startswith(f"error: {workspace} is damaged") and err.count("\n") == 1
    assert len(backups.list_backups(workspace)) == 1  # the damaged file was not copied
    assert not [p for p in (workspace.parent / "backups").iterdir() if p.name.endswith(".partial")]


def test_restore_passes_over_a_damaged_backup_for_the_latest_good_one(workspace: Path) -> None:
    with open_store(workspace) as store:
        older = age(backups.take(store, "daily"), days=1)
        newer = backups.take(store, "import")
    damage_data_pages(newer)
    assert backups.problem(newer) == "it is damaged too"
    done = backups.restore(workspace)
    assert done.backup == older and done.kept_aside is not None
    with pytest.raises(StoreError, match="cannot be restored: it is damaged too"):
        backups.restore(workspace, Path(newer.name))


def test_restore_is_refused_while_the_workspace_is_open_elsewhere(workspace: Path) -> None:
    with open_store(workspace) as store:
        backups.take(store, "daily")
    app = sqlite3.connect(workspace)  # the app, with the workspace open
    app.execute("SELECT count(*) FROM step").fetchall()
    before = snapshot(workspace)
    try:
        with pytest.raises(StoreError, match="is open in another program"):
            backups.restore(workspace)
    finally:
        app.close()
    assert snapshot(workspace) == before
    assert list(workspace.parent.glob("w.replaced-*")) == []


def test_no_backup_to_restore_is_one_sentence(capsys: pytest.CaptureFixture[str], workspace: Path) -> None:
    before = workspace.read_bytes()
    code, _, err = run(capsys, "restore", "--db", str(workspace))
    assert code == 1 and err == f"error: No good backup of {workspace} in {workspace.parent / 'backups'}; there is nothing to restore.\n"
    assert workspace.read_bytes() == before


def test_check_reports_a_sound_workspace_and_broken_references_in_words(
    capsys: pytest.CaptureFixture[str], workspace: Path
) -> None:
    code, out, _ = run(capsys, "check", "--db", str(workspace))
    assert code == 0 and out.startswith(f"{workspace} is sound")
    conn = sqlite3.connect(workspace)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("UPDATE step SET journey_id = 'no-such-journey' WHERE rowid IN (SELECT rowid FROM step LIMIT 2)")
    conn.commit()
    conn.close()
    before = workspace.read_bytes()
    code, out, _ = run(capsys, "check", "--db", str(workspace))
    assert code == 1 and "  - 2 records in step point at journey records that do not exist" in out
    assert workspace.read_bytes() == before  # check only reads
    code, out, _ = run(capsys, "check", "--db", str(workspace), "--json")
    assert json.loads(out)["broken_references"] == [{"table": "step", "points_at": "journey", "records": 2}]


def test_check_refuses_another_programs_file_and_leaves_it_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tests.core.test_store import foreign_database

    path = tmp_path / "notes.sqlite"
    before = foreign_database(path)
    code, _, err = run(capsys, "check", "--db", str(path))
    assert code == 1 and "another program's SQLite database" in err and err.count("\n") == 1
    assert path.read_bytes() == before and sorted(os.listdir(tmp_path)) == ["notes.sqlite"]
