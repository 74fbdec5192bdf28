"""notes: a comment thread on each step and each hand-off

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

``note``: one entry of the thread on a step or on a dependency (exactly one of ``step_id`` and
``dependency_id`` is set), by a member (``author_id``, null once the member is deleted), with its
words (``body``). ``journey_id`` is the journey of that step or dependency, so that a one-journey
bundle carries the journey's notes and their deletions. Each thread is read in time order from an
index on ``(step_id, created_at)`` or ``(dependency_id, created_at)``.

The table's changes are noted for the clocks as every other record's are (migration 0003): on
SQLite by triggers over its content columns (frozen here), on PostgreSQL by the trigger functions
0003 made, which read the whole row. On PostgreSQL, where the team roles exist, they get the same
rights on the new table as on the others (``servicecommunity.store.roles``).

Down: the table goes, with the clocks, change notes and deletions of notes.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# the note's content columns at schema 0007
NOTE_COLUMNS = ['journey_id', 'step_id', 'dependency_id', 'author_id', 'body']


def _sqlite_triggers() -> list[str]:
    """Migration 0003's change-noting triggers, for the note table."""
    old = "json_object(" + ", ".join(f"'{c}', OLD.{c}" for c in NOTE_COLUMNS) + ")"
    return [
        "CREATE TRIGGER sync_dirty_insert_note AFTER INSERT ON \"note\" BEGIN "
        "INSERT OR IGNORE INTO sync_dirty (id, entity, old) VALUES (NEW.id, 'notes', NULL); END",
        "CREATE TRIGGER sync_dirty_update_note AFTER UPDATE ON \"note\" BEGIN "
        f"INSERT OR IGNORE INTO sync_dirty (id, entity, old) VALUES (OLD.id, 'notes', {old}); END",
        "CREATE TRIGGER sync_dirty_delete_note AFTER DELETE ON \"note\" BEGIN "
        f"INSERT OR IGNORE INTO sync_dirty (id, entity, old) VALUES (OLD.id, 'notes', {old}); END",
    ]


def _pg_triggers() -> list[str]:
    """Migration 0003's triggers on PostgreSQL, for the note table (its functions exist already)."""
    out = ["CREATE TRIGGER sync_notify_note AFTER INSERT OR UPDATE OR DELETE ON \"note\" "
           "FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('notes')"]
    for verb in ('insert', 'update', 'delete'):
        out.append(f"CREATE TRIGGER sync_dirty_{verb}_note AFTER {verb.upper()} ON \"note\" "
                   "FOR EACH ROW EXECUTE FUNCTION sync_dirty_record('notes')")
    return out


# The team roles' rights on the new table, where they exist (store.roles grants them on every table
# when it is run; a table made afterwards needs them too).
PG_GRANTS = """DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sc_viewer') THEN
        GRANT SELECT ON "note" TO sc_viewer;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sc_member') THEN
        GRANT INSERT, UPDATE, DELETE ON "note" TO sc_member;
    END IF;
END $$"""


def upgrade() -> None:
    op.create_table('note',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('journey_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('step_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('dependency_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('author_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['member.id'], name=op.f('fk_note_author_id_member'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['dependency_id'], ['dependency.id'], name=op.f('fk_note_dependency_id_dependency'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['journey_id'], ['journey.id'], name=op.f('fk_note_journey_id_journey'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['step_id'], ['step.id'], name=op.f('fk_note_step_id_step'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_note'))
    )
    op.create_index('ix_note_journey_id', 'note', ['journey_id'])
    op.create_index('ix_note_step_created', 'note', ['step_id', 'created_at'])
    op.create_index('ix_note_dependency_created', 'note', ['dependency_id', 'created_at'])
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        for statement in _sqlite_triggers():
            op.execute(statement)
    elif dialect == 'postgresql':
        for statement in _pg_triggers():
            op.execute(statement)
        op.execute(PG_GRANTS)


def downgrade() -> None:
    # the table goes with its triggers; what the sharing state holds of notes goes with it, or an
    # older app would find a section it does not know in its next bundle
    for table in ('sync_dirty', 'sync_clock', 'tombstone'):
        op.execute(f"DELETE FROM {table} WHERE entity = 'notes'")
    op.drop_index('ix_note_dependency_created', table_name='note')
    op.drop_index('ix_note_step_created', table_name='note')
    op.drop_index('ix_note_journey_id', table_name='note')
    op.drop_table('note')
