"""Merging a bundle of 20,000 blockers (and a 5,000-step journey) into a workspace that holds it already.

The workspace holds the synthetic community; here, 5% of the blockers were changed since it was
last shared. The incoming bundle is the same community after the other member changed 10% of the
blockers (a tenth of those are also among ours: conflicts), 500 steps, added 200 blockers and
deleted 100 (with their history), so the merge exercises every path: unchanged, take theirs, keep
ours, conflict, insert, cascade delete. Figures: the preview (a dry run), the merge itself (one
transaction), merging the same bundle again (must change nothing), and for scale the plain import
of the whole bundle into an empty workspace.
"""

from __future__ import annotations

import copy
import os
import random
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import update

from servicecommunity import codec
from servicecommunity.bundle import SECTIONS, dumps, parse_bundle
from servicecommunity.merge import import_bundle, merge_bundle, preview_merge
from servicecommunity.models import Blocker
from servicecommunity.store import open_store
from servicecommunity.synthetic import generate_bundle

Row = tuple[str, float, float | None, str]

FULL = {"steps": 5000, "dependencies": 15000, "blockers": 20000}
QUICK = {"steps": 500, "dependencies": 1500, "blockers": 2000}

MERGE_BUDGET = 5.0  # seconds, the merge a member waits for
AGAIN_BUDGET = 3.0  # merging the same bundle twice: reading and comparing stamps only


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started


def _later(stamp: str, seconds: int = 60) -> str:
    return codec.format_datetime(codec.parse_datetime(stamp) + timedelta(seconds=seconds))


def their_copy(base: dict[str, Any], ours: set[str], rng: random.Random) -> tuple[dict[str, Any], int]:
    """The community after the other member's work; also how many of its changes clash with ours."""
    theirs = copy.deepcopy(base)
    now = _later(base["as_of"], 3600)
    blockers = theirs["blockers"]
    changed = rng.sample(range(len(blockers)), len(blockers) // 10)
    ours_list = sorted(ours)
    clash = set(rng.sample(ours_list, len(ours_list) // 10))
    for i in changed:
        blockers[i].update(severity="critical", description=blockers[i]["description"] + " (updated there)", updated_at=now)
    changed_ids = {blockers[i]["id"] for i in changed} | clash
    for b in blockers:
        if b["id"] in clash:
            b.update(title=b["title"] + " (their title)", updated_at=now)
    for step in rng.sample(theirs["steps"], min(500, len(theirs["steps"]))):
        step.update(pain_points="Changed in their workshop", updated_at=now)
    doomed = {b["id"] for b in rng.sample([b for b in blockers if b["id"] not in ours], 100)}
    gone_updates = [u for u in theirs["blocker_updates"] if u["blocker_id"] in doomed]
    theirs["blocker_updates"] = [u for u in theirs["blocker_updates"] if u["blocker_id"] not in doomed]
    theirs["blockers"] = [b for b in blockers if b["id"] not in doomed]
    theirs["tombstones"] += [{"id": i, "entity": "blockers", "deleted_at": now} for i in sorted(doomed)]
    theirs["tombstones"] += [{"id": u["id"], "entity": "blocker_updates", "deleted_at": now} for u in gone_updates]
    template = theirs["blockers"][0]
    for n in range(200):
        new = dict(template, id=f"{rng.getrandbits(32):08x}-0000-4000-8000-{n:012d}", title=f"New blocker {n}",
                   created_at=now, updated_at=now, step_ids=[], dependency_ids=[])
        theirs["blockers"].append(new)
    for section in (*SECTIONS, "tombstones"):
        theirs[section].sort(key=lambda r: r["id"])
    theirs["as_of"] = max(r["updated_at"] for s in SECTIONS for r in theirs[s])
    return theirs, len(changed_ids & ours)


def run() -> list[Row]:
    quick = os.environ.get("SC_BENCH_QUICK") == "1"
    sizes = QUICK if quick else FULL
    rng = random.Random(7)
    rows: list[Row] = []
    base = generate_bundle(seed=0, **sizes)
    base_text = dumps(base)

    with tempfile.TemporaryDirectory(prefix="sc-bench-merge-") as tmp:
        folder = Path(tmp)
        with open_store(folder / "empty.sqlite") as store, store.session() as session:
            _, import_s = _timed(lambda: import_bundle(session, parse_bundle(base_text)))
        rows.append(("for scale: import the bundle into an empty workspace", import_s, None, "s"))

        with open_store(folder / "here.sqlite") as store:
            with store.session() as session:
                import_bundle(session, parse_bundle(base_text))
            ids = [b["id"] for b in base["blockers"]]
            ours = set(rng.sample(ids, len(ids) // 20))
            with store.begin() as session:  # our own changes since we last shared (the triggers note them)
                table = Blocker.__table__  # type: ignore[attr-defined]
                stamp = codec.parse_datetime(_later(base["as_of"], 1800))
                session.execute(update(table).where(table.c.id.in_(sorted(ours))).values(status="escalated", updated_at=stamp))

            theirs, clashes = their_copy(base, ours, rng)
            text = dumps(theirs)
            data, parse_s = _timed(lambda: parse_bundle(text))
            rows.append(("parse + validate the incoming bundle", parse_s, None, "s"))

            with store.session() as session:
                preview, preview_s = _timed(lambda: preview_merge(session, data))
            rows.append(("preview (dry run, nothing written)", preview_s, None, "s"))

            with store.session() as session:
                report, merge_s = _timed(lambda: merge_bundle(session, data))
            rows.append((f"merge {len(theirs['blockers']):,}-blocker bundle (one transaction)", merge_s, MERGE_BUDGET, "s"))
            counts = report.counts()
            print("merge report: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
            if counts["conflicts"] != clashes or preview.counts() != {**counts, "tombstones": preview.tombstones}:
                print(f"WARNING: expected {clashes} conflicts and the preview to agree with the merge; got {counts} and {preview.counts()}.")
            rows.append(("records added", float(counts["added"]), None, "records"))
            rows.append(("records updated", float(counts["updated"]), None, "records"))
            rows.append(("records deleted (with cascades)", float(counts["deleted"]), None, "records"))
            rows.append(("conflicts (left as local)", float(counts["conflicts"]), None, "records"))

            with store.session() as session:
                again, again_s = _timed(lambda: merge_bundle(session, data))
            rows.append(("merge the same bundle again", again_s, AGAIN_BUDGET, "s"))
            rows.append(("changes made by the second merge (must be 0)",
                         float(again.changed) + float(len(again.conflicts)), 0.0, "records"))
    return rows


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    for row in run():
        print(row)
