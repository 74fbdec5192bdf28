"""Ten clients editing one team workspace at once: edits per second, and how soon the others hear of each.

Ten processes, each with its own connections (an engine, and a :class:`Listener`), edit the steps
of the demo journey in one PostgreSQL database on the server ``$SERVICECOMMUNITY_TEST_PG`` names
(or a throwaway one that ``scripts/pg_cluster.py`` starts and stops). Each edit is what the app's
does: read the step, then ``services.update`` with the version read (``expected``); an edit refused
because another client changed the same step in between is counted and made again from the fresh
version. Meanwhile each client listens: on an announcement it re-reads the journey's steps (as a
window refreshes), and the time from a commit in one client to that re-read in each other client
is one sample of "until another client sees a change" (the issue's goal: 95th percentile under 1 s).

Two rounds: flat out (every client edits as fast as it can: the throughput, and the latency on a
machine saturated by eleven processes), then paced (each client two edits a second, far above a
person's rate: the latency as people would meet it). The same run's references: one client flat
out on a SQLite file, and one client flat out on the same server. ``SC_BENCH_QUICK=1``: shorter.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import select
from sqlalchemy.engine import make_url

from benchmarks.bench_pg import _new_database, _server
from servicecommunity import services
from servicecommunity.domain.errors import ConflictError
from servicecommunity.domain.models import Step
from servicecommunity.exchange.demo import load_demo
from servicecommunity.store.workspace import open_store

CLIENTS = 10
PACED_RATE = 2.0  # edits a second per client in the paced round
GRACE = 3.0  # seconds the listeners keep listening after the last edit


def _steps(url: str | Path) -> list[str]:
    with open_store(url) as store, store.session() as session:
        journey = session.execute(select(Step.journey_id).limit(1)).scalar_one()
        return list(session.execute(select(Step.id).where(Step.journey_id == journey).order_by(Step.id)).scalars())


def _edit(store: Any, step_id: str, title: str) -> tuple[int, int]:
    """One edit as the app makes it; returns (server process of the connection that wrote, conflicts met)."""
    conflicts = 0
    while True:
        with store.session() as session:
            step = session.get(Step, step_id)
            assert step is not None
            raw = session.connection().connection.dbapi_connection  # the transaction's, which will write
            pid = int(raw.info.backend_pid) if hasattr(raw, "info") else 0
            try:
                services.update(session, "steps", step_id, data={"title": title}, expected=step.updated_at)
            except ConflictError:
                conflicts += 1
                continue
            return pid, conflicts


def _client(url: str, steps: list[str], start_at: float, seconds: float, rate: float | None,
            n: int, out: Any) -> None:
    """One client: edits until ``start_at + seconds``, listening all the while; puts its figures on ``out``."""
    from servicecommunity.store.listening import Listener

    rng = random.Random(n)
    heard: list[tuple[int, float]] = []  # (writer's server process, when this client had re-read)
    stop = threading.Event()
    with open_store(url) as store, Listener(url) as listener:
        journey_steps = select(Step.id, Step.title, Step.updated_at).where(Step.id.in_(steps))  # type: ignore[attr-defined]

        def listen() -> None:
            with store.session() as session:
                while not stop.is_set():
                    changes = [c for c in listener.wait(0.1) if c.section == "steps"]
                    if not changes:
                        continue
                    session.execute(journey_steps).all()  # the window's refresh
                    session.rollback()
                    seen = time.time()
                    heard.extend((c.pid, seen) for c in changes)

        thread = threading.Thread(target=listen, daemon=True)
        thread.start()
        edits: list[tuple[int, float]] = []  # (server process, when committed)
        conflicts = 0
        while time.time() < start_at:
            time.sleep(0.005)
        end = start_at + seconds
        k = 0
        while time.time() < end:
            pid, met = _edit(store, rng.choice(steps), f"Client {n} edit {k}")
            edits.append((pid, time.time()))
            conflicts += met
            k += 1
            if rate:
                next_at = start_at + k / rate + rng.uniform(0, 0.5 / rate)
                time.sleep(max(0.0, next_at - time.time()))
        time.sleep(GRACE)
        stop.set()
        thread.join()
    out.put({"edits": edits, "heard": heard, "conflicts": conflicts, "own": {p for p, _ in edits}})


def _delays(results: list[dict[str, Any]]) -> tuple[list[float], int]:
    """Each commit paired with each other client's re-read after its announcement; and how many were never heard."""
    by_writer: dict[int, list[float]] = {}
    for r in results:
        for pid, at in r["edits"]:
            by_writer.setdefault(pid, []).append(at)
    delays: list[float] = []
    missed = 0
    for r in results:
        heard: dict[int, list[float]] = {}
        for pid, at in r["heard"]:
            heard.setdefault(pid, []).append(at)
        for pid, commits in by_writer.items():
            if pid in r["own"]:
                continue
            seen = sorted(heard.get(pid, []))
            missed += max(0, len(commits) - len(seen))
            delays.extend(max(0.0, s - c) for c, s in zip(sorted(commits), seen, strict=False))
    return delays, missed


def _round(url: str, steps: list[str], seconds: float, rate: float | None) -> dict[str, float]:
    ctx: Any = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    out = ctx.Queue()
    start_at = time.time() + 2.0  # every client connected and listening first
    procs = [ctx.Process(target=_client, args=(url, steps, start_at, seconds, rate, n, out)) for n in range(CLIENTS)]
    for p in procs:
        p.start()
    results = [out.get(timeout=seconds + 120) for _ in procs]
    for p in procs:
        p.join()
    edits = sum(len(r["edits"]) for r in results)
    delays, missed = _delays(results)
    return {
        "edits": edits,
        "edits_per_s": edits / seconds,
        "conflicts": sum(r["conflicts"] for r in results),
        "median_ms": statistics.median(delays) * 1000 if delays else float("nan"),
        "p95_ms": statistics.quantiles(delays, n=20)[-1] * 1000 if len(delays) > 1 else float("nan"),
        "samples": len(delays),
        "missed": missed,
    }


def _one_client(where: str | Path, seconds: float) -> float:
    """Edits a second by one client flat out, on ``where`` (the same edits, nobody else writing)."""
    steps = _steps(where)
    rng = random.Random(0)
    with open_store(where) as store:
        n, end = 0, time.perf_counter() + seconds
        started = time.perf_counter()
        while time.perf_counter() < end:
            _edit(store, rng.choice(steps), f"Alone {n}")
            n += 1
        return n / (time.perf_counter() - started)


def measure() -> dict[str, Any]:
    seconds = 3.0 if os.environ.get("SC_BENCH_QUICK") == "1" else 8.0
    server, stop = _server()
    name = f"sc_bench_clients_{os.getpid()}"
    admin = make_url(server).set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        url = _new_database(server, name)
        with open_store(url) as store:
            load_demo(store)
        steps = _steps(url)
        out: dict[str, Any] = {"seconds": seconds, "steps": len(steps)}
        out["flat"] = _round(url, steps, seconds, None)
        out["paced"] = _round(url, steps, seconds, PACED_RATE)
        out["pg_one"] = _one_client(url, seconds)
        with tempfile.TemporaryDirectory(prefix="sc-bench-clients-") as tmp:
            path = Path(tmp) / "one.sqlite"
            with open_store(path) as store:
                load_demo(store)
            out["sqlite_one"] = _one_client(path, seconds)
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        stop()
    return out


def _report(m: dict[str, Any], say: Callable[[str], None] = print) -> None:
    say(f"{CLIENTS} clients, one process each, editing the {m['steps']} steps of one journey for {m['seconds']:.0f} s a round")
    say(f"{'':44}{'edits/s':>9}{'conflicts':>10}{'seen: median':>14}{'95th pct':>10}{'samples':>9}{'missed':>8}")
    for key, label in (("flat", f"{CLIENTS} clients, PostgreSQL, flat out"),
                       ("paced", f"{CLIENTS} clients, PostgreSQL, {PACED_RATE:g} edits/s each")):
        r = m[key]
        say(f"{label:44}{r['edits_per_s']:>9.1f}{r['conflicts']:>10}{r['median_ms']:>12.0f}ms{r['p95_ms']:>8.0f}ms"
            f"{r['samples']:>9}{r['missed']:>8}")
    say(f"{'reference: 1 client, PostgreSQL, flat out':44}{m['pg_one']:>9.1f}")
    say(f"{'reference: 1 client, SQLite file, flat out':44}{m['sqlite_one']:>9.1f}")


def run() -> list[tuple[str, float, float | None, str]]:
    m = measure()
    _report(m)
    return [
        ("10 clients flat out: edits/s", m["flat"]["edits_per_s"], None, "edits/s"),
        ("1 client on SQLite (reference): edits/s", m["sqlite_one"], None, "edits/s"),
        ("10 clients flat out: 95th pct until seen", m["flat"]["p95_ms"] / 1000, 1.0, "s"),
        ("10 clients paced: 95th pct until seen", m["paced"]["p95_ms"] / 1000, 1.0, "s"),
    ]


def main() -> int:
    _report(measure())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
