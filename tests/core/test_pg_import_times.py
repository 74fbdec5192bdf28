"""An import on PostgreSQL stores a bundle's times exactly as on SQLite.

PostgreSQL's import hands the bundle's times to ``COPY`` as their ISO text (it parses them itself)
instead of making a Python datetime of each; the export must still give every record section the
same bytes as SQLite does, for our canonical "...ffffffZ" form and for other forms a bundle may
hold (no fraction, an offset, a naive time taken as UTC). Needs a server (see tests/core/test_pg_store.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from servicecommunity.domain.models import ENTITIES
from servicecommunity.exchange import bundle
from servicecommunity.store.workspace import open_store
from servicecommunity.testing.synthetic import generate_bundle

ODD_TIMES = ["2025-03-30T00:59:59Z", "2025-03-30T02:30:00.5+01:00", "2024-02-29T23:00:00.000001-05:30",
             "2025-10-26T01:30:00", "1999-12-31T23:59:59.999999Z"]


def a_bundle() -> dict[str, Any]:
    data = generate_bundle(seed=7, steps=40, dependencies=60, blockers=30, small_journey_steps=5)
    for i, step in enumerate(data["steps"][:len(ODD_TIMES)]):
        step["created_at"] = ODD_TIMES[i]
        step["updated_at"] = ODD_TIMES[-1 - i]
    return data


def sections(where: str | Path, data: dict[str, Any]) -> dict[str, bytes]:
    with open_store(where) as store:
        with store.session() as session:
            bundle.import_new(session, data)
        with store.session() as session:
            out = bundle.parse_bundle(bundle.dumps(bundle.export_bundle(session, include_sensitive=True)))
    return {s: json.dumps(out[s], sort_keys=True, ensure_ascii=False).encode() for s in ENTITIES}


def test_postgresql_stores_imported_times_as_sqlite_does(tmp_path: Path, pg_databases: Callable[[], str]) -> None:
    data = a_bundle()
    on_sqlite = sections(tmp_path / "w.sqlite", json.loads(json.dumps(data)))
    on_pg = sections(pg_databases(), json.loads(json.dumps(data)))
    assert on_pg == on_sqlite
    steps = {s["id"]: s for s in json.loads(on_pg["steps"])}
    first = steps[data["steps"][1]["id"]]
    assert first["created_at"] == "2025-03-30T01:30:00.500000Z"  # the offset applied, in our form
    assert steps[data["steps"][3]["id"]]["created_at"] == "2025-10-26T01:30:00.000000Z"  # naive: UTC
    assert sum(len(json.loads(v)) for v in on_pg.values()) > 100
