"""a to-be journey's link to its as-is, and the journeys' order

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

``journey.as_is_id``: the journey a to-be journey was copied from (or is the future of), so that
the app, the command line and the exports can show what changed between the two. A loose
reference, not a foreign key: the as-is may be deleted (an undo brings it back with the same id) or
be left out of a one-journey bundle, and then the link reads as none.

``journey.position``: the order a person gave the journeys in the navigator; null for a journey
never ordered, which comes after the ordered ones, by name.

The change-noting triggers of schema 0003 copy a journey's content columns into ``sync_dirty``
when it is updated or deleted; they are made again with the new columns, or a merge would take an
edit of the link or the order for no edit at all. Frozen here: the column list is schema 0003's
plus the two new columns.

The columns are added in place (``ALTER TABLE ... ADD COLUMN``) and dropped in place on the way
down (``DROP COLUMN``, SQLite 3.35 and later): rebuilding the journey table would, with foreign
keys on, delete every stage, step and dependency of every journey.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# the journey's content columns at schema 0003 (0004 did not change them)
JOURNEY_COLUMNS_0004 = ['community_id', 'name', 'persona', 'user_need', 'status', 'description']
JOURNEY_COLUMNS_0005 = [*JOURNEY_COLUMNS_0004, 'as_is_id', 'position']


def _journey_triggers(columns: list[str]) -> list[str]:
    """The update and delete triggers of migration 0003 for the journey table, over ``columns``."""
    old = "json_object(" + ", ".join(f"'{c}', OLD.{c}" for c in columns) + ")"
    return [
        "CREATE TRIGGER sync_dirty_update_journey AFTER UPDATE ON \"journey\" BEGIN "
        f"INSERT OR IGNORE INTO sync_dirty (id, entity, old) VALUES (OLD.id, 'journeys', {old}); END",
        "CREATE TRIGGER sync_dirty_delete_journey AFTER DELETE ON \"journey\" BEGIN "
        f"INSERT OR IGNORE INTO sync_dirty (id, entity, old) VALUES (OLD.id, 'journeys', {old}); END",
    ]


def _drop_journey_triggers() -> None:
    op.execute("DROP TRIGGER IF EXISTS sync_dirty_update_journey")
    op.execute("DROP TRIGGER IF EXISTS sync_dirty_delete_journey")


def upgrade() -> None:
    with op.batch_alter_table('journey', recreate='never') as batch_op:
        batch_op.add_column(sa.Column('as_is_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True))
        batch_op.add_column(sa.Column('position', sa.Integer(), nullable=True))
    if op.get_bind().dialect.name == 'sqlite':
        _drop_journey_triggers()
        for statement in _journey_triggers(JOURNEY_COLUMNS_0005):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        _drop_journey_triggers()  # they name the columns, so SQLite would refuse to drop them
    with op.batch_alter_table('journey', recreate='never') as batch_op:
        batch_op.drop_column('position')
        batch_op.drop_column('as_is_id')
    if op.get_bind().dialect.name == 'sqlite':
        for statement in _journey_triggers(JOURNEY_COLUMNS_0004):
            op.execute(statement)
