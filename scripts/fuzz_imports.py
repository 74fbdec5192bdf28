"""Fuzzed imports: real files, damaged at random, through ``servicecommunity import`` (dry run, then for real).

    .venv/bin/python scripts/fuzz_imports.py [--iterations 500] [--seed 1] [--time-limit 3600] [--findings DIR]

The seeds are real files: the demo's bundle, another member's bundle after edits (a merge), a
synthetic community's bundle (a new community), the demo's XLSX and CSV zip exports (steps and
blockers), plain CSVs of steps and blockers, and the GOV.UK step by step example. Each iteration
damages one of them: bytes flipped, cut short, junk inserted, a chunk repeated; or, inside the
format, fields swapped, records duplicated or dropped, huge and non-finite numbers, impossible dates
and times, wrong types, very long text, lone surrogates and NUL characters, nesting thousands deep;
a spreadsheet's cells and columns likewise; a zip member's compressed stream damaged. The file then
goes through the command line in this process, ``import --dry-run`` and ``import``, with a random
``--format``/``--kind`` now and then, into a copy of the demo workspace.

What may come out: success (exit 0), or exit 1 with one line ``error: ...`` (the project's own
errors, servicecommunity/domain/errors.py). Anything else is a finding: an exception escaping the command
line, a message of several lines, a dry run or a refused import that changed the workspace (every
row of every table is compared), or a successful import after which the workspace cannot be read
back (a summary and a bundle export). Each finding's file and traceback go to ``--findings``; the
run prints the figures and exits 1 if there was any finding.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import io
import json
import random
import shutil
import sqlite3
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GOVUK_EXAMPLE = (ROOT / "tests" / "data" / "standards" / "govuk-step-by-step"
                 / "govuk-content-schemas__examples_step_by_step_nav_frontend_step_by_step_nav.json")

IMPOSSIBLE_DATES = ("2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "0000-01-01", "10000-01-01",
                    "2024-04-31", "31/02/2024", "2024-1-1", "99999-12-31", "-0001-01-01", "2024-02-30T00:00:00Z")
IMPOSSIBLE_TIMES = ("2024-02-30T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T23:61:00Z",
                    "2024-01-01T23:59:60Z", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00",
                    "2024-01-01T00:00:00.0000000000Z", "2024-01-01 00:00:00", "2024-01-01T00:00:00+25:00",
                    "2024-01-01T00:00:00.000000Z", "1970-01-01T00:00:00Z")
HUGE = (2**63, -(2**63) - 1, 2**64, 10**30, -(10**40), 2**63 - 1, 1e308, -1e308, 5e-324, 1e400)
STRANGE_TEXT = ("", " ", "\x00", "\ud800", "a\udfffb", "\u202e" * 5, "=1+1", "@SUM(A1)", "x" * 20_000,
                "\n\n\n", "\t", "null", "NaN", "-0", "1e999", "💥" * 100, "\\", "'", '"')


# --- mutations ------------------------------------------------------------------------------------


def flip(raw: bytes, rng: random.Random) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 8)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def truncate(raw: bytes, rng: random.Random) -> bytes:
    return raw[: rng.randrange(max(1, len(raw)))]


def junk(raw: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(raw) + 1)
    return raw[:at] + rng.randbytes(rng.randint(1, 64)) + raw[at:]


def repeat(raw: bytes, rng: random.Random) -> bytes:
    a = rng.randrange(max(1, len(raw)))
    b = min(len(raw), a + rng.randint(1, 4096))
    return raw[:b] + raw[a:b] * rng.randint(1, 5) + raw[b:]


BYTE_MUTATIONS = (flip, truncate, junk, repeat)


def deep(depth: int, rng: random.Random) -> str:
    """JSON text nested ``depth`` deep (written by hand: json.dumps would run out of stack)."""
    if rng.random() < 0.5:
        return "[" * depth + "1" + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


def strange_value(rng: random.Random, key: str = "") -> Any:
    """A value a file should not hold there; dates and times more often where the key says so."""
    if key.endswith("_at") and rng.random() < 0.6:
        return rng.choice(IMPOSSIBLE_TIMES)
    if (key.endswith("_on") or "date" in key) and rng.random() < 0.6:
        return rng.choice(IMPOSSIBLE_DATES)
    choice = rng.randrange(9)
    if choice == 0:
        return rng.choice(HUGE)
    if choice == 1:
        return rng.choice((float("nan"), float("inf"), float("-inf")))
    if choice == 2:
        return rng.choice(IMPOSSIBLE_DATES + IMPOSSIBLE_TIMES)
    if choice == 3:
        return rng.choice(STRANGE_TEXT)
    if choice == 4:
        return rng.choice((None, True, False, 0, -1, 1.5, [], {}, [None], {"": None}))
    if choice == 5:
        return {"__deep__": rng.choice((50, 900, 5000, 100_000))}
    if choice == 6:
        return [rng.choice(STRANGE_TEXT) for _ in range(rng.randint(1, 5))]
    if choice == 7:
        return str(rng.choice(HUGE))
    return rng.randint(-(2**70), 2**70)


def containers(node: Any, out: list[Any]) -> list[Any]:
    """Every dict and list inside ``node`` (for a random pick), breadth first, at most 20,000."""
    queue = [node]
    while queue and len(out) < 20_000:
        item = queue.pop()
        if isinstance(item, (dict, list)):
            out.append(item)
            queue.extend(item.values() if isinstance(item, dict) else item)
    return out


def mutate_json(raw: bytes, rng: random.Random) -> bytes:
    """One to three changes inside the JSON, then written back (NaN and Infinity as Python writes them)."""
    data = json.loads(raw)
    deeps: list[str] = []
    for _ in range(rng.randint(1, 3)):
        found = containers(data, [])
        node = rng.choice(found)
        how = rng.randrange(6)
        if isinstance(node, dict) and node:
            key = rng.choice(list(node))
            if how == 0 and len(node) > 1:  # two fields swap values
                other = rng.choice(list(node))
                node[key], node[other] = node[other], node[key]
            elif how == 1:
                del node[key]
            elif how == 2:
                node[rng.choice(("extra", "id", "", key + "_x"))] = strange_value(rng)
            else:
                node[key] = strange_value(rng, key)
        elif isinstance(node, list) and node:
            at = rng.randrange(len(node))
            if how == 0:
                node.append(json.loads(json.dumps(node[at])))  # a record twice
            elif how == 1:
                del node[at]
            elif how == 2 and len(node) > 1:  # the same field of two records swapped
                a, b = node[at], node[rng.randrange(len(node))]
                if isinstance(a, dict) and isinstance(b, dict) and a and b:
                    key = rng.choice(list(a))
                    if key in b:
                        a[key], b[key] = b[key], a[key]
            elif how == 3:
                rng.shuffle(node)
            else:
                node[at] = strange_value(rng)
        else:
            continue
    def default(value: Any) -> Any:
        raise TypeError(value)

    text = json.dumps(data, ensure_ascii=rng.random() < 0.5, default=default)
    # values standing for deep nesting: put the nesting in as text
    while '{"__deep__": ' in text:
        start = text.index('{"__deep__": ')
        end = text.index("}", start)
        depth = int(text[start + len('{"__deep__": '):end])
        deeps.append(str(depth))
        text = text[:start] + deep(depth, rng) + text[end + 1:]
    return text.encode("utf-8", "surrogatepass")


def mutate_rows(rows: list[list[Any]], rng: random.Random) -> list[list[Any]]:
    """Cells and columns of a sheet changed: swapped, emptied, odd values, impossible dates, huge numbers."""
    rows = [list(r) for r in rows]
    if not rows:
        return [[strange_value(rng)]]
    for _ in range(rng.randint(1, 4)):
        how = rng.randrange(7)
        r = rng.randrange(len(rows))
        row = rows[r]
        if how == 0 and len(row) > 1:  # two cells of a row swap
            a, b = rng.randrange(len(row)), rng.randrange(len(row))
            row[a], row[b] = row[b], row[a]
        elif how == 1 and len(rows[0]) > 1:  # two columns swap (the header too)
            a, b = rng.randrange(len(rows[0])), rng.randrange(len(rows[0]))
            for line in rows:
                if max(a, b) < len(line):
                    line[a], line[b] = line[b], line[a]
        elif how == 2:  # a column goes
            c = rng.randrange(len(rows[0]))
            for line in rows:
                if c < len(line):
                    del line[c]
        elif how == 3:  # rows repeated
            rows += [list(row)] * rng.randint(1, 50)
        elif how == 4 and row:
            header = str(rows[0][rng.randrange(len(rows[0]))]) if rows[0] else ""
            row[rng.randrange(len(row))] = strange_value(rng, header.casefold().replace(" ", "_"))
        elif how == 5:
            row.extend(strange_value(rng) for _ in range(rng.randint(1, 200)))
        else:
            for line in rows[1:]:
                if line:
                    c = rng.randrange(len(line))
                    line[c] = rng.choice(IMPOSSIBLE_DATES + tuple(str(h) for h in HUGE) + STRANGE_TEXT[:8])
    return rows


def csv_text(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return json.dumps(value)[:200]
    return "" if value is None else str(value)


def mutate_csv(raw: bytes, rng: random.Random) -> bytes:
    text = raw.decode("utf-8-sig", "replace")
    rows: list[list[Any]] = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, delimiter=rng.choice((",", ",", ";", "\t"))).writerows(
        [[csv_text(v) for v in row] for row in mutate_rows(rows, rng)])
    encoding = rng.choice(("utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1"))
    return out.getvalue().encode(encoding, "surrogatepass" if encoding.startswith("utf-8") else "replace")


def rezip(raw: bytes, member: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, data if info.filename == member else src.read(info))
    return out.getvalue()


def mutate_zip_member(raw: bytes, rng: random.Random) -> bytes:
    """A member of a zip changed: a CSV by its cells, an XML part by its bytes, or dropped."""
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        names = [i.filename for i in zf.infolist()]
        member = rng.choice(names)
        data = zf.read(member)
    if member.endswith(".csv"):
        changed = mutate_csv(data, rng)
    elif rng.random() < 0.2:
        return rezip(raw, member, b"")
    else:
        changed = rng.choice(BYTE_MUTATIONS)(data, rng)
    return rezip(raw, member, changed)


def mutate_xlsx_cells(raw: bytes, rng: random.Random) -> bytes:
    """The workbook's cells changed through openpyxl (typed values: real dates, floats, huge ints)."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(raw))
    for sheet in wb.worksheets:
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        if not rows or rng.random() < 0.5:
            continue
        changed = mutate_rows(rows, rng)
        sheet.delete_rows(1, sheet.max_row)
        for row in changed[:2000]:
            cells = []
            for given in row[:300]:
                value = given
                if isinstance(value, (dict, list)):
                    value = csv_text(value)
                elif isinstance(value, int) and not -(2**53) < value < 2**53:
                    value = str(value) if rng.random() < 0.5 else float(value)
                elif isinstance(value, str):
                    value = value.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
                    if rng.random() < 0.1:
                        value = rng.choice((datetime(9999, 12, 31, tzinfo=UTC).replace(tzinfo=None),
                                            datetime(1, 1, 1), 1e308, -0.0))
                cells.append(value)
            try:
                sheet.append(cells)
            except (ValueError, TypeError):  # openpyxl will not write this cell: leave it out
                sheet.append([c if isinstance(c, (int, float, datetime)) else "?" for c in cells])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- seeds ----------------------------------------------------------------------------------------


@dataclass
class Seed:
    name: str  # file name it arrives as
    raw: bytes
    kind: str  # "bundle", "govuk", "csv", "zip", "xlsx"
    sheet: str | None = None  # "steps" or "blockers" for spreadsheets


def seeds(work: Path) -> tuple[Path, list[Seed]]:
    """The demo workspace (the one every iteration copies) and the real files to damage."""
    from sqlalchemy import select

    from servicecommunity import services
    from servicecommunity.domain.models import Blocker, Step
    from servicecommunity.exchange import bundle, exports
    from servicecommunity.exchange.demo import load_demo
    from servicecommunity.store.workspace import open_store
    from servicecommunity.testing import synthetic

    demo = work / "demo.sqlite"
    with open_store(demo) as store:
        load_demo(store)
        with store.session() as session:
            demo_bundle = bundle.export_bundle_file(session, include_sensitive=True).data
            for fmt in ("xlsx", "csv"):
                exports.export(session, fmt, work / f"demo.{fmt}", include_sensitive=True)
    other = work / "other.sqlite"
    with open_store(other) as store:
        with store.session() as session:
            from servicecommunity.exchange import merge

            merge.import_bundle(session, bundle.parse_bundle(demo_bundle))
        with store.session() as session:
            step = session.scalars(select(Step.id).order_by(Step.id)).first()
            blocker = session.scalars(select(Blocker.id).order_by(Blocker.id)).first()
            services.update(session, "steps", step, data={"title": "Changed by another member", "emotion": -2})
            services.change_blocker_status(session, blocker, status="in_progress", comment="On it")
            doomed = session.scalars(select(Blocker.id).order_by(Blocker.id.desc())).first()  # type: ignore[attr-defined]
            services.delete(session, "blockers", doomed)
        with store.session() as session:
            other_bundle = bundle.export_bundle_file(session, include_sensitive=True).data
    small = synthetic.generate_bundle(seed=3, organisations=6, members=8, journeys=1, steps=40, dependencies=60,
                                      blockers=40, small_journey_steps=0)
    zipped = (work / "demo.csv").read_bytes()
    with zipfile.ZipFile(io.BytesIO(zipped)) as zf:
        steps_csv, blockers_csv = zf.read("steps.csv"), zf.read("blockers.csv")
    found = [
        Seed("team.json", demo_bundle, "bundle"),
        Seed("from-bo.json", other_bundle, "bundle"),
        Seed("synthetic.json", bundle.dumps_bytes(small), "bundle"),
        Seed("steps-by-step.json", GOVUK_EXAMPLE.read_bytes(), "govuk"),
        Seed("demo.xlsx", (work / "demo.xlsx").read_bytes(), "xlsx", "steps"),
        Seed("demo.xlsx", (work / "demo.xlsx").read_bytes(), "xlsx", "blockers"),
        Seed("demo.zip", zipped, "zip", "steps"),
        Seed("demo.zip", zipped, "zip", "blockers"),
        Seed("steps.csv", steps_csv, "csv", "steps"),
        Seed("blockers.csv", blockers_csv, "csv", "blockers"),
    ]
    with contextlib.suppress(OSError):
        sqlite3.connect(demo).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    return demo, found


def damage(seed: Seed, rng: random.Random) -> tuple[bytes, str]:
    """The seed damaged one way, and the way's name."""
    structural: list[Callable[[bytes, random.Random], bytes]] = []
    if seed.kind in ("bundle", "govuk"):
        structural = [mutate_json] * 6
    elif seed.kind == "csv":
        structural = [mutate_csv] * 4
    elif seed.kind == "zip":
        structural = [mutate_zip_member] * 4
    elif seed.kind == "xlsx":
        structural = [mutate_xlsx_cells] * 2 + [mutate_zip_member] * 2
    how = rng.choice([*BYTE_MUTATIONS, *structural])
    raw = how(seed.raw, rng)
    if rng.random() < 0.15:  # and its bytes too, now and then
        raw = rng.choice(BYTE_MUTATIONS)(raw, rng)
    return raw, how.__name__


# --- running one file -----------------------------------------------------------------------------


def fingerprint(path: Path) -> str:
    """Every row of every table, hashed: a refused import must leave all of them as they were."""
    digest = hashlib.sha256()
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for table in tables:
            digest.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):  # our own table names
                digest.update(repr(row).encode("utf-8", "surrogatepass"))
    finally:
        conn.close()
    return digest.hexdigest()


@dataclass
class Run:
    code: int | None
    out: str
    err: str
    trace: str | None = None


def command_line(argv: list[str]) -> Run:
    from servicecommunity.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except BaseException:  # anything escaping the command line is the finding
        return Run(None, out.getvalue(), err.getvalue(), traceback.format_exc())
    return Run(code, out.getvalue(), err.getvalue())


def problem_with(run: Run) -> str | None:
    if run.trace is not None:
        return "an exception escaped the command line"
    if run.code == 0:
        return None
    if run.code != 1:
        return f"exit status {run.code}"
    if not run.err.startswith("error: ") or run.err.count("\n") != 1 or "Traceback" in run.err:
        return "the refusal is not one line"
    return None


def read_back(workspace: Path) -> Run:
    """After a successful import: the summary and a bundle of everything must still read."""
    first = command_line(["summary", "--db", str(workspace)])
    if first.code != 0 or first.trace:
        return first
    conn = sqlite3.connect(f"{workspace.resolve().as_uri()}?mode=ro", uri=True)
    try:
        communities = [row[0] for row in conn.execute("SELECT id FROM community ORDER BY id")]
    finally:
        conn.close()
    target = workspace.with_name("readback.json")
    for community in communities:
        run = command_line(["export", "--db", str(workspace), "--format", "json", "--include-sensitive",
                            "--community", community, "-o", str(target)])
        target.unlink(missing_ok=True)
        if run.code != 0 or run.trace:
            return run
    return first


@dataclass
class Figures:
    iterations: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    by_seed: Counter[str] = field(default_factory=Counter)
    findings: dict[str, tuple[str, str, Path]] = field(default_factory=dict)  # signature -> what, trace, file
    seconds: float = 0.0

    def table(self) -> str:
        lines = [f"{self.iterations} iterations in {self.seconds:.0f} s: " + ", ".join(
            f"{k} {v}" for k, v in sorted(self.outcomes.items()))]
        lines.append("by seed: " + ", ".join(f"{k} {v}" for k, v in sorted(self.by_seed.items())))
        lines.append(f"{len(self.findings)} distinct findings")
        for signature, (what, trace, path) in self.findings.items():
            last = trace.strip().splitlines()[-1] if trace else ""
            lines.append(f"  {what}: {signature} ({last[:200]}); file {path}")
        return "\n".join(lines)


def signature_of(what: str, trace: str | None, err: str) -> str:
    if trace:
        frames = [line.strip() for line in trace.splitlines() if line.strip().startswith("File ")]
        ours = [f for f in frames if "/servicecommunity/" in f] or frames
        return f"{trace.strip().splitlines()[-1].split(':')[0]} at {ours[-1] if ours else '?'}"
    return f"{what}: {err.strip()[:120]}"


def fuzz(*, iterations: int, seed: int, time_limit: float, findings_dir: Path, work: Path | None = None,
         log: Callable[[str], None] = print) -> Figures:
    started = time.perf_counter()
    owned = work is None
    work = Path(tempfile.mkdtemp(prefix="sc-fuzz-")) if work is None else work
    work.mkdir(parents=True, exist_ok=True)
    import os

    saved = {k: os.environ.get(k) for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "SERVICECOMMUNITY_LOG_DIR")}
    os.environ.update(XDG_DATA_HOME=str(work / "data"), XDG_CONFIG_HOME=str(work / "config"),
                      SERVICECOMMUNITY_LOG_DIR=str(work / "logs"))
    figures = Figures()
    try:
        demo, found = seeds(work)
        pristine = fingerprint(demo)
        rng = random.Random(seed)
        ws = work / "ws"
        ws.mkdir()
        workspace = ws / "workspace.sqlite"
        shutil.copyfile(demo, workspace)
        for n in range(iterations):
            if time.perf_counter() - started > time_limit:
                log(f"time limit reached after {n} iterations")
                break
            chosen = rng.choice(found)
            try:
                raw, how = damage(chosen, rng)
            except Exception:  # a mutation that could not be made: take another
                continue
            name = chosen.name if rng.random() < 0.9 else "file" + rng.choice((".json", ".csv", ".zip", ".xlsx", ""))
            incoming = work / "incoming" / name
            incoming.parent.mkdir(exist_ok=True)
            incoming.write_bytes(raw)
            extra: list[str] = []
            if rng.random() < 0.2:
                extra += ["--format", rng.choice(("json", "csv", "xlsx", "govuk"))]
            if chosen.sheet and rng.random() < 0.9:
                extra += ["--kind", chosen.sheet]
            if chosen.sheet == "steps" and rng.random() < 0.3:
                extra += ["--journey", rng.choice(("Starting a Business", "A new journey"))]
            if chosen.sheet and rng.random() < 0.2:
                extra += ["--skip-invalid"]
            figures.iterations += 1
            figures.by_seed[chosen.kind] += 1
            before = fingerprint(workspace)
            changed = False
            for dry in (True, False):
                argv = ["import", "--db", str(workspace), str(incoming), *extra, *(["--dry-run"] if dry else [])]
                run = command_line(argv)
                what = problem_with(run)
                if what is None and (dry or run.code != 0) and fingerprint(workspace) != before:
                    what = "the workspace changed after a dry run" if dry else "the workspace changed after a refused import"
                if what is None and not dry and run.code == 0:
                    back = read_back(workspace)
                    changed = True
                    if back.code != 0 or back.trace:
                        what, run = "the workspace cannot be read back after a successful import", back
                label = ("dry " if dry else "") + ("ok" if run.code == 0 else "refused" if run.code == 1 else "crash")
                figures.outcomes[label] += 1
                if what is not None:
                    sig = signature_of(what, run.trace, run.err)
                    if sig not in figures.findings:
                        findings_dir.mkdir(parents=True, exist_ok=True)
                        keep = findings_dir / f"{len(figures.findings):03d}-{how}-{name}"
                        keep.write_bytes(raw)
                        keep.with_name(keep.name + ".txt").write_text(
                            f"{what}\nargv: {argv[3:]}\nseed: {chosen.name} {chosen.sheet or ''}\n\n"
                            f"{run.trace or ''}\n{run.err}", encoding="utf-8")
                        figures.findings[sig] = (what, run.trace or run.err, keep)
                        log(f"FINDING {len(figures.findings)} at iteration {n}: {what}: {sig}")
                    changed = True
                    break
                if run.code != 0:
                    break  # a refused dry run: the real import would be refused the same way
            if changed or fingerprint(workspace) != pristine:
                for side in ("-wal", "-shm"):
                    workspace.with_name(workspace.name + side).unlink(missing_ok=True)
                shutil.copyfile(demo, workspace)
            if (n + 1) % 250 == 0:
                log(f"{n + 1} iterations, {len(figures.findings)} findings, {time.perf_counter() - started:.0f} s")
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        figures.seconds = time.perf_counter() - started
        if owned:
            shutil.rmtree(work, ignore_errors=True)
    return figures


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--iterations", type=int, default=500)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--time-limit", type=float, default=3600, help="stop after this many seconds")
    p.add_argument("--findings", type=Path, default=Path("fuzz-findings"), help="where failing files are kept")
    args = p.parse_args(argv)
    figures = fuzz(iterations=args.iterations, seed=args.seed, time_limit=args.time_limit,
                   findings_dir=args.findings, log=lambda s: print(s, flush=True))
    print(figures.table())
    return 1 if figures.findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
