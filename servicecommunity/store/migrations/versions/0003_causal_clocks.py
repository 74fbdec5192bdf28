"""causal clocks: per-field version vectors instead of one sync base per record

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

``sync_base`` (the version last shared, one per record) could not tell an edit made with knowledge
of ours from one made without it, so merges lost edits (``servicecommunity.exchange.sync`` explains the
clocks that replace it). The workspace becomes a site with its own id and counter; triggers note
each record's first insert, update or delete since the last refresh, with its row as it was, and
link rows likewise. Records that had changed since they were last shared (a ``sync_base`` row) are
noted as changed in every field, so their first merge treats them as edited here: a field the
other member also changed is a conflict, never a silent loss. Frozen here: the column lists are
those of schema 0002.

On PostgreSQL (a team workspace, new with this branch; SQLite's statements are unchanged) the
triggers call two trigger functions, ``sync_dirty_record`` and ``sync_dirty_link_row``, which note
the same rows, and a statement-level ``sync_notify`` announces each change to listeners
(``servicecommunity.store.listening``). An import's own inserts are not noted while the
transaction's ``servicecommunity.untracked`` setting is on (``store.bulk.untracked_inserts``); a record's old row is ``to_jsonb(OLD)`` less its bookkeeping columns, so a column
added later is noted without new triggers (``servicecommunity.exchange.sync.row_json_sql`` reads
the current rows the same way).
"""
import secrets
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> (bundle section, content columns), schema 0002
RECORD_TABLES = {
    'community': ('communities', ['name', 'description']),
    'organisation': ('organisations', ['community_id', 'name', 'short_name', 'kind', 'colour']),
    'community_group': ('groups', ['community_id', 'name', 'purpose']),
    'member': ('members', ['community_id', 'name', 'email', 'role', 'organisation_id']),
    'dataitem': ('data_items', ['community_id', 'name', 'description']),
    'journey': ('journeys', ['community_id', 'name', 'persona', 'user_need', 'status', 'description']),
    'stage': ('stages', ['journey_id', 'name', 'position', 'description']),
    'step': ('steps', ['journey_id', 'stage_id', 'position', 'title', 'description', 'owner_id', 'channels',
                       'touchpoint', 'touchpoint_url', 'duration_hours', 'emotion', 'pain_points',
                       'monthly_volume', 'cost_per_transaction', 'user_satisfaction', 'completion_rate',
                       'digital_take_up']),
    'dependency': ('dependencies', ['journey_id', 'from_step_id', 'to_step_id', 'kind', 'handoff_mode',
                                    'agreed', 'note']),
    'workshop': ('workshops', ['community_id', 'journey_id', 'title', 'held_on', 'facilitator_id', 'notes']),
    'blocker': ('blockers', ['community_id', 'title', 'description', 'category', 'severity', 'status',
                             'classification', 'raised_by_id', 'owner_id', 'workshop_id', 'raised_on',
                             'due_on', 'resolved_on', 'standard_points']),
    'blockerupdate': ('blocker_updates', ['blocker_id', 'author_id', 'kind', 'comment', 'old_status',
                                          'new_status']),
}
# link table -> (set field, parent column, child column)
LINK_TABLES = {
    'groupmember': ('group_ids', 'member_id', 'group_id'),
    'stepsupporter': ('supporter_ids', 'step_id', 'organisation_id'),
    'stepdataitem': ('data_item_ids', 'step_id', 'data_item_id'),
    'workshopattendee': ('attendee_ids', 'workshop_id', 'member_id'),
    'blockerorganisation': ('blocking_organisation_ids', 'blocker_id', 'organisation_id'),
    'blockerstep': ('step_ids', 'blocker_id', 'step_id'),
    'blockerdependency': ('dependency_ids', 'blocker_id', 'dependency_id'),
}


def _record_triggers(table: str, section: str, columns: list[str]) -> list[str]:
    old = "json_object(" + ", ".join(f"'{c}', OLD.{c}" for c in columns) + ")"
    return [
        f"CREATE TRIGGER sync_dirty_insert_{table} AFTER INSERT ON \"{table}\" BEGIN "
        f"INSERT OR IGNORE INTO sync_dirty (id, entity, old) VALUES (NEW.id, '{section}', NULL); END",
        f"CREATE TRIGGER sync_dirty_update_{table} AFTER UPDATE ON \"{table}\" BEGIN "
        f"INSERT OR IGNORE INTO sync_dirty (id, entity, old) VALUES (OLD.id, '{section}', {old}); END",
        f"CREATE TRIGGER sync_dirty_delete_{table} AFTER DELETE ON \"{table}\" BEGIN "
        f"INSERT OR IGNORE INTO sync_dirty (id, entity, old) VALUES (OLD.id, '{section}', {old}); END",
    ]


def _link_triggers(table: str, link_field: str, parent: str, child: str) -> list[str]:
    return [
        f"CREATE TRIGGER sync_dirty_insert_{table} AFTER INSERT ON \"{table}\" BEGIN "
        f"INSERT OR IGNORE INTO sync_dirty_link (parent, field, child, was) "
        f"VALUES (NEW.{parent}, '{link_field}', NEW.{child}, 0); END",
        f"CREATE TRIGGER sync_dirty_delete_{table} AFTER DELETE ON \"{table}\" BEGIN "
        f"INSERT OR IGNORE INTO sync_dirty_link (parent, field, child, was) "
        f"VALUES (OLD.{parent}, '{link_field}', OLD.{child}, 1); END",
    ]


PG_FUNCTIONS = [
    """CREATE FUNCTION sync_dirty_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF current_setting('servicecommunity.untracked', true) IS DISTINCT FROM 'on' THEN
            INSERT INTO sync_dirty (id, entity, old) VALUES (NEW.id, TG_ARGV[0], NULL) ON CONFLICT DO NOTHING;
        END IF;
    ELSE
        INSERT INTO sync_dirty (id, entity, old)
        VALUES (OLD.id, TG_ARGV[0], (to_jsonb(OLD) - 'id' - 'created_at' - 'updated_at')::text)
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$""",
    # announced to listeners at commit, once per transaction for each section and login
    """CREATE FUNCTION sync_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('servicecommunity', TG_ARGV[0] || ' ' || current_user);
    RETURN NULL;
END $$""",
    """CREATE FUNCTION sync_dirty_link_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r jsonb := CASE WHEN TG_OP = 'INSERT' THEN to_jsonb(NEW) ELSE to_jsonb(OLD) END;
BEGIN
    IF TG_OP = 'DELETE' OR current_setting('servicecommunity.untracked', true) IS DISTINCT FROM 'on' THEN
        INSERT INTO sync_dirty_link (parent, field, child, was)
        VALUES (r ->> TG_ARGV[1], TG_ARGV[0], r ->> TG_ARGV[2], TG_OP = 'DELETE') ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$""",
]


# link table -> the section whose record holds the set
LINK_SECTIONS = {
    'groupmember': 'members', 'stepsupporter': 'steps', 'stepdataitem': 'steps', 'workshopattendee': 'workshops',
    'blockerorganisation': 'blockers', 'blockerstep': 'blockers', 'blockerdependency': 'blockers',
}


def _pg_triggers() -> list[str]:
    out = list(PG_FUNCTIONS)
    for table, section in [*((t, s) for t, (s, _c) in RECORD_TABLES.items()), *LINK_SECTIONS.items()]:
        out.append(f"CREATE TRIGGER sync_notify_{table} AFTER INSERT OR UPDATE OR DELETE ON \"{table}\" "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('{section}')")
    for table, (section, _columns) in RECORD_TABLES.items():
        for verb in ('insert', 'update', 'delete'):
            out.append(f"CREATE TRIGGER sync_dirty_{verb}_{table} AFTER {verb.upper()} ON \"{table}\" "
                       f"FOR EACH ROW EXECUTE FUNCTION sync_dirty_record('{section}')")
    for table, (link_field, parent, child) in LINK_TABLES.items():
        for verb in ('insert', 'delete'):
            out.append(f"CREATE TRIGGER sync_dirty_{verb}_{table} AFTER {verb.upper()} ON \"{table}\" "
                       f"FOR EACH ROW EXECUTE FUNCTION sync_dirty_link_row('{link_field}', '{parent}', '{child}')")
    return out


def upgrade() -> None:
    op.create_table('sync_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('counter', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_state'))
    )
    op.create_table('sync_clock',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('clock', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('journey_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_clock'))
    )
    op.create_table('sync_dirty',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('old', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_dirty'))
    )
    op.create_table('sync_dirty_link',
    sa.Column('parent', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('field', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('child', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('was', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('parent', 'field', 'child', name=op.f('pk_sync_dirty_link'))
    )
    op.create_table('sync_site',
    sa.Column('site', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('site', name=op.f('pk_sync_site'))
    )
    op.execute(sa.text("INSERT INTO sync_state (id, site, counter) VALUES (1, :site, 0)").bindparams(
        site=secrets.token_hex(8)))
    # what changed here since it was last shared: changed in every field, as far as we can tell now
    op.execute("INSERT INTO sync_dirty (id, entity, old) SELECT id, entity, '{}' FROM sync_base")
    if op.get_bind().dialect.name == 'sqlite':
        for table in RECORD_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS sync_base_update_{table}")
            op.execute(f"DROP TRIGGER IF EXISTS sync_base_delete_{table}")
        for table, (section, columns) in RECORD_TABLES.items():
            for statement in _record_triggers(table, section, columns):
                op.execute(statement)
        for table, (link_field, parent, child) in LINK_TABLES.items():
            for statement in _link_triggers(table, link_field, parent, child):
                op.execute(statement)
    elif op.get_bind().dialect.name == 'postgresql':
        for statement in _pg_triggers():
            op.execute(statement)
    op.drop_table('sync_base')


def downgrade() -> None:
    # Back to one sync base per record. The clocks cannot become one: records that changed here
    # since the last refresh count as changed since shared, the rest as shared.
    op.create_table('sync_base',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('kept_over', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_base'))
    )
    op.execute("INSERT INTO sync_base (id, entity) SELECT id, entity FROM sync_dirty")
    if op.get_bind().dialect.name == 'postgresql':
        for table in [*RECORD_TABLES, *LINK_TABLES]:
            for verb in ('insert', 'update', 'delete'):
                op.execute(f'DROP TRIGGER IF EXISTS sync_dirty_{verb}_{table} ON "{table}"')
            op.execute(f'DROP TRIGGER IF EXISTS sync_notify_{table} ON "{table}"')
        op.execute("DROP FUNCTION IF EXISTS sync_notify()")
        op.execute("DROP FUNCTION IF EXISTS sync_dirty_record()")
        op.execute("DROP FUNCTION IF EXISTS sync_dirty_link_row()")
    if op.get_bind().dialect.name == 'sqlite':
        for table in [*RECORD_TABLES, *LINK_TABLES]:
            for verb in ('insert', 'update', 'delete'):
                op.execute(f"DROP TRIGGER IF EXISTS sync_dirty_{verb}_{table}")
        for table, (section, _columns) in RECORD_TABLES.items():
            op.execute(
                f"CREATE TRIGGER sync_base_update_{table} AFTER UPDATE OF updated_at ON {table} "
                "WHEN OLD.updated_at IS NOT NEW.updated_at "
                f"BEGIN INSERT OR IGNORE INTO sync_base (id, entity, updated_at) VALUES (OLD.id, '{section}', OLD.updated_at); END"
            )
            op.execute(
                f"CREATE TRIGGER sync_base_delete_{table} AFTER DELETE ON {table} "
                f"BEGIN INSERT OR IGNORE INTO sync_base (id, entity, updated_at) VALUES (OLD.id, '{section}', OLD.updated_at); END"
            )
    for table in ('sync_site', 'sync_dirty_link', 'sync_dirty', 'sync_clock', 'sync_state'):
        op.drop_table(table)
