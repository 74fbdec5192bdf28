"""Kill -9 during writes: each cycle kills a real writer at a random moment, then checks the workspace.

    .venv/bin/python scripts/chaos_kill.py [--cycles 40] [--seed 1] [--size small|medium|full]
                                           [--ops import,merge,edits,export] [--formats json,csv,...]
                                           [--aim mixed|random|write] [--keep DIR] [--time-limit S]

Set-up (once): the demo workspace; a synthetic community (``servicecommunity.testing.synthetic``) as a
bundle; member A's workspace holding it and member B's bundle after B's edits through the service
layer (as two members do, see ``tests/core/members.py``); an empty workspace. Each operation is
then run once to the end, which gives its duration and the state it leaves.

A cycle copies a workspace into a fresh folder and starts a real process doing one operation:

- ``import``: ``servicecommunity import synthetic.json`` into the empty workspace;
- ``merge``: ``servicecommunity import changed.json`` (B's changes) into A's workspace;
- ``edits``: a run of edits through the service layer on the demo, each its own transaction
  (this script, ``--worker``);
- ``export``: ``servicecommunity export --format F`` of A's workspace, every format in turn, over
  nothing or over an older export of the demo;

and sends it SIGKILL after a random delay within the operation's measured duration (``--aim random``;
half of those delays fall in the window it was seen writing), or (``--aim write``) at the first
sight of it writing plus a random part of that window; ``mixed`` (the default) takes turns, since
on a loaded machine a delay measured once often lands before the write. After the kill:

- ``servicecommunity check`` exits 0, and SQLite's ``integrity_check`` and ``foreign_key_check``
  are clean;
- the workspace holds the state before or the state after the operation (for the edits: the
  state after one of the edits), compared as the canonical bundle of the community
  (``bundle.export_bundle`` and ``bundle.dumps``, bookkeeping times stripped) and pending conflicts;
- an export's target is absent, the old file byte for byte, or a complete valid file;
- no file is left that the app would read: every name in ``backups/`` the app lists is a sound
  workspace; a temporary file (``.NAME.tmp-PID``, ``backups/.NAME.partial``) may stay, and is counted;
- every few cycles (``--recover-every``) the operation is run again to the end and must finish.

Where the kill landed is read from ``/proc/locks`` (the process held SQLite's WAL write lock) and
the folder (a temporary file of an export or backup was there): those are the kills mid-write.
Prints a line per operation and exits 1 on any failure; ``--seed`` makes a run repeatable (the
delays; the machine's timing still varies).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OPS = ("import", "merge", "edits", "export")
ALL_FORMATS = ("json", "csv", "xlsx", "html", "pdf", "svg", "png", "bpmn", "graphml", "mermaid", "markdown")
SUFFIX = {"json": ".json", "csv": ".zip", "xlsx": ".xlsx", "html": ".html", "pdf": ".pdf", "svg": ".svg",
          "png": ".png", "bpmn": ".bpmn", "graphml": ".graphml", "mermaid": ".mmd", "markdown": ".md"}
SIZES: dict[str, dict[str, int]] = {
    "small": {"organisations": 12, "members": 16, "journeys": 2, "steps": 80, "dependencies": 200,
              "blockers": 300, "small_journey_steps": 10},
    "medium": {"steps": 500, "dependencies": 1500, "blockers": 2000},
    "full": {"steps": 5000, "dependencies": 15000, "blockers": 20000},
}
ONE_JOURNEY = ("svg", "png", "bpmn", "mermaid")  # these formats show one journey: the big one
JOURNEY = "Starting a business"  # the synthetic community's big journey; the demo's, whatever the case
EDITS = 40  # edits in one run of the edits worker
WORKSPACE = "workspace.sqlite"
TIMES = ("created_at", "updated_at", "deleted_at")  # bookkeeping times: the moment a run wrote them


# --- the canonical state of a workspace ----------------------------------------------------------


def canonical(path: Path) -> str:
    """A hash of everything a member sees in the workspace, without the times its writes were made.

    Opens the file as the app does (so a WAL left by a killed writer is recovered first).
    """
    from sqlalchemy import select

    from servicecommunity.domain.models import Community
    from servicecommunity.exchange import bundle, merge
    from servicecommunity.store.workspace import open_store

    with open_store(path, create=False) as store, store.session() as session:
        if session.scalars(select(Community.id)).first() is None:
            return "empty"
        data = bundle.export_bundle(session, include_sensitive=True)
        conflicts = sorted((c.id, c.field, json.dumps(c.shown.value), json.dumps(c.other.value))
                           for c in merge.pending_conflicts(session))
    for section in (*bundle.SECTIONS, "tombstones"):
        for rec in data[section]:
            for name in TIMES:
                rec.pop(name, None)
    data.pop("as_of", None)
    for clock in data.get("clocks", {}).values():  # a dot is [site, counter, time]: keep site and counter
        clock["c"] = clock["c"][:2]
        for entry in (clock.get("f") or {}).values():
            entry["w"] = [dot[:2] for dot in entry["w"]]
    text = bundle.dumps(data) + json.dumps(conflicts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def canonical_of_copy(path: Path) -> str:
    """:func:`canonical` of a copy: reading a workspace may settle its clocks, which must not change it."""
    with tempfile.TemporaryDirectory(prefix="sc-chaos-state-") as scratch:
        copy = Path(scratch) / "copy.sqlite"
        src, dst = sqlite3.connect(path), sqlite3.connect(copy)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
        return canonical(copy)


# --- the edits worker -----------------------------------------------------------------------------


@contextlib.contextmanager
def seeded_ids(seed: int) -> Iterator[Callable[[], uuid.UUID]]:
    """New records get ids from a seeded generator, so two runs of the same edits give the same ids.

    Yields the real ``uuid4``, for work in between that must not draw from the seeded sequence.
    """
    rng = random.Random(seed)
    real = uuid.uuid4
    uuid.uuid4 = lambda: uuid.UUID(int=rng.getrandbits(128), version=4)  # type: ignore[assignment]
    try:
        yield real
    finally:
        uuid.uuid4 = real  # type: ignore[assignment]


def edit_run(path: Path, *, count: int, seed: int, after_each: Callable[[], None] | None = None) -> None:
    """``count`` edits through the service layer, each in its own transaction, chosen by ``seed``."""
    from sqlalchemy import select

    from servicecommunity import services
    from servicecommunity.domain.models import Blocker, Organisation, Step
    from servicecommunity.store.workspace import open_store

    rng = random.Random(seed)
    with open_store(path, create=False) as store:
        with store.session() as session:
            steps = sorted(session.scalars(select(Step.id)).all())
            blockers = sorted(session.scalars(select(Blocker.id)).all())
            orgs = sorted(session.scalars(select(Organisation.id)).all())
            community = session.scalars(select(Blocker.community_id)).first()
        for n in range(count):
            kind = n % 6
            with store.session() as session:
                if kind == 0:
                    services.update(session, "steps", rng.choice(steps), data={"title": f"Step edited {n}"})
                elif kind == 1:
                    services.update(session, "blockers", rng.choice(blockers),
                                    data={"severity": rng.choice(["low", "medium", "high", "critical"]),
                                          "description": f"Edited in run {n}"})
                elif kind == 2:
                    services.comment_on_blocker(session, rng.choice(blockers), comment=f"Comment {n}")
                elif kind == 3:
                    made = services.create(session, "blockers", data={
                        "community_id": community, "title": f"New blocker {n}", "severity": "high",
                        "step_ids": sorted(rng.sample(steps, 2)), "blocking_organisation_ids": [rng.choice(orgs)]})
                    blockers.append(str(made.value.id))
                elif kind == 4:
                    victim = blockers.pop(rng.randrange(len(blockers)))
                    services.delete(session, "blockers", victim)
                else:
                    services.update(session, "organisations", rng.choice(orgs), data={"short_name": f"Org {n}"})
            if after_each is not None:
                after_each()


def worker(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="chaos_kill.py --worker")
    p.add_argument("db", type=Path)
    p.add_argument("--count", type=int, default=EDITS)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--states", type=Path, help="write the canonical state before and after each edit here")
    args = p.parse_args(argv)
    states: list[str] = []
    with seeded_ids(args.seed) as real_uuid4:

        def record() -> None:  # outside the seeded sequence, so the ids match a run that records nothing
            seeded = uuid.uuid4
            uuid.uuid4 = real_uuid4  # type: ignore[assignment]
            try:
                states.append(canonical_of_copy(args.db))
            finally:
                uuid.uuid4 = seeded  # type: ignore[assignment]

        if args.states:
            record()
        edit_run(args.db, count=args.count, seed=args.seed, after_each=record if args.states else None)
    if args.states:
        args.states.write_text("\n".join(states) + "\n", encoding="utf-8")
    return 0


# --- what is left in the folder, and what is valid ------------------------------------------------


def holds_write_lock(pid: int, workspace: Path) -> bool:
    """True if process ``pid`` holds SQLite's WAL write lock on ``workspace`` (byte 120 of the -shm)."""
    try:
        inode = (workspace.with_name(workspace.name + "-shm")).stat().st_ino
        locks = Path("/proc/locks").read_text()
    except OSError:
        return False
    for line in locks.splitlines():
        parts = line.split()
        if "->" in parts:  # a waiter
            continue
        if len(parts) >= 8 and parts[1] == "POSIX" and parts[3] == "WRITE" and parts[4] == str(pid) \
                and parts[5].endswith(f":{inode}") and int(parts[6]) <= 120 <= (
                    10**18 if parts[7] == "EOF" else int(parts[7])):
            return True
    return False


TEMP = re.compile(r"\..+\.(tmp-\d+|partial(-journal|-wal|-shm)?)")


def temp_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob(".*") if p.is_file() and TEMP.fullmatch(p.name))


def valid_export(fmt: str, raw: bytes, reference: bytes | None) -> str | None:
    """Why ``raw`` is not a complete export in ``fmt``, or None."""
    try:
        if reference is not None and raw != reference:
            return "differs from the export run to its end"
        if fmt == "json":
            from servicecommunity.exchange import bundle

            bundle.parse_bundle(raw)
        elif fmt in ("csv", "xlsx"):
            with zipfile.ZipFile(io.BytesIO(raw)) as zf:
                bad = zf.testzip()
                if bad is not None:
                    return f"member {bad} is damaged"
            if fmt == "xlsx":
                import openpyxl

                openpyxl.load_workbook(io.BytesIO(raw), read_only=True).close()
        elif fmt in ("svg", "bpmn", "graphml"):
            ElementTree.fromstring(raw)
        elif fmt == "html":
            if not raw.rstrip().lower().endswith(b"</html>"):
                return "does not end with </html>"
        elif fmt == "pdf":
            if not raw.startswith(b"%PDF") or b"%%EOF" not in raw[-1024:]:
                return "not a whole PDF"
        elif fmt == "png":
            if not raw.startswith(b"\x89PNG\r\n\x1a\n") or not raw.endswith(b"IEND\xaeB`\x82"):
                return "not a whole PNG"
        else:
            raw.decode("utf-8")
            if not raw.endswith(b"\n"):
                return "does not end with a new line"
    except Exception as exc:  # any failure to read it is the finding
        return f"{type(exc).__name__}: {exc}"
    return None


def check_workspace(path: Path) -> list[str]:
    """The project's ``check`` (exit 0) and SQLite's own checks on a plain connection; problems found."""
    from servicecommunity.cli.main import main

    problems = []
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", "--db", str(path)])
    if code != 0:
        problems.append(f"servicecommunity check exited {code}: {(out.getvalue() + err.getvalue()).strip()[:300]}")
    conn = sqlite3.connect(path)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            problems.append(f"integrity_check: {rows[:3]}")
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            problems.append(f"foreign_key_check: {len(broken)} rows, e.g. {broken[0]}")
    except sqlite3.DatabaseError as exc:
        problems.append(f"SQLite cannot check it: {exc}")
    finally:
        conn.close()
    return problems


def check_backups(path: Path) -> list[str]:
    """Every backup the app lists is a sound workspace (a half copy never carries a backup's name)."""
    from servicecommunity.store import backups

    return [f"backup {b.path.name}: {why}" for b in backups.list_backups(path)
            if (why := backups.problem(b.path)) is not None]


# --- set-up ---------------------------------------------------------------------------------------


@dataclass
class Op:
    """One kind of cycle: what to copy, what to run, and what it may leave."""

    name: str
    base: Path | None  # the workspace copied into each cycle's folder
    command: Callable[[Path], list[str]]  # the command, given the cycle's folder
    before: set[str] = field(default_factory=set)
    after: set[str] = field(default_factory=set)
    duration: float = 0.0
    writing: tuple[float, float] | None = None  # when it was first and last seen writing, in the run to its end
    fmt: str | None = None
    old: bytes | None = None  # for an export: the older file it writes over (every other cycle)
    reference: bytes | None = None  # for an export: the file written when it runs to its end


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "servicecommunity", *args]


def environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               SERVICECOMMUNITY_LOG_DIR=str(home / "logs"), SERVICECOMMUNITY_DB=str(home / "default.sqlite"),
               PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""))
    env.pop("PYTHONHASHSEED", None)
    return env


def quiet_close(path: Path) -> None:
    """Checkpoint ``path`` so that its main file alone holds everything (a copy of it is whole)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)


def build(work: Path, size: str, log: Callable[[str], None]) -> dict[str, Path]:
    """The workspaces and bundles every cycle starts from."""
    from servicecommunity.exchange import bundle
    from servicecommunity.exchange.demo import load_demo
    from servicecommunity.store.workspace import open_store
    from servicecommunity.testing import synthetic
    from tests.core.members import Member

    started = time.perf_counter()
    paths = {name: work / f"{name}.sqlite" for name in ("demo", "empty", "a", "b")}
    with open_store(paths["demo"]) as store:
        load_demo(store)
    with open_store(paths["empty"]):
        pass
    data = synthetic.generate_bundle(seed=7, **SIZES[size])
    paths["synthetic"] = work / "synthetic.json"
    paths["synthetic"].write_text(bundle.dumps(data), encoding="utf-8")
    a, b = Member(paths["a"]), Member(paths["b"])
    try:
        with a.session() as session:
            bundle.import_new(session, data)
        b.receive(a.send())
        with seeded_ids(11):
            edit_run(paths["b"], count=max(10, len(data["blockers"]) // 20), seed=3)  # B's work since
        paths["changed"] = work / "changed.json"
        paths["changed"].write_bytes(b.send())
    finally:
        a.close()
        b.close()
    for name in ("demo", "empty", "a"):
        quiet_close(paths[name])
    log(f"set-up: demo, synthetic community ({size}: {sum(len(data[s]) for s in bundle.SECTIONS):,} records), "
        f"two members' workspaces, in {time.perf_counter() - started:.1f} s")
    return paths


def make_ops(paths: dict[str, Path], ops: list[str], formats: list[str], edits: int = EDITS) -> list[Op]:
    made: list[Op] = []
    for name in ops:
        if name == "import":
            made.append(Op("import", paths["empty"], lambda d: cli("import", "--db", str(d / WORKSPACE),
                                                                   str(paths["synthetic"]))))
        elif name == "merge":
            made.append(Op("merge", paths["a"], lambda d: cli("import", "--db", str(d / WORKSPACE),
                                                              str(paths["changed"]))))
        elif name == "edits":
            made.append(Op("edits", paths["demo"], lambda d: [sys.executable, str(Path(__file__).resolve()),
                                                              "--worker", str(d / WORKSPACE), "--seed", "5",
                                                              "--count", str(edits)]))
        elif name == "export":
            for fmt in formats:
                journey = ["--journey", JOURNEY] if fmt in ONE_JOURNEY else []
                made.append(Op(f"export {fmt}", paths["a"], lambda d, fmt=fmt, journey=journey: cli(
                    "export", "--db", str(d / WORKSPACE), "--format", fmt, "--include-sensitive", *journey,
                    "-o", str(d / f"export{SUFFIX[fmt]}")), fmt=fmt))
    return made


def in_process(command: list[str]) -> int:
    """Run ``command`` (this script's worker or the command line) in this process: no start-up to wait for."""
    from servicecommunity.cli.main import main

    with contextlib.redirect_stdout(io.StringIO()):
        if command[1] == str(Path(__file__).resolve()):
            return worker(command[3:])
        return main(command[3:])


def measure(op: Op, work: Path, env: dict[str, str], paths: dict[str, Path], *, timed: bool = True) -> None:
    """Run ``op`` to its end once: its duration, and the states before and after it.

    Not ``timed``: run in this process (quicker; the duration is then not a process's).
    """
    folder = work / f"ref-{op.name.replace(' ', '-')}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    assert op.base is not None
    shutil.copyfile(op.base, folder / WORKSPACE)
    op.before = {canonical_of_copy(op.base)}
    command = op.command(folder)
    if op.name == "edits":
        command += ["--states", str(folder / "states.txt")]
        if timed:
            subprocess.run(command, env=env, check=True, capture_output=True, timeout=600)
        else:
            in_process(command)
        op.after = set((folder / "states.txt").read_text(encoding="utf-8").split())
        shutil.copyfile(op.base, folder / WORKSPACE)  # and again, without the states, for the time
        command = op.command(folder)
    started = time.perf_counter()
    if timed:
        code, said, op.writing = watched(command, env, folder)
    else:
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code = in_process(command) if op.name != "edits" else 0
        said = err.getvalue()
    op.duration = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"{op.name} fails when it is not killed: {said.strip()[-500:]}")
    if op.name != "edits":
        op.after = {canonical_of_copy(folder / WORKSPACE)}
    if op.fmt is not None:
        op.reference = (folder / f"export{SUFFIX[op.fmt]}").read_bytes()
        if op.fmt not in ("json",):  # the other formats may carry the time they were made
            op.reference = None
        old = work / f"old{SUFFIX[op.fmt]}"
        if not old.exists():
            from servicecommunity.cli.main import main

            shutil.copyfile(paths["demo"], folder / "demo.sqlite")
            with contextlib.redirect_stdout(io.StringIO()):
                main(["export", "--db", str(folder / "demo.sqlite"), "--format", op.fmt, "-o", str(old),
                      *(["--journey", JOURNEY] if op.fmt in ONE_JOURNEY else [])])
        op.old = old.read_bytes()
    shutil.rmtree(folder, ignore_errors=True)


def watched(command: list[str], env: dict[str, str], folder: Path) -> tuple[int, str, tuple[float, float] | None]:
    """Run ``command`` to its end, watching when it writes; its exit status, its errors, the writing window."""
    seen: list[float] = []
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=err)
        deadline = started + 1800
        while proc.poll() is None and time.perf_counter() < deadline:
            if holds_write_lock(proc.pid, folder / WORKSPACE) or temp_files(folder):
                seen.append(time.perf_counter() - started)
            time.sleep(0.002)
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=60)
        err.seek(0)
        said = err.read().decode("utf-8", "replace")
    return proc.returncode, said, (seen[0], seen[-1]) if seen else None


# --- a cycle --------------------------------------------------------------------------------------


@dataclass
class Outcome:
    op: str
    phase: str  # "lock" (held the write lock), "file" (writing a temporary file), "before", "finished"
    failures: list[str]
    temps: int = 0
    recovered: bool = False


def run_cycle(op: Op, folder: Path, env: dict[str, str], rng: random.Random, *, aim: str, recover: bool) -> Outcome:
    workspace = folder / WORKSPACE
    assert op.base is not None
    shutil.copyfile(op.base, workspace)
    target = folder / f"export{SUFFIX[op.fmt]}" if op.fmt else None
    with_old = target is not None and rng.random() < 0.5
    if target is not None and with_old:
        assert op.old is not None
        target.write_bytes(op.old)
    # Half the random kills fall anywhere in the run, half in the window it was seen writing
    # (start-up, reading and checking the file take most of a run); aimed kills wait for the first
    # sight of a write, then a random part of that window.
    window = op.writing or (0.0, op.duration)
    delay = rng.uniform(0, op.duration) if rng.random() < 0.5 else rng.uniform(*window)
    extra = rng.uniform(0, window[1] - window[0]) if op.writing else 0.0
    log = folder.parent / f"{folder.name}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(op.command(folder), env=env, stdout=out, stderr=subprocess.STDOUT)
        pid = proc.pid
        phase = "finished"
        try:
            deadline = time.perf_counter() + (op.duration * 3 + 30 if aim == "write" else delay)
            while proc.poll() is None and time.perf_counter() < deadline:
                if aim == "write" and (holds_write_lock(pid, workspace) or temp_files(folder)):
                    time.sleep(extra)
                    break
                time.sleep(0.0005 if aim == "write" else min(0.005, max(0.0, deadline - time.perf_counter())))
            if proc.poll() is None:
                phase = "lock" if holds_write_lock(pid, workspace) else "file" if temp_files(folder) else "before"
                os.kill(pid, signal.SIGKILL)
        finally:
            proc.wait(timeout=60)
    if phase == "finished" and proc.returncode != 0:
        return Outcome(op.name, phase, [f"exited {proc.returncode} without being killed: {log.read_text()[-300:]}"])
    failures = check_workspace(workspace)
    temps = temp_files(folder)
    failures += check_backups(workspace)
    if target is not None:
        if target.exists():
            raw = target.read_bytes()
            if not (with_old and raw == op.old):
                why = valid_export(op.fmt or "", raw, op.reference)
                if why is not None:
                    failures.append(f"the export target is {'neither the old file nor ' if with_old else ''}"
                                    f"a complete file ({why})")
        elif with_old:
            failures.append("the old export was removed")
    try:
        state = canonical_of_copy(workspace)
    except Exception as exc:  # a workspace that cannot be read back is the finding
        state = f"unreadable ({type(exc).__name__}: {exc})"
    if state not in op.before | op.after:
        failures.append(f"the workspace holds neither the state before nor after ({state})")
    expected = {WORKSPACE, WORKSPACE + "-wal", WORKSPACE + "-shm", "backups"} | ({target.name} if target else set())
    for stray in sorted(folder.iterdir()):
        if stray.name not in expected and stray not in temps:
            failures.append(f"an unexpected file is left: {stray.name}")
    recovered = False
    if recover and not failures:
        again = op.command(folder)
        if op.name == "edits":  # another run of edits: the same seed would make the same ids again
            again[again.index("--seed") + 1] = "6"
        done = subprocess.run(again, check=False, env=env, capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            failures.append(f"running it again after the kill fails: {done.stdout.strip()[-200:]} {done.stderr.strip()[-300:]}")
        elif op.name != "edits" and canonical_of_copy(workspace) not in op.after:
            failures.append("running it again after the kill does not give the state after")
        elif target is not None and (why := valid_export(op.fmt or "", target.read_bytes(), op.reference)):
            failures.append(f"the export written again is not complete ({why})")
        else:
            recovered = True
    if not failures:
        log.unlink(missing_ok=True)
    return Outcome(op.name, phase, failures, temps=len(temps), recovered=recovered)


# --- the run --------------------------------------------------------------------------------------


@dataclass
class Figures:
    cycles: Counter[str] = field(default_factory=Counter)
    phases: dict[str, Counter[str]] = field(default_factory=dict)
    temps: Counter[str] = field(default_factory=Counter)
    recovered: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[int, str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def mid_write(self) -> int:
        return sum(c["lock"] + c["file"] for c in self.phases.values())

    @property
    def kills(self) -> int:
        return sum(sum(c.values()) - c["finished"] for c in self.phases.values())

    def add(self, cycle: int, outcome: Outcome) -> None:
        group = outcome.op.split()[0]
        self.cycles[group] += 1
        self.phases.setdefault(group, Counter())[outcome.phase] += 1
        self.temps[group] += outcome.temps
        self.recovered[group] += outcome.recovered
        self.failures += [(cycle, outcome.op, f) for f in outcome.failures]

    def table(self) -> str:
        lines = [f"{'operation':<9} {'cycles':>6} {'killed':>6} {'holding lock':>12} {'writing file':>12} "
                 f"{'before write':>12} {'had finished':>12} {'run again':>9} {'temp left':>9}"]
        for group in sorted(self.cycles):
            c = self.phases[group]
            lines.append(f"{group:<9} {self.cycles[group]:>6} {sum(c.values()) - c['finished']:>6} {c['lock']:>12} "
                         f"{c['file']:>12} {c['before']:>12} {c['finished']:>12} {self.recovered[group]:>9} "
                         f"{self.temps[group]:>9}")
        total = sum(self.cycles.values())
        lines.append(f"{total} cycles, {self.kills} kills, {self.mid_write} mid-write, "
                     f"{len(self.failures)} failures, in {self.seconds:.0f} s")
        return "\n".join(lines)


def run(*, cycles: int, seed: int, size: str = "medium", ops: list[str] | None = None,
        formats: list[str] | None = None, aim: str = "random", recover_every: int = 5, edits: int = EDITS,
        work: Path | None = None, log: Callable[[str], None] = print, time_limit: float = 6 * 3600) -> Figures:
    """Set up, measure each operation, then ``cycles`` kill cycles (no longer than ``time_limit``)."""
    started = time.perf_counter()
    owned = work is None
    work = Path(tempfile.mkdtemp(prefix="sc-chaos-")) if work is None else work
    work.mkdir(parents=True, exist_ok=True)
    env = environment(work / "home")
    old_env = {k: os.environ.get(k) for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "SERVICECOMMUNITY_LOG_DIR")}
    os.environ.update({k: env[k] for k in old_env})  # this process's own opens and checks too
    figures = Figures()
    try:
        paths = build(work, size, log)
        chosen = make_ops(paths, ops or list(OPS), formats or list(ALL_FORMATS), edits)
        for op in chosen:
            measure(op, work, env, paths, timed=aim != "write")
        log("measured: " + ", ".join(f"{op.name} {op.duration:.2f} s" + (
            f" (writing {op.writing[0]:.2f}-{op.writing[1]:.2f} s)" if op.writing else "") for op in chosen))
        rng = random.Random(seed)
        by_group: dict[str, list[Op]] = {}
        for op in chosen:
            by_group.setdefault(op.name.split()[0], []).append(op)
        groups = sorted(by_group)
        cycles_dir = work / "cycles"
        cycles_dir.mkdir(exist_ok=True)
        for n in range(cycles):
            if time.perf_counter() - started > time_limit:
                log(f"time limit reached after {n} cycles")
                break
            group = groups[n % len(groups)]
            op = by_group[group][(n // len(groups)) % len(by_group[group])]
            folder = cycles_dir / f"{n:04d}"
            folder.mkdir()
            this_aim = aim if aim != "mixed" else ("write" if (n // len(groups)) % 2 else "random")
            outcome = run_cycle(op, folder, env, rng, aim=this_aim,
                                recover=recover_every > 0 and n % recover_every == recover_every - 1)
            figures.add(n, outcome)
            for failure in outcome.failures:
                log(f"FAIL cycle {n} ({op.name}, killed {outcome.phase}): {failure}")
            if not outcome.failures:
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        for k, v in old_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        figures.seconds = time.perf_counter() - started
        if owned and not figures.failures:
            shutil.rmtree(work, ignore_errors=True)
        elif figures.failures:
            log(f"the failing cycles' folders are kept in {work / 'cycles'}")
    return figures


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        return worker(argv[1:])
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--cycles", type=int, default=40)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--size", choices=SIZES, default="medium", help="the synthetic community's size")
    p.add_argument("--ops", default=",".join(OPS), help="the operations, comma separated")
    p.add_argument("--formats", default=",".join(ALL_FORMATS), help="the export formats, comma separated")
    p.add_argument("--aim", choices=("random", "write", "mixed"), default="mixed",
                   help="kill after a random delay, at a random moment of its writing, or each in turn (default)")
    p.add_argument("--edits", type=int, default=EDITS, help="edits in one run of the edits operation")
    p.add_argument("--recover-every", type=int, default=5, help="run the operation again after every Nth kill")
    p.add_argument("--keep", type=Path, help="work in this folder (kept) instead of a temporary one")
    p.add_argument("--time-limit", type=float, default=6 * 3600, help="stop starting cycles after this many seconds")
    args = p.parse_args(argv)
    for name in args.ops.split(","):
        if name not in OPS:
            p.error(f"unknown operation {name!r}; choose from {', '.join(OPS)}")
    for fmt in args.formats.split(","):
        if fmt not in ALL_FORMATS:
            p.error(f"unknown format {fmt!r}; choose from {', '.join(ALL_FORMATS)}")
    figures = run(cycles=args.cycles, seed=args.seed, size=args.size, ops=args.ops.split(","),
                  formats=args.formats.split(","), aim=args.aim, recover_every=args.recover_every, edits=args.edits,
                  work=args.keep, time_limit=args.time_limit, log=lambda s: print(s, flush=True))
    print(figures.table())
    return 1 if figures.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
