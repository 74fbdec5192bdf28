"""The committed bundle schema is the one the model implies (so the contract cannot drift)."""

from __future__ import annotations

import json

from servicecommunity.exchange.bundle import json_schema
from servicecommunity.resources import resource_path


def test_committed_schema_matches_the_model() -> None:
    committed = json.loads(resource_path("bundle.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "regenerate: python scripts/write_schema.py"
