"""Alembic environment, run in code by ``servicecommunity.store.workspace.open_store``.

``render_as_batch`` because SQLite cannot ALTER most things in place (Alembic batch docs).
"""

from alembic import context

from servicecommunity.domain import models
from servicecommunity.exchange import sync  # sync defines the clock tables

target_metadata = models.metadata
assert sync.SyncClock.__table__.metadata is target_metadata


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        from sqlalchemy import create_engine

        engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
        with engine.begin() as conn:
            _run(conn)
        return
    _run(connection)


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
