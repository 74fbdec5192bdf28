"""a step's waiting time, apart from the user's own time

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

``step.wait_hours``: how long the user typically waits at a step (for a decision, a letter, a
licence), so that the analysis can tell the user's own effort from waiting. Null where the map does
not say; then ``duration_hours`` is the step's one typical time, waiting included, as before.

The change-noting triggers of schema 0003 copy a step's content columns into ``sync_dirty`` when it
is updated or deleted; they are made again with the new column, or a merge would take every edit of
a step for an edit of its waiting time too. Frozen here: the column list is schema 0003's plus
``wait_hours``.

The column is added in place (``ALTER TABLE ... ADD COLUMN``) and dropped in place on the way down
(``DROP COLUMN``, SQLite 3.35 and later): rebuilding the step table would, with foreign keys on,
delete every dependency and link that points at a step.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# the step's content columns at schema 0003
STEP_COLUMNS_0003 = ['journey_id', 'stage_id', 'position', 'title', 'description', 'owner_id', 'channels',
                     'touchpoint', 'touchpoint_url', 'duration_hours', 'emotion', 'pain_points',
                     'monthly_volume', 'cost_per_transaction', 'user_satisfaction', 'completion_rate',
                     'digital_take_up']
STEP_COLUMNS_0004 = [*STEP_COLUMNS_0003[:10], 'wait_hours', *STEP_COLUMNS_0003[10:]]


def _step_triggers(columns: list[str]) -> list[str]:
    """The update and delete triggers of migration 0003 for the step table, over ``columns``."""
    old = "json_object(" + ", ".join(f"'{c}', OLD.{c}" for c in columns) + ")"
    return [
        "CREATE TRIGGER sync_dirty_update_step AFTER UPDATE ON \"step\" BEGIN "
        f"INSERT OR IGNORE INTO sync_dirty (id, entity, old) VALUES (OLD.id, 'steps', {old}); END",
        "CREATE TRIGGER sync_dirty_delete_step AFTER DELETE ON \"step\" BEGIN "
        f"INSERT OR IGNORE INTO sync_dirty (id, entity, old) VALUES (OLD.id, 'steps', {old}); END",
    ]


def _drop_step_triggers() -> None:
    op.execute("DROP TRIGGER IF EXISTS sync_dirty_update_step")
    op.execute("DROP TRIGGER IF EXISTS sync_dirty_delete_step")


def upgrade() -> None:
    with op.batch_alter_table('step', recreate='never') as batch_op:
        batch_op.add_column(sa.Column('wait_hours', sa.Float(), nullable=True))
    if op.get_bind().dialect.name == 'sqlite':
        _drop_step_triggers()
        for statement in _step_triggers(STEP_COLUMNS_0004):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        _drop_step_triggers()  # they name the column, so SQLite would refuse to drop it
    with op.batch_alter_table('step', recreate='never') as batch_op:
        batch_op.drop_column('wait_hours')
    if op.get_bind().dialect.name == 'sqlite':
        for statement in _step_triggers(STEP_COLUMNS_0003):
            op.execute(statement)
