"""Merging a member's bundle of the 20,000-blocker community into a workspace that holds it already.

Two members start from the same synthetic community (a 5,000-step journey, 15,000 dependencies,
20,000 blockers). Each then changes about 1% of the records (blockers and steps, different ones on
each side, plus some blockers whose title both changed: real conflicts). The other member's bundle
is merged into ours, and, in the same run and alternating with it, the same bundle is imported into
an empty workspace: the merge should take at most twice as long. Medians of several repetitions.

Also the bundle's size with and without its merge metadata (the ``clocks`` and ``sites`` sections):
the metadata should add at most 30%.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import update

from servicecommunity.domain.models import Blocker, Step
from servicecommunity.exchange.bundle import dumps, export_bundle_file, import_new, parse_bundle
from servicecommunity.exchange.merge import import_bundle
from servicecommunity.store.workspace import Store, open_store
from servicecommunity.testing.synthetic import generate_bundle

Row = tuple[str, float, float | None, str]

FULL = {"steps": 5000, "dependencies": 15000, "blockers": 20000}
QUICK = {"steps": 500, "dependencies": 1500, "blockers": 2000}
REPEATS = 5
RATIO_BUDGET = 2.0  # merge / import into an empty workspace
METADATA_BUDGET = 30.0  # percent the clocks and sites add to the bundle


def _change(store: Store, blockers: list[str], steps: list[str], both: list[str], who: str) -> None:
    """A member's own edits since the last swap (the triggers note them, as for edits in the app)."""
    blocker = Blocker.__table__  # type: ignore[attr-defined]
    step = Step.__table__  # type: ignore[attr-defined]
    with store.begin() as session:
        session.execute(update(blocker).where(blocker.c.id.in_(blockers)).values(status="escalated", description=f"Changed by {who}"))
        session.execute(update(step).where(step.c.id.in_(steps)).values(pain_points=f"Seen by {who}"))
        session.execute(update(blocker).where(blocker.c.id.in_(both)).values(title=f"Retitled by {who}"))


def run() -> list[Row]:
    quick = os.environ.get("SC_BENCH_QUICK") == "1"
    sizes = QUICK if quick else FULL
    rng = random.Random(11)
    base = generate_bundle(seed=0, **sizes)
    records = sum(len(v) for k, v in base.items() if isinstance(v, list) and k != "tombstones")
    text = dumps(base)
    blocker_ids = [b["id"] for b in base["blockers"]]
    step_ids = [s["id"] for s in base["steps"]]
    rows: list[Row] = []

    with tempfile.TemporaryDirectory(prefix="sc-bench-merge-") as tmp:
        folder = Path(tmp)
        for name in ("ours", "theirs"):
            with open_store(folder / f"{name}.sqlite") as store, store.session() as session:
                import_new(session, parse_bundle(text))
        # about 1% of the records on each side: different blockers and steps, and some blockers
        # retitled on both sides (conflicts)
        target = records // 100  # per side
        n_both, n_steps = target // 20, target // 4
        n = target - n_both - n_steps
        picked = rng.sample(blocker_ids, 2 * n + n_both)
        our_blockers, their_blockers, both = picked[:n], picked[n:2 * n], picked[2 * n:]
        steps = rng.sample(step_ids, 2 * n_steps)
        our_steps, their_steps = steps[:n_steps], steps[n_steps:]
        with open_store(folder / "ours.sqlite") as store:
            _change(store, our_blockers, our_steps, both, "us")
            with store.session() as session:
                export_bundle_file(session, include_sensitive=True)  # our edits get their dots, as at a swap
        with open_store(folder / "theirs.sqlite") as store:
            _change(store, their_blockers, their_steps, both, "them")
            with store.session() as session:
                raw = export_bundle_file(session, include_sensitive=True).data
        changed = len(our_blockers) + len(our_steps) + len(both)
        print(f"records {records:,}; changed on each side {changed:,} ({100 * changed / records:.1f}%), "
              f"of them {len(both)} the same field on both")

        data = parse_bundle(raw.decode("utf-8"))
        merge_runs: list[float] = []
        import_runs: list[float] = []
        conflicts = -1
        for rep in range(REPEATS):
            copy = folder / f"merge-{rep}.sqlite"
            shutil.copyfile(folder / "ours.sqlite", copy)
            with open_store(copy) as store, store.session() as session:
                started = time.perf_counter()
                report = import_bundle(session, data)
                merge_runs.append(time.perf_counter() - started)
                conflicts = len(report.conflicts)
            with open_store(folder / f"empty-{rep}.sqlite") as store, store.session() as session:
                started = time.perf_counter()
                import_bundle(session, data)
                import_runs.append(time.perf_counter() - started)
            for leftover in [*folder.glob(f"merge-{rep}.sqlite*"), *folder.glob(f"empty-{rep}.sqlite*")]:
                leftover.unlink()
        print("merge runs s: " + ", ".join(f"{t:.2f}" for t in merge_runs)
              + "; import runs s: " + ", ".join(f"{t:.2f}" for t in import_runs) + f"; conflicts {conflicts}")
        if conflicts != len(both):
            print(f"WARNING: expected {len(both)} conflicts, the merge reported {conflicts}.")
        merge_s, import_s = statistics.median(merge_runs), statistics.median(import_runs)

    bare: dict[str, Any] = json.loads(raw)
    for key in ("clocks", "sites"):
        bare.pop(key, None)
    bare_size = len(dumps(bare).encode("utf-8"))
    full_size = len(dumps(json.loads(raw)).encode("utf-8"))
    overhead = 100 * (full_size - bare_size) / bare_size
    print(f"bundle {len(raw):,} bytes as written; re-serialised alike: {full_size:,} with merge metadata, "
          f"{bare_size:,} without; metadata adds {overhead:.1f}%")

    rows.append((f"import the bundle into an empty workspace (median of {REPEATS})", import_s, None, "s"))
    rows.append((f"merge it into a workspace holding the community, ~1% changed each side (median of {REPEATS})", merge_s, None, "s"))
    rows.append(("merge / import", merge_s / import_s, RATIO_BUDGET, "x"))
    rows.append(("bundle with merge metadata", full_size / 2**20, None, "MB"))
    rows.append(("bundle without it (no clocks, no sites)", bare_size / 2**20, None, "MB"))
    rows.append(("merge metadata adds", overhead, METADATA_BUDGET, "%"))
    return rows


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    for row in run():
        print(row)
