"""The journey analysis on a large community: a 5,000-step journey, 15,000 dependencies, 20,000 blockers.

Figures: loading the journey from the workspace (``load_journey``, a dozen bulk queries), each part
of ``analyse_data`` as its report times it, the structural parts together (index and condensation,
structure, single points of failure, critical path, longest chain: budget 200 ms), the whole report
(load + analyse: budget 1 s), a what-if, the networkx graphs on their own, and, for comparison, what
one networkx search per blocker would cost (the analysis folds descendant bitsets over the
condensation once instead). Betweenness is computed on the organisation graph only; exact
betweenness on the step graph takes tens of seconds at this size, so it is not run here.

Each figure is the best of a few runs (wall time), so that other work on the machine skews it least;
the CPU time of the whole report is shown beside it, and so is the floor measured in the same run:
a raw ``sqlite3`` read of the same rows (the very statements ``load_journey`` sends, recorded once
and replayed with ``fetchall`` on a plain connection, no objects built). The JSON report's size, as
``analyse --json`` prints it, has its own budget (10 MB).

    .venv/bin/python benchmarks/bench_analysis.py          (standalone: prints its rows)
    SC_BENCH_QUICK=1 .venv/bin/python benchmarks/bench_analysis.py   (a 500-step journey)
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx
from sqlalchemy import event, func, select

from servicecommunity.analysis import Report, analyse_data, what_if_data
from servicecommunity.analysis.graphs import (
    JourneyData,
    load_journey,
    organisation_graph,
    step_graph,
)
from servicecommunity.domain.models import Step
from servicecommunity.store.workspace import open_store
from servicecommunity.testing.synthetic import generate_bundle, load

Row = tuple[str, float, float | None, str]
T = TypeVar("T")

FULL = {"steps": 5000, "dependencies": 15000, "blockers": 20000}
QUICK = {"steps": 500, "dependencies": 1500, "blockers": 2000}
REPEATS = 5
TODAY = date(2025, 7, 1)  # the synthetic community's history ends on 30 June 2025

WHOLE_BUDGET_S = 1.0
WHOLE_JSON_MB = 10.0
STRUCTURE_BUDGET_MS = 200.0
STRUCTURAL_PARTS = ("index", "structure", "spof_steps", "critical_path", "longest_chain")
SEARCH_SAMPLE = 200  # blockers searched one by one with networkx, for the comparison


def _best(fn: Callable[[], T], repeats: int = REPEATS) -> tuple[T, float, float]:
    """The last result, and the best wall and CPU seconds of ``repeats`` runs."""
    walls, cpus = [], []
    result: Any = None
    for _ in range(repeats):
        started, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return result, min(walls), min(cpus)


def _biggest_journey(session: Any) -> str:
    journey_id: str = session.execute(
        select(Step.journey_id).group_by(Step.journey_id).order_by(func.count().desc())  # type: ignore[call-overload]
    ).scalars().first()
    return journey_id


def run() -> list[Row]:
    quick = os.environ.get("SC_BENCH_QUICK") == "1"
    sizes = QUICK if quick else FULL
    rows: list[Row] = []
    bundle = generate_bundle(seed=0, **sizes)
    with tempfile.TemporaryDirectory(prefix="sc-bench-analysis-") as tmp, \
            open_store(Path(tmp) / "analysis.sqlite") as store:
        load(store, bundle)
        del bundle
        with store.session() as session:
            journey_id = _biggest_journey(session)
            load_journey(session, journey_id)  # warm SQLite's page cache, as an open workspace has it
            data, load_s, load_cpu = _best(lambda: load_journey(session, journey_id))
            statements = _statements(session, journey_id)
        floor_rows, floor_s, floor_cpu = _best(lambda: _raw_read(Path(tmp) / "analysis.sqlite", statements))

    print(f"journey: {len(data.steps):,} steps, {len(data.dependencies):,} dependencies, "
          f"{len(data.blockers):,} open blockers on it, {len(data.organisations)} organisations")

    reports: list[Report] = []

    def analyse() -> Report:
        report = analyse_data(data, today=TODAY)
        reports.append(report)
        return report

    report, analyse_s, analyse_cpu = _best(analyse)
    parts = {name: min(r.timings[name] for r in reports) for name in reports[0].timings}
    print(f"findings: {len(report.findings):,} ("
          + ", ".join(f"{k} {n:,}" for k, n in report.counts.items() if n) + ")")

    rows.append(("load_journey (bulk queries into a snapshot)", load_s * 1000, None, "ms"))
    rows.append(("load_journey in CPU time", load_cpu * 1000, None, "ms"))
    for name, seconds in parts.items():
        if name != "total":
            rows.append((f"analyse: {name}", seconds * 1000, None, "ms"))
    structural = sum(parts[name] for name in STRUCTURAL_PARTS)
    rows.append(("structural parts (" + " + ".join(STRUCTURAL_PARTS) + ")", structural * 1000, STRUCTURE_BUDGET_MS, "ms"))
    rows.append(("analyse_data (the report from a loaded snapshot)", analyse_s * 1000, None, "ms"))
    rows.append(("analyse_data in CPU time", analyse_cpu * 1000, None, "ms"))
    rows.append(("whole report: load_journey + analyse_data", load_s + analyse_s, WHOLE_BUDGET_S, "s"))
    rows.append(("whole report in CPU time (less swayed by other work on the machine)", load_cpu + analyse_cpu, None, "s"))
    rows.append((f"floor: raw sqlite3 read of the same rows ({len(statements)} statements, {floor_rows:,} rows, "
                 "fetchall, no objects)", floor_s, None, "s"))
    rows.append(("floor in CPU time", floor_cpu, None, "s"))
    rows.append(("whole report less the floor (what the objects and the analysis add)", load_s + analyse_s - floor_s, None, "s"))
    for label, messages in (("as analyse --json prints it", 5), ("with every finding's sentence, --limit 0", None)):
        text = json.dumps([report.to_json(messages)], ensure_ascii=False, separators=(",", ":"))
        rows.append((f"JSON report, {label}", len(text.encode()) / 1e6, WHOLE_JSON_MB if messages else None, "MB"))

    busiest = max(data.steps.values(), key=lambda s: s.monthly_volume or 0)
    _, what_if_s, _ = _best(lambda: what_if_data(data, today=TODAY, without_step=busiest.id), repeats=1)
    rows.append(("what-if without the busiest step (two reports and the difference)", what_if_s, None, "s"))

    graph, step_graph_s, _ = _best(lambda: step_graph(data))
    rows.append(("step_graph (networkx DiGraph, for the app; the analysis does not need it)", step_graph_s * 1000, None, "ms"))
    _, org_graph_s, _ = _best(lambda: organisation_graph(data))
    rows.append(("organisation_graph (networkx DiGraph)", org_graph_s * 1000, None, "ms"))
    rows.append(("blocker reach, impact and staleness findings, all open blockers (= 'analyse: blockers')", parts["blockers"] * 1000, None, "ms"))
    rows.append(("for comparison: one networkx search per blocker, scaled to all", _search_per_blocker(data, graph), None, "s"))
    return rows


def _statements(session: Any, journey_id: str) -> list[tuple[str, Any]]:
    """The SQL statements and parameters ``load_journey`` sends to SQLite, recorded from one load."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        seen.append((statement, parameters))

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        load_journey(session, journey_id)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def _raw_read(path: Path, statements: list[tuple[str, Any]]) -> int:
    """Run the statements on a plain ``sqlite3`` connection and fetch every row: the floor. Rows read."""
    conn = sqlite3.connect(path)
    try:
        return sum(len(conn.execute(sql, params).fetchall()) for sql, params in statements)
    finally:
        conn.close()


def _search_per_blocker(data: JourneyData, graph: nx.DiGraph) -> float:
    """Seconds that ``nx.descendants`` once per blocker would take for every blocker (from a sample)."""
    sample = data.blockers[:SEARCH_SAMPLE]
    if not sample:
        return 0.0
    started = time.perf_counter()
    for blocker in sample:
        reach: set[str] = set()
        for step_id in data.blocker_steps[blocker.id]:
            reach.add(step_id)
            reach |= nx.descendants(graph, step_id)
    return (time.perf_counter() - started) * len(data.blockers) / len(sample)


def main() -> int:
    rows = run()
    width = max(len(name) for name, *_ in rows)
    for name, value, budget, unit in rows:
        verdict = "" if budget is None else ("  ok" if value <= budget else "  OVER")
        limit = "" if budget is None else f"  (budget {budget:g} {unit})"
        print(f"{name:<{width}}  {value:>10.3f} {unit}{limit}{verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
