"""Bundle import and export on a large community (a 5,000-step journey, 15,000 dependencies, 20,000 blockers).

Figures: generating the synthetic bundle; parsing and validating its text; inserting it into an
empty workspace through the service layer (``insert_records``), beside a plain ``sqlite3``
``executemany`` of the same rows into an identical empty schema, and their ratio; the whole import
(parse, validate, insert); and exporting it again (``export_bundle`` + ``dumps``, and the file path
``export_bundle_file``).
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from servicecommunity.domain.models import ENTITIES, LINKS
from servicecommunity.exchange.bundle import (
    SECTIONS,
    dumps,
    export_bundle,
    export_bundle_file,
    import_new,
    parse_bundle,
)
from servicecommunity.services import insert_records
from servicecommunity.store import codec
from servicecommunity.store.workspace import open_store
from servicecommunity.testing.synthetic import generate_bundle

Row = tuple[str, float, float | None, str]

FULL = {"steps": 5000, "dependencies": 15000, "blockers": 20000}
QUICK = {"steps": 500, "dependencies": 1500, "blockers": 2000}

# Budgets (seconds unless said otherwise).
GENERATE_BUDGET = 3.0  # "a few seconds at most"
INSERT_RATIO_BUDGET = 3.0  # service-layer insert vs raw executemany of the same rows
IMPORT_BUDGET = 5.0  # parse + validate + insert
INSERT_REPEATS = 3


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started


def _timed_cpu(fn: Callable[[], Any]) -> tuple[float, float]:
    """Wall and CPU seconds of ``fn()``: CPU time is less swayed by other work on the machine."""
    started, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - started, time.process_time() - cpu


@contextmanager
def _workspace(folder: Path, name: str) -> Iterator[Any]:
    store = open_store(folder / name)
    try:
        yield store
    finally:
        store.close()


# --- the raw sqlite3 baseline ------------------------------------------------------------------------


def _sqlite_value(kind: str, column: Any, value: Any) -> Any:
    """A bundle value as SQLAlchemy stores it in SQLite."""
    if value is None:
        return None
    if kind == "datetime":  # SQLAlchemy's SQLite DATETIME text, in UTC, no offset
        return codec.parse_datetime(value).strftime("%Y-%m-%d %H:%M:%S.%f")
    if kind == "date":
        return value
    type_name = type(column.type).__name__
    if type_name == "JSON":
        return json.dumps(value)
    if type_name == "Boolean":
        return int(value)
    return value


def raw_statements(data: dict[str, Any]) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """``(INSERT sql, row tuples)`` for every table the bundle fills, parents first, values as stored."""
    out: list[tuple[str, list[tuple[Any, ...]]]] = []
    for section in SECTIONS:
        records = data[section]
        if not records:
            continue
        table = ENTITIES[section].__table__  # type: ignore[attr-defined]
        kinds = dict(codec.columns(section))
        cols = list(table.columns)
        names = [c.name for c in cols]
        sql = f'INSERT INTO "{table.name}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})'
        rows = [tuple(_sqlite_value(kinds[c.name], c, rec[c.name]) for c in cols) for rec in records]
        out.append((sql, rows))
        for link in LINKS.get(section, ()):
            link_table = link.table.__table__  # type: ignore[attr-defined]
            link_rows = [(rec["id"], child) for rec in records for child in rec[link.field]]
            if link_rows:
                sql = f'INSERT INTO "{link_table.name}" ({link.parent_column}, {link.child_column}) VALUES (?, ?)'
                out.append((sql, link_rows))
    return out


def raw_insert(path: Path, statements: list[tuple[str, list[tuple[Any, ...]]]]) -> tuple[float, float]:
    """Wall and CPU seconds to insert the rows with plain ``executemany`` in one transaction
    (foreign keys on, as the app has them)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        started, cpu = time.perf_counter(), time.process_time()
        conn.execute("BEGIN")
        for sql, rows in statements:
            conn.executemany(sql, rows)
        conn.execute("COMMIT")
        return time.perf_counter() - started, time.process_time() - cpu
    finally:
        conn.close()


def _table_contents(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
                  if r[0] not in ("activity", "meta", "alembic_version", "tombstone")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables}
    finally:
        conn.close()


# --- the benchmark --------------------------------------------------------------------------------------


def run() -> list[Row]:
    quick = os.environ.get("SC_BENCH_QUICK") == "1"
    sizes = QUICK if quick else FULL
    rows: list[Row] = []

    data, generate_s = _timed(lambda: generate_bundle(seed=0, **sizes))
    text = dumps(data)
    records = sum(len(data[s]) for s in SECTIONS)
    link_rows = sum(len(rec[link.field]) for s, links in LINKS.items() for link in links for rec in data[s])
    print("bundle sizes: " + ", ".join(f"{s.replace('_', ' ')} {len(data[s]):,}" for s in SECTIONS)
          + f"; link rows {link_rows:,}; text {len(text.encode()) / 2**20:.1f} MB")
    rows.append(("generate the bundle", generate_s, GENERATE_BUDGET, "s"))

    parsed, parse_s = _timed(lambda: parse_bundle(text))
    rows.append(("parse + validate (parse_bundle)", parse_s, None, "s"))

    with tempfile.TemporaryDirectory(prefix="sc-bench-") as tmp:
        folder = Path(tmp)

        # The service layer's insert path alone, into an empty workspace, beside the same rows with
        # plain executemany into an identical empty schema. The two alternate, each into a fresh
        # file, and the best of a few runs counts, so that other work on the machine skews both alike.
        statements, convert_s = _timed(lambda: raw_statements(data))
        insert_runs: list[tuple[float, float]] = []
        raw_runs: list[tuple[float, float]] = []
        for rep in range(INSERT_REPEATS):
            with _workspace(folder, f"service-{rep}.sqlite") as store, store.session() as session:
                def service_insert() -> None:
                    insert_records(session, {s: data[s] for s in SECTIONS})
                    session.commit()

                insert_runs.append(_timed_cpu(service_insert))
            with _workspace(folder, f"raw-{rep}.sqlite"):
                pass  # creates and migrates the schema
            raw_runs.append(raw_insert(folder / f"raw-{rep}.sqlite", statements))
            if rep == 0 and _table_contents(folder / "service-0.sqlite") != _table_contents(folder / "raw-0.sqlite"):
                print("WARNING: the raw insert did not store the same rows as insert_records; the ratio is not a fair comparison.")
            for name in (f"service-{rep}", f"raw-{rep}"):
                for leftover in folder.glob(f"{name}.sqlite*"):
                    leftover.unlink()
        insert_s, raw_s = min(t for t, _ in insert_runs), min(t for t, _ in raw_runs)
        insert_cpu, raw_cpu = min(c for _, c in insert_runs), min(c for _, c in raw_runs)
        print("insert runs, wall/CPU s: insert_records " + ", ".join(f"{t:.2f}/{c:.2f}" for t, c in insert_runs)
              + "; raw executemany " + ", ".join(f"{t:.2f}/{c:.2f}" for t, c in raw_runs))

        rows.append((f"insert: services.insert_records + commit (best of {INSERT_REPEATS})", insert_s, None, "s"))
        rows.append((f"insert: raw sqlite3 executemany + commit (best of {INSERT_REPEATS})", raw_s, None, "s"))
        rows.append(("insert: raw path's row conversion (not in the raw time)", convert_s, None, "s"))
        rows.append(("insert ratio: insert_records / raw executemany", insert_s / raw_s, INSERT_RATIO_BUDGET, "x"))
        rows.append(("insert ratio in CPU time (for a busy machine)", insert_cpu / raw_cpu, None, "x"))

        # The whole import a user waits for: parse and validate (timed above), check for clashes,
        # insert, commit.
        with _workspace(folder, "import.sqlite") as store:
            with store.session() as session:
                _, import_new_s = _timed(lambda: import_new(session, parsed))
            rows.append(("whole import: import_new (clash check + insert + commit)", import_new_s, None, "s"))
            rows.append(("whole import (parse_bundle + import_new)", parse_s + import_new_s, IMPORT_BUDGET, "s"))

            # Exporting it again.
            with store.session() as session:
                exported, export_s = _timed(lambda: dumps(export_bundle(session, include_sensitive=True)))
            rows.append(("export (export_bundle + dumps)", export_s, None, "s"))
            with store.session() as session:
                written, file_s = _timed(lambda: export_bundle_file(session, include_sensitive=True).data)
            rows.append(("export as a file (export_bundle_file, SQLite renders)", file_s, None, "s"))
            if written != text.encode("utf-8"):
                print("WARNING: the file export and the dict export gave different bytes.")
            if exported != text:
                print("WARNING: exporting the imported bundle did not give the same text.")
            rows.append(("round trip gives the same text (1 = yes)", float(exported == text), None, ""))

    rows.append(("records in the bundle", float(records), None, "records"))
    rows.append(("link rows in the bundle", float(link_rows), None, "rows"))
    rows.append(("bundle text", len(text.encode()) / 2**20, None, "MB"))
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
