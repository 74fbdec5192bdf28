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

Not covered yet: the activity log's summaries, and tombstones (ids and a section only).
"""

from __future__ import annotations

from typing import Any

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

#: table -> the condition under which a row is visible (and may be written)
_POLICIES = {
    "blocker": "sc_may_see(classification, owner_id)",
    "blockerupdate": "EXISTS (SELECT 1 FROM blocker b WHERE b.id = blocker_id)",
    "blockerstep": "EXISTS (SELECT 1 FROM blocker b WHERE b.id = blocker_id)",
    "blockerorganisation": "EXISTS (SELECT 1 FROM blocker b WHERE b.id = blocker_id)",
    "blockerdependency": "EXISTS (SELECT 1 FROM blocker b WHERE b.id = blocker_id)",
    # a blocker's old values, noted for the next refresh: by the old row's own classification
    "sync_dirty": (
        "entity NOT IN ('blockers', 'blocker_updates') "
        f"OR pg_has_role(current_user, '{FACILITATOR}', 'MEMBER') "
        "OR (entity = 'blockers' AND (old IS NULL OR old = '{}' "
        "    OR sc_may_see(old::jsonb ->> 'classification', old::jsonb ->> 'owner_id')) "
        "    AND (EXISTS (SELECT 1 FROM blocker b WHERE b.id = sync_dirty.id) OR NOT sc_blocker_exists(sync_dirty.id))) "
        "OR (entity = 'blocker_updates' AND EXISTS (SELECT 1 FROM blockerupdate u WHERE u.id = sync_dirty.id))"
    ),
    # a clock holds the values of a pending conflict: the record's readers only
    "sync_clock": (
        "entity NOT IN ('blockers', 'blocker_updates') "
        f"OR pg_has_role(current_user, '{FACILITATOR}', 'MEMBER') "
        "OR EXISTS (SELECT 1 FROM blocker b WHERE b.id = sync_clock.id) "
        "OR EXISTS (SELECT 1 FROM blockerupdate u WHERE u.id = sync_clock.id)"
    ),
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
    for statement in _STATEMENTS[4:]:
        conn.exec_driver_sql(statement)
    for table, condition in _POLICIES.items():
        conn.exec_driver_sql(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        for verb, clause in (("SELECT", f"USING ({condition})"), ("INSERT", f"WITH CHECK ({condition})"),
                             ("UPDATE", f"USING ({condition}) WITH CHECK ({condition})"),
                             ("DELETE", f"USING ({condition})")):
            name = f"sc_{table}_{verb.lower()}"
            conn.exec_driver_sql(f'DROP POLICY IF EXISTS {name} ON "{table}"')
            conn.exec_driver_sql(f'CREATE POLICY {name} ON "{table}" FOR {verb} {clause}')
