"""Run every benchmark and print each figure beside its budget.

    .venv/bin/python benchmarks/run.py [-k SUBSTRING] [--quick]

A benchmark is a module ``benchmarks/bench_*.py`` with ``run() -> list[(name, value, budget, unit)]``;
``budget`` is the most ``value`` may be (``None``: a figure to read, not to judge). ``--quick`` sets
``SC_BENCH_QUICK=1`` so benchmarks use smaller sizes, for a smoke run. The exit code is 0 even when
a figure is over budget (the table says so); it is 1 only when a benchmark crashes.
"""

from __future__ import annotations

import argparse
import importlib
import math
import os
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

Row = tuple[str, float, float | None, str]


def discover(substring: str | None = None) -> list[str]:
    """The benchmark module names (``bench_bundle``...), sorted, those containing ``substring``."""
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    return [n for n in names if not substring or substring.lower() in n.lower()]


def _number(value: float) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if float(value).is_integer() and abs(value) >= 100:
        return f"{int(value):,}"
    magnitude = abs(value)
    if magnitude >= 100:
        return f"{value:,.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def _check(row: Row) -> Row:
    name, value, budget, unit = row
    return str(name), float(value), None if budget is None else float(budget), str(unit)


def verdict(value: float, budget: float | None) -> str:
    if budget is None:
        return ""
    return "ok" if value <= budget else "OVER"


def table(results: list[tuple[str, Row]]) -> str:
    header = ("benchmark", "figure", "value", "budget", "unit", "within budget")
    lines = [
        (bench, name, _number(value), "" if budget is None else _number(budget), unit, verdict(value, budget))
        for bench, (name, value, budget, unit) in results
    ]
    widths = [max(len(str(row[i])) for row in [header, *lines]) for i in range(len(header))]
    right = {2, 3}

    def fmt(row: tuple[str, ...]) -> str:
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(header), rule, *(fmt(r) for r in lines)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the benchmarks and compare each figure with its budget.")
    parser.add_argument("-k", metavar="SUBSTRING", help="only the benchmarks whose module name contains this")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run (SC_BENCH_QUICK=1)")
    args = parser.parse_args(argv)
    if args.quick:
        os.environ["SC_BENCH_QUICK"] = "1"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))

    names = discover(args.k)
    if not names:
        print(f"No benchmark matches {args.k!r}; there are: {', '.join(discover()) or 'none'}.", file=sys.stderr)
        return 0
    results: list[tuple[str, Row]] = []
    crashed: list[str] = []
    for name in names:
        print(f"running {name}{' (quick)' if args.quick else ''} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        try:
            module = importlib.import_module(f"benchmarks.{name}")
            rows = [_check(row) for row in module.run()]
        except Exception:
            traceback.print_exc()
            crashed.append(name)
            continue
        for row in rows:
            results.append((name.removeprefix("bench_"), row))
        print(f"  {name} took {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)

    if results:
        print()
        print(table(results))
    over = [r for _, r in results if r[2] is not None and r[1] > r[2]]
    print()
    print(f"{len(results)} figures, {len(over)} over budget" + (f", {len(crashed)} benchmarks crashed: {', '.join(crashed)}" if crashed else "") + ".")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
