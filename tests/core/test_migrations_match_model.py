"""A workspace migrated to head has exactly the schema the model declares: no change lacks a migration."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import servicecommunity.exchange.sync  # noqa: F401  (its clock tables are part of the schema)
from servicecommunity.domain.models import metadata
from servicecommunity.store.workspace import Store


def test_head_schema_matches_the_model(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    assert diff == []
