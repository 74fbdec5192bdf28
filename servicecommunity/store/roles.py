"""Who may see and change what in a team workspace on PostgreSQL, enforced by the server itself.

Three roles, made once per server (they are cluster-wide; granting them rights is per database)
by ``servicecommunity init postgresql://... --roles``, run as the database's owner:

* ``sc_viewer``: reads the workspace;
* ``sc_member``: a viewer who also edits, imports and exports (``sc_viewer``'s rights and more);
* ``sc_facilitator``: a member who also sees every OFFICIAL-SENSITIVE blocker and says which
  login is which member (``workspace_login``).

A person's login role is granted one of them (``GRANT sc_member TO alice``) and is linked to
their member record (``INSERT INTO workspace_login VALUES ('alice', '<member id>')``): that
member's organisation is theirs. Row-level security then keeps an OFFICIAL-SENSITIVE blocker,
its history (``blockerupdate``), its links, and its old values and clock (``sync_dirty``,
``sync_clock``) to the members of the organisation that owns it (``blocker.owner_id``) and to
facilitators, whatever program connects: a member of another organisation reading with plain
SQL gets no row, and cannot write one either. The database's owner (who ran the migrations) is
not bound by these policies; keep that login for the hosting team.

What a blocker leaves elsewhere is kept to the same people, even after the blocker is deleted:
the activity log's entries about it and its history (their summaries hold its title and the
comments' words), its old values (``sync_dirty``), the changes to its links
(``sync_dirty_link``) and its clock (``sync_clock``). Those tables name a blocker or a history
entry by id only, so the server remembers which blocker each id belongs to and that blocker's
last classification and owner (``sc_blocker_fact``, written by triggers whoever writes the
blocker, readable by nobody but its owner): the policies ask :data:`SEES` of that. An activity
entry about a record the server knows nothing of is the facilitators' alone; a clock or a noted
change of one (a deletion that arrived in a bundle) is everyone's, as it holds no words.

Deliberately not restricted: tombstones (a deleted record's id, its section and when: no words;
hiding one would make a merge that brings the same deletion collide with a row it cannot see),
the notes on steps and hand-offs (they name no blocker), and the announcements of
:mod:`servicecommunity.store.listening` (a section and a login: "blockers alice").
"""

from __future__ import annotations

from typing import Any

from servicecommunity.domain.models import LINKS

VIEWER, MEMBER, FACILITATOR = "sc_viewer", "sc_member", "sc_facilitator"
SENSITIVE = "OFFICIAL-SENSITIVE"

#: what only the hosting team changes: the schema's version
OWNER_ONLY = ("alembic_version",)

_ROLES = f"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{VIEWER}') THEN CREATE ROLE {VIEWER} NOLOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{MEMBER}') THEN CREATE ROLE {MEMBER} NOLOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{FACILITATOR}') THEN
        CREATE ROLE {FACILITATOR} NOLOGIN;
    END IF;
END $$
"""

_STATEMENTS = [
    f"GRANT {VIEWER} TO {MEMBER}",
    f"GRANT {MEMBER} TO {FACILITATOR}",
    """CREATE TABLE IF NOT EXISTS workspace_login (
        login name PRIMARY KEY,
        member_id varchar(36) NOT NULL REFERENCES member (id) ON DELETE CASCADE
    )""",
    # Whether the login running the query may see a blocker of this classification and owner.
    f"""CREATE OR REPLACE FUNCTION sc_may_see(classification text, owner_id text) RETURNS boolean
    LANGUAGE sql STABLE AS $$
        SELECT classification IS DISTINCT FROM '{SENSITIVE}'
            OR pg_has_role(current_user, '{FACILITATOR}', 'MEMBER')
            OR owner_id IN (SELECT m.organisation_id FROM workspace_login l JOIN member m ON m.id = l.member_id
                            WHERE l.login = current_user)
    $$""",
    f"GRANT USAGE ON SCHEMA public TO {VIEWER}",
    f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {VIEWER}",
    f"GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {MEMBER}",
    f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {MEMBER}",
    *(f"REVOKE INSERT, UPDATE, DELETE ON {t} FROM {MEMBER}" for t in OWNER_ONLY),
    f"REVOKE INSERT, UPDATE, DELETE ON workspace_login FROM {MEMBER}",
    f"GRANT INSERT, UPDATE, DELETE ON workspace_login TO {FACILITATOR}",
]

# What the server remembers of every blocker and history entry: the blocker it belongs to, and
# that blocker's last classification and owner. Its triggers run as the table's owner, whoever writes.
_FACTS = [
    """CREATE TABLE IF NOT EXISTS sc_blocker_fact (
        id varchar(36) PRIMARY KEY,
        blocker_id varchar(36) NOT NULL,
        classification text,
        owner_id text
    )""",
    f"REVOKE ALL ON sc_blocker_fact FROM {VIEWER}, {MEMBER}, {FACILITATOR}",
    """CREATE OR REPLACE FUNCTION sc_note_blocker_fact() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
    BEGIN
        IF TG_TABLE_NAME = 'blocker' THEN
            INSERT INTO sc_blocker_fact VALUES (NEW.id, NEW.id, NEW.classification, NEW.owner_id)
            ON CONFLICT (id) DO UPDATE SET classification = EXCLUDED.classification, owner_id = EXCLUDED.owner_id;
        ELSE
            INSERT INTO sc_blocker_fact VALUES (NEW.id, NEW.blocker_id, NULL, NULL)
            ON CONFLICT (id) DO UPDATE SET blocker_id = EXCLUDED.blocker_id;
        END IF;
        RETURN NULL;
    END $$""",
    "DROP TRIGGER IF EXISTS sc_blocker_fact ON blocker",
    """CREATE TRIGGER sc_blocker_fact AFTER INSERT OR UPDATE OF classification, owner_id ON blocker
    FOR EACH ROW EXECUTE FUNCTION sc_note_blocker_fact()""",
    "DROP TRIGGER IF EXISTS sc_blocker_fact ON blockerupdate",
    """CREATE TRIGGER sc_blocker_fact AFTER INSERT OR UPDATE OF blocker_id ON blockerupdate
    FOR EACH ROW EXECUTE FUNCTION sc_note_blocker_fact()""",
    # what was there before the roles: the live blockers and entries, and the deleted ones still noted
    """INSERT INTO sc_blocker_fact SELECT id, id, classification, owner_id FROM blocker
    ON CONFLICT (id) DO UPDATE SET classification = EXCLUDED.classification, owner_id = EXCLUDED.owner_id""",
    "INSERT INTO sc_blocker_fact SELECT id, blocker_id, NULL, NULL FROM blockerupdate ON CONFLICT (id) DO NOTHING",
    """INSERT INTO sc_blocker_fact SELECT id, id, old::jsonb ->> 'classification', old::jsonb ->> 'owner_id'
    FROM sync_dirty WHERE entity = 'blockers' AND old IS NOT NULL AND old::jsonb ? 'classification'
    ON CONFLICT (id) DO NOTHING""",
    """INSERT INTO sc_blocker_fact SELECT id, old::jsonb ->> 'blocker_id', NULL, NULL
    FROM sync_dirty WHERE entity = 'blocker_updates' AND old IS NOT NULL AND old::jsonb ? 'blocker_id'
    ON CONFLICT (id) DO NOTHING""",
    # the last classification and owner of the blocker a record id belongs to; NULL: never known here
    """CREATE OR REPLACE FUNCTION sc_blocker_fact_of(record_id text) RETURNS text[]
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT ARRAY[b.classification, b.owner_id] FROM sc_blocker_fact f JOIN sc_blocker_fact b ON b.id = f.blocker_id
        WHERE f.id = record_id
    $$""",
    # whether the login running the query may see what a blocker (or a history entry) left behind,
    # as the blocker itself (run as that login: sc_may_see asks who it is)
    f"""CREATE OR REPLACE FUNCTION sc_sees_blocker(record_id text, if_unknown boolean) RETURNS boolean
    LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN x.f IS NULL THEN if_unknown OR pg_has_role(current_user, '{FACILITATOR}', 'MEMBER')
                    ELSE sc_may_see(x.f[1], x.f[2]) END
        FROM (SELECT sc_blocker_fact_of(record_id) AS f) x
    $$""",
]

_BLOCKERS = "('blockers', 'blocker_updates')"
_BLOCKER_LINKS = "(" + ", ".join(f"'{link.field}'" for link in LINKS["blockers"]) + ")"

#: table -> the condition under which a row is visible (and may be written); or, for a table
#: whose rows may be written under a looser condition than they are read, (read, write)
_POLICIES: dict[str, str | tuple[str, str]] = {
    "blocker": "sc_may_see(classification, owner_id)",
    "blockerupdate": "EXISTS (SELECT 1 FROM blocker b WHERE b.id = blocker_id)",
    "blockerstep": "EXISTS (SELECT 1 FROM blocker b WHERE b.id = blocker_id)",
    "blockerorganisation": "EXISTS (SELECT 1 FROM blocker b WHERE b.id = blocker_id)",
    "blockerdependency": "EXISTS (SELECT 1 FROM blocker b WHERE b.id = blocker_id)",
    # a blocker's old values, noted for the next refresh: by the blocker's last classification, and
    # by the old row's own (a blocker made sensitive keeps its old words to the readers it had)
    "sync_dirty": (
        f"entity NOT IN {_BLOCKERS} "
        "OR (sc_sees_blocker(id, true) AND (entity <> 'blockers' OR old IS NULL OR old = '{}' "
        "    OR sc_may_see(old::jsonb ->> 'classification', old::jsonb ->> 'owner_id')))"
    ),
    # which steps, organisations and dependencies a blocker was linked to, changed since the refresh
    "sync_dirty_link": f"field NOT IN {_BLOCKER_LINKS} OR sc_sees_blocker(parent, true)",
    # a clock holds the values of a pending conflict: the record's readers only
    "sync_clock": f"entity NOT IN {_BLOCKERS} OR sc_sees_blocker(id, true)",
    # the log's summaries hold a blocker's title and its comments' words; an entry about a record
    # the server never knew is the facilitators' (written freely: a new entry may precede its record)
    "activity": (f"entity NOT IN {_BLOCKERS} OR entity_id IS NULL OR sc_sees_blocker(entity_id, false)",
                 f"entity NOT IN {_BLOCKERS} OR entity_id IS NULL OR sc_sees_blocker(entity_id, true)"),
}

# Whether a blocker of that id exists, whatever its classification (run as the table's owner, whom
# the policies do not bind): lets a policy tell a deleted blocker from a hidden one.
_EXISTS = """CREATE OR REPLACE FUNCTION sc_blocker_exists(blocker_id text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT EXISTS (SELECT 1 FROM blocker WHERE id = blocker_id)
    $$"""


def install(conn: Any) -> None:
    """Make the roles, grant them their rights and switch on row-level security (idempotent).

    ``conn``: a SQLAlchemy connection to the workspace's database, as its owner, in a transaction.
    """
    if conn.dialect.name != "postgresql":
        raise ValueError("roles are PostgreSQL's")
    conn.exec_driver_sql(_ROLES)
    for statement in _STATEMENTS[:4]:
        conn.exec_driver_sql(statement)
    conn.exec_driver_sql(_EXISTS)
    for statement in _STATEMENTS[4:] + _FACTS:
        conn.exec_driver_sql(statement)
    for table, conditions in _POLICIES.items():
        read, write = (conditions, conditions) if isinstance(conditions, str) else conditions
        conn.exec_driver_sql(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        for verb, clause in (("SELECT", f"USING ({read})"), ("INSERT", f"WITH CHECK ({write})"),
                             ("UPDATE", f"USING ({read}) WITH CHECK ({write})"),
                             ("DELETE", f"USING ({read})")):
            name = f"sc_{table}_{verb.lower()}"
            conn.exec_driver_sql(f'DROP POLICY IF EXISTS {name} ON "{table}"')
            conn.exec_driver_sql(f'CREATE POLICY {name} ON "{table}" FOR {verb} {clause}')
