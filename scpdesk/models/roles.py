"""Who may do what on a shared PostgreSQL server, enforced by the server itself (grants and row-level security).

Four NOLOGIN group roles; IT makes each person a LOGIN role and grants them one or more (``scpdesk db grant``):

- ``scpdesk_viewer``       reads the records; no real identities.
- ``scpdesk_coordinator``  reads and edits the records; no real identities, no settings or directory.
- ``scpdesk_identity``     reads and edits the children's real identities (``child_identity``) and the audit rows
                           about them; combine it with viewer or coordinator for a real person.
- ``scpdesk_admin``        owns the tables (so its members run ``scpdesk db upgrade``) and edits the settings and
                           directory (organisation settings, closure days, agencies, people, themes).

Every role may INSERT and SELECT the audit, never UPDATE or DELETE it (not even the owner: its own privileges
are revoked, and migration 0005's triggers refuse it); an audit row must name the inserting login
(``"user" = session_user``), so a client cannot write someone else's name. ``child_identity`` is visible only
to members of ``scpdesk_identity`` (FORCE ROW LEVEL SECURITY: the owner's members too; the owner keeps its
table rights because PostgreSQL runs foreign-key checks and cascades as the owner).

The audit rows about ``child_identity`` hold field names and HMAC-SHA256 values keyed with the secret in
``identity_audit_key`` (scpdesk/models/audit.py), never a value; that key is what only ``scpdesk_identity``
may read. No policy hides audit rows: every login must see the whole hash chain to link its own rows to the
head (``audit_chain_head()``) and to verify it (``scpdesk db check``).

As owner, scpdesk_admin keeps its rights on the record tables too (PostgreSQL runs foreign-key checks and
cascades as the owner): give it to IT and the partnership's administrator only. The publication guard of users
without the identity role asks ``scpdesk_identity_hits(referral_id, candidates)`` (which candidates are
identity values, and of what kind: never a value).

``apply_grants`` is the whole policy, computed from the tables that exist: migration 0004 runs it and every
later migration that creates a table must run it again (``roles.apply_grants(op.get_bind())``). A new table
is a coordinator's record table unless it is named below. Superusers bypass all of this (keep them for IT).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

log = logging.getLogger(__name__)

VIEWER, COORDINATOR, IDENTITY, ADMIN = ("scpdesk_viewer", "scpdesk_coordinator", "scpdesk_identity",
                                        "scpdesk_admin")
#: Each role and what it lets its members do (for ``db grant`` messages and the UI's explanations).
ROLES: dict[str, str] = {
    VIEWER: "read records (no real identities)",
    COORDINATOR: "read and edit records (no real identities, settings or directory)",
    IDENTITY: "read and edit children's real identities",
    ADMIN: "change settings and the directory, and upgrade the database",
}

AUDIT_TABLE = "audit_event"
IDENTITY_TABLE = "child_identity"
#: Settings and directory: written by scpdesk_admin only (read by everyone).
ADMIN_TABLES = frozenset({"organisation_setting", "closure_day", "agency", "person", "theme"})
#: The audit's HMAC key (scpdesk/models/audit.py). Readable by scpdesk_identity only (it keys the hashes of
#: identity values in the audit), written by nobody but the owner (migration 0005 creates it).
AUDIT_KEY_TABLES = frozenset({"identity_audit_key"})
#: Functions every role runs (the audit chain's head, under its lock: migration 0005).
SHARED_FUNCTIONS = ("audit_chain_head()",)
#: Read by everyone, written only by the owner (migrations).
OWNER_ONLY_TABLES = frozenset({"alembic_version"})
#: An offline copy's own tables (migration 0011): empty on a server, and kept so (read-only to every role: a row
#: in ``offline_copy`` would make every client take the server for an offline copy).
LOCAL_ONLY_TABLES = frozenset({"offline_copy", "offline_base", "offline_resolution"})
#: Who has what offline (migration 0011): read by everyone, recorded by coordinators (taking records offline,
#: syncing them back); never deleted, so who had what offline stays known. The records of a checkout are
#: replaced when it is refreshed.
CHECKOUT_TABLES = {"offline_checkout": "INSERT, UPDATE", "offline_checkout_record": "INSERT, DELETE"}

_ROW_SECURITY_IDENTITY = f"pg_has_role('{IDENTITY}', 'MEMBER')"


def _quote(name: str) -> str:
    """An identifier quoted for SQL (names come from the catalog or from the constants above)."""
    return '"' + name.replace('"', '""') + '"'


def _list(roles: Iterable[str]) -> str:
    return ", ".join(_quote(r) for r in roles)


def _ensure_roles(conn: Any) -> None:
    for role in ROLES:
        conn.exec_driver_sql(f"""
            DO $body$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN
                    CREATE ROLE {_quote(role)} NOLOGIN;
                END IF;
            EXCEPTION
                WHEN duplicate_object THEN NULL;  -- created meanwhile by an upgrade of another database
                WHEN insufficient_privilege THEN
                    RAISE EXCEPTION USING
                        MESSAGE = 'role {role} does not exist and ' || current_user || ' may not create roles',
                        HINT = 'Run scpdesk db upgrade as a role with CREATEROLE, or have a superuser run: '
                               || 'CREATE ROLE {role} NOLOGIN;';
            END $body$""")  # noqa: S608 - constant role names


def _tables(conn: Any) -> list[str]:
    rows = conn.exec_driver_sql("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                                "ORDER BY tablename").fetchall()
    return [r[0] for r in rows]


def _sequences(conn: Any) -> dict[str, str]:
    """Each sequence of the schema → the table that owns it (serial ids)."""
    rows = conn.exec_driver_sql("""
        SELECT s.relname, t.relname FROM pg_class s
          JOIN pg_namespace n ON n.oid = s.relnamespace
          JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
                          AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
          JOIN pg_class t ON t.oid = d.refobjid
         WHERE s.relkind = 'S' AND n.nspname = current_schema()""").fetchall()
    return {seq: table for seq, table in rows}


def _may_give_to(conn: Any, role: str) -> bool:
    """Whether this login may make ``role`` the owner of an object (a superuser, or a member of it)."""
    return bool(conn.exec_driver_sql(
        "SELECT rolsuper OR (pg_has_role(%(r)s, 'MEMBER') AND has_schema_privilege(%(r)s, current_schema(), "
        "'CREATE')) FROM pg_roles WHERE rolname = current_user", {"r": role}).scalar())


def _give_to_admin(conn: Any, tables: list[str]) -> None:
    """scpdesk_admin owns the tables and functions, so any admin member can run later upgrades."""
    if conn.exec_driver_sql("SELECT has_schema_privilege(current_schema(), 'CREATE WITH GRANT OPTION')").scalar():
        conn.exec_driver_sql(f"GRANT USAGE, CREATE ON SCHEMA {_quote(_schema(conn))} TO {_quote(ADMIN)}")
    if not _may_give_to(conn, ADMIN):
        log.warning("tables stay owned by the upgrading login: it cannot hand them to %s", ADMIN)
        return
    for table in tables:
        conn.exec_driver_sql(f"ALTER TABLE {_quote(table)} OWNER TO {_quote(ADMIN)}")
    functions = conn.exec_driver_sql("""
        SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = current_schema() AND (left(p.proname, 10) = 'review_fts'
                OR p.proname IN ('audit_chain_head', 'audit_event_append_only'))""").fetchall()
    for (signature,) in functions:
        conn.exec_driver_sql(f"ALTER FUNCTION {signature} OWNER TO {_quote(ADMIN)}")


def _schema(conn: Any) -> str:
    return str(conn.exec_driver_sql("SELECT current_schema()").scalar())


def _row_security(conn: Any, tables: list[str]) -> None:
    """child_identity: members of scpdesk_identity only (the owner included). The audit: every row visible to
    every role (the chain), each inserted row naming its login."""
    if IDENTITY_TABLE in tables:
        conn.exec_driver_sql(f"ALTER TABLE {IDENTITY_TABLE} ENABLE ROW LEVEL SECURITY")
        conn.exec_driver_sql(f"ALTER TABLE {IDENTITY_TABLE} FORCE ROW LEVEL SECURITY")
        conn.exec_driver_sql(f"DROP POLICY IF EXISTS scpdesk_identity_only ON {IDENTITY_TABLE}")
        conn.exec_driver_sql(f"CREATE POLICY scpdesk_identity_only ON {IDENTITY_TABLE} FOR ALL TO PUBLIC "
                             f"USING ({_ROW_SECURITY_IDENTITY}) WITH CHECK ({_ROW_SECURITY_IDENTITY})")
    if AUDIT_TABLE in tables:
        conn.exec_driver_sql(f"ALTER TABLE {AUDIT_TABLE} ENABLE ROW LEVEL SECURITY")
        conn.exec_driver_sql(f"ALTER TABLE {AUDIT_TABLE} FORCE ROW LEVEL SECURITY")
        for name in ("scpdesk_audit_read", "scpdesk_audit_write"):
            conn.exec_driver_sql(f"DROP POLICY IF EXISTS {name} ON {AUDIT_TABLE}")
        # Every row readable: the hash chain is linked and verified over all of them (identity rows hold
        # keyed hashes, not values).
        conn.exec_driver_sql(f"CREATE POLICY scpdesk_audit_read ON {AUDIT_TABLE} FOR SELECT TO PUBLIC USING (true)")
        # A row names the login that writes it: nobody can put another person's name in the audit.
        conn.exec_driver_sql(f"CREATE POLICY scpdesk_audit_write ON {AUDIT_TABLE} FOR INSERT TO PUBLIC "
                             f"WITH CHECK (\"user\" = session_user)")
        # No UPDATE or DELETE policy: with row security forced, such a statement touches no row even for
        # the owner; and no role holds the privilege (below), so it is refused outright.


#: Words as the publication guard splits them (services/library/learning_summary.py ``_TOKEN``): runs of anything but
#: whitespace and ASCII punctuation. ``\\[`` is a literal bracket inside a PostgreSQL ARE bracket expression.
_TOKEN_RE = r"[^[:space:]!-/:-@\[-`{-~]+"
_POSTCODE_RE = r"\y([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)[[:space:]]*([0-9][A-Za-z]{2})\y"
#: Word needles are compared on at most this many leading words (MAX_NEEDLE_WORDS in learning_summary.py).
MAX_NEEDLE_WORDS = 8
HITS_SIGNATURE = "scpdesk_identity_hits(integer, text[])"
#: At most this many guessable candidates of each kind per call: dates (``d:``), postcode-shaped pairs (``p:``)
#: and digit runs of six digits or more (``n:``). A child's date of birth is one of a few thousand days, and a
#: partnership's postcodes a few tens of thousands: without a limit one call sweeps them all (the function is
#: an oracle by design). The Python guard sends its candidates in batches within the limit; a sweep needs many
#: calls, each written to the server's log with the login (a rollback does not undo that line).
HITS_LIMIT = 32
#: In the function's body: an upgrade replaces a function without it (an older release's, without the limit).
HITS_VERSION_MARK = "scpdesk-identity-hits-v2"
_SHAPED = {
    "date": "c LIKE 'd:%'",
    "postcode": r"c ~ '^p:[a-z]{1,2}[0-9][a-z0-9]?[0-9][a-z]{2}$'",
    "number": "c ~ '^n:[0-9]{6,}$'",
}


def _words_sql(column: str) -> str:
    select = f"SELECT lower(m.t[1]) FROM regexp_matches(coalesce({column}, ''), '{_TOKEN_RE}', 'g') "  # noqa: S608
    return f"ARRAY({select}WITH ORDINALITY AS m(t, i) ORDER BY m.i LIMIT {MAX_NEEDLE_WORDS})"


def _hits_function(conn: Any) -> tuple[str, str] | None:
    """The identity check function's body and owner, if it exists."""
    row = conn.exec_driver_sql("SELECT prosrc, pg_get_userbyid(proowner) FROM pg_proc "
                               "WHERE oid = to_regprocedure(%(s)s)", {"s": HITS_SIGNATURE}).first()
    return (row[0], row[1]) if row else None


def _identity_hits(conn: Any, tables: list[str]) -> None:
    """``scpdesk_identity_hits(referral_id, candidates)``: the publication guard for a login that may not read
    identities. The Python guard sends every normalised piece of the text that could be an identity value
    (``identity_candidates``: word n-grams ``w:``, run-together word pairs ``p:``, dates ``d:YYYY-MM-DD`` or
    ``d:YY-MM-DD``, digit runs ``n:``); this function, running as scpdesk_identity (SECURITY DEFINER), builds
    the same normalised forms of each linked child's name (whole, and first and last), date of birth, NHS
    number, postcode and address lines, and returns the candidates that are one, with the kind, plus one row
    per identity record checked (kind NULL): never a value. If it cannot read identities (owned by a login
    that may not) it raises, so the guard refuses instead of passing unchecked.
    """
    if IDENTITY_TABLE not in tables:
        return
    current = _hits_function(conn)
    if current is not None:
        if HITS_VERSION_MARK in current[0]:
            return  # created once (its owner, scpdesk_identity, is the only one who may replace it)
        if not conn.exec_driver_sql("SELECT rolsuper OR pg_has_role(%(o)s, 'MEMBER') FROM pg_roles "
                                    "WHERE rolname = current_user", {"o": current[1]}).scalar():
            log.warning("the identity check has no limit on guesses; this login may not replace it (upgrade as a "
                        "superuser)")
            return  # roles.problems() names it in db check
        conn.exec_driver_sql(f"DROP FUNCTION {HITS_SIGNATURE}")  # an older release's, without the limit
    name_words, rest_words = _words_sql("ci.full_name"), _words_sql("r.rest")
    counts = ", ".join(f"count(*) FILTER (WHERE {condition})" for condition in _SHAPED.values())
    function = f"""
        CREATE FUNCTION scpdesk_identity_hits(p_referral_id integer, p_candidates text[])
        RETURNS TABLE (identity_id integer, kind text, candidate text)
        LANGUAGE plpgsql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, {_quote(_schema(conn))}, pg_temp AS $body$
        DECLARE
            shaped integer[];
        BEGIN
            -- {HITS_VERSION_MARK}: at most {HITS_LIMIT} dates, postcodes and long numbers per call, each call logged;
            -- pg_temp last in the search path: a login cannot put its own child_identity in front of the real one
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolbypassrls))
               AND NOT pg_has_role(current_user, '{IDENTITY}', 'MEMBER') THEN
                RAISE EXCEPTION USING
                    MESSAGE = 'the identity check runs as ' || current_user || ', who may not read identities',
                    HINT = 'Run scpdesk db upgrade as a superuser (the function must belong to {IDENTITY}).';
            END IF;
            SELECT ARRAY[{counts}] INTO shaped FROM (SELECT DISTINCT unnest(p_candidates)) AS t(c);
            -- The server's log (not undone by a rollback): who asked about which referral, and how much.
            RAISE LOG 'scpdesk identity check by % on referral %: % candidate(s), % date(s), % postcode(s), '
                      '% long number(s)', session_user, p_referral_id, coalesce(cardinality(p_candidates), 0),
                      shaped[1], shaped[2], shaped[3];
            IF shaped[1] > {HITS_LIMIT} OR shaped[2] > {HITS_LIMIT} OR shaped[3] > {HITS_LIMIT} THEN
                RAISE EXCEPTION USING ERRCODE = 'program_limit_exceeded',
                    MESSAGE = format('the identity check takes at most {HITS_LIMIT} dates, postcodes and long '
                                     'numbers at a time (asked: %s, %s, %s)', shaped[1], shaped[2], shaped[3]);
            END IF;
            RETURN QUERY
            WITH ci AS (
                SELECT c.id, c.full_name, c.date_of_birth, c.nhs_number, c.address
                  FROM child_identity c JOIN referral_child rc ON rc.id = c.child_id
                 WHERE rc.referral_id = p_referral_id),
            names AS (SELECT ci.id, {name_words} AS w FROM ci),
            lines AS (SELECT ci.id, l.line
                        FROM ci, regexp_split_to_table(coalesce(ci.address, ''), '[,\n;]+') AS l(line)),
            rests AS (SELECT lines.id,
                             btrim(regexp_replace(lines.line, '{_POSTCODE_RE}', ' ', 'g'), E' \t\r\n') AS rest
                        FROM lines),
            addresses AS (SELECT r.id, r.rest, {rest_words} AS w FROM rests r),
            needles (id, kind, key) AS (
                SELECT n.id, 'name', 'w:' || array_to_string(n.w, ' ') FROM names n
                 WHERE length(array_to_string(n.w, '')) >= 3
                UNION ALL
                SELECT n.id, 'name', 'w:' || n.w[1] || ' ' || n.w[cardinality(n.w)] FROM names n
                 WHERE length(array_to_string(n.w, '')) >= 3 AND cardinality(n.w) >= 3
                UNION ALL
                SELECT ci.id, 'date of birth', 'd:' || to_char(ci.date_of_birth, f) FROM ci,
                       unnest(ARRAY['YYYY-MM-DD', 'YY-MM-DD']) AS f WHERE ci.date_of_birth IS NOT NULL
                UNION ALL
                SELECT ci.id, 'NHS number', 'n:' || regexp_replace(ci.nhs_number, '[^0-9]', '', 'g') FROM ci
                 WHERE length(regexp_replace(coalesce(ci.nhs_number, ''), '[^0-9]', '', 'g')) >= 6
                UNION ALL
                SELECT lines.id, 'postcode', 'p:' || lower(m[1] || m[2])
                  FROM lines, regexp_matches(lines.line, '{_POSTCODE_RE}', 'g') AS m
                UNION ALL
                SELECT a.id, 'address', 'w:' || array_to_string(a.w, ' ') FROM addresses a
                 WHERE length(a.rest) >= 4 AND cardinality(a.w) >= 1 AND (a.rest ~ '[0-9]' OR cardinality(a.w) >= 2))
            SELECT ci.id, NULL::text, NULL::text FROM ci
            UNION ALL
            SELECT DISTINCT n.id, n.kind, n.key FROM needles n WHERE n.key = ANY(p_candidates);
        END
        $body$"""  # noqa: S608 - constant patterns; the schema name is quoted
    conn.exec_driver_sql(function.replace("%", "%%"), {})  # the driver formats: its % signs doubled
    conn.exec_driver_sql(f"REVOKE ALL ON FUNCTION {HITS_SIGNATURE} FROM PUBLIC")
    # Only the roles that save and publish learning summaries run the check (each call an oracle over a few
    # guesses: a read-only login has no reason to ask, so it may not). Identity members read the values directly.
    conn.exec_driver_sql(f"REVOKE ALL ON FUNCTION {HITS_SIGNATURE} FROM {_list(ROLES)}")
    conn.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {HITS_SIGNATURE} TO {_list([COORDINATOR, ADMIN])}")
    if _may_give_to(conn, IDENTITY):  # it must run as scpdesk_identity, the one role that sees child_identity
        conn.exec_driver_sql(f"ALTER FUNCTION {HITS_SIGNATURE} OWNER TO {_quote(IDENTITY)}")


def apply_grants(conn: Any) -> None:
    """Create the roles if missing and set every grant and row-security policy from the tables that exist.

    Idempotent; PostgreSQL only (a no-op on SQLite, where the OS account owns the file). ``conn`` is a
    SQLAlchemy connection inside a transaction (a migration's ``op.get_bind()``).
    """
    if conn.dialect.name != "postgresql":
        return
    _ensure_roles(conn)
    tables = _tables(conn)
    _give_to_admin(conn, tables)
    everyone = list(ROLES)
    owners = dict(conn.exec_driver_sql("SELECT tablename, tableowner FROM pg_tables "
                                       "WHERE schemaname = current_schema()").fetchall())
    for table in tables:
        others = [r for r in everyone if r != owners[table]]  # the owner's own rights serve foreign keys
        conn.exec_driver_sql(f"REVOKE ALL ON {_quote(table)} FROM PUBLIC, {_list(others)}")
        if table == IDENTITY_TABLE:
            conn.exec_driver_sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {_quote(IDENTITY)}")
        elif table == AUDIT_TABLE:
            conn.exec_driver_sql(f"GRANT SELECT, INSERT ON {table} TO {_list(everyone)}")
            # The owner too: nobody updates, deletes or truncates the audit.
            conn.exec_driver_sql(f"REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM {_quote(owners[table])}")
        elif table in AUDIT_KEY_TABLES:
            conn.exec_driver_sql(f"GRANT SELECT ON {_quote(table)} TO {_quote(IDENTITY)}")
        elif table in OWNER_ONLY_TABLES or table in LOCAL_ONLY_TABLES:
            conn.exec_driver_sql(f"GRANT SELECT ON {_quote(table)} TO {_list(everyone)}")
        elif table in CHECKOUT_TABLES:
            conn.exec_driver_sql(f"GRANT SELECT ON {_quote(table)} TO {_list(everyone)}")
            conn.exec_driver_sql(f"GRANT {CHECKOUT_TABLES[table]} ON {_quote(table)} TO {_quote(COORDINATOR)}")
        elif table in ADMIN_TABLES:
            conn.exec_driver_sql(f"GRANT SELECT ON {_quote(table)} TO {_list(everyone)}")
            conn.exec_driver_sql(f"GRANT INSERT, UPDATE, DELETE ON {_quote(table)} TO {_quote(ADMIN)}")
        else:  # a record table (referrals, reviews, meetings, actions…)
            conn.exec_driver_sql(f"GRANT SELECT ON {_quote(table)} TO {_list(everyone)}")
            conn.exec_driver_sql(f"GRANT INSERT, UPDATE, DELETE ON {_quote(table)} TO {_quote(COORDINATOR)}")
    for sequence, table in _sequences(conn).items():
        others = [r for r in everyone if r != owners.get(table)]
        conn.exec_driver_sql(f"REVOKE ALL ON SEQUENCE {_quote(sequence)} FROM PUBLIC, {_list(others)}")
        if table == AUDIT_TABLE:
            writers = everyone
        elif table == IDENTITY_TABLE:
            writers = [IDENTITY]
        elif table in ADMIN_TABLES:
            writers = [ADMIN]
        elif table in LOCAL_ONLY_TABLES:
            writers = []
        else:
            writers = [COORDINATOR]
        if writers:
            conn.exec_driver_sql(f"GRANT USAGE, SELECT ON SEQUENCE {_quote(sequence)} TO {_list(writers)}")
    for signature in SHARED_FUNCTIONS:
        if conn.exec_driver_sql(f"SELECT to_regprocedure('{signature}') IS NOT NULL").scalar():
            conn.exec_driver_sql(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
            conn.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {signature} TO {_list(everyone)}")
    _row_security(conn, tables)
    # The yes/no oracle of the first release of 0004, replaced by scpdesk_identity_hits: never left behind.
    conn.exec_driver_sql("DROP FUNCTION IF EXISTS scpdesk_identity_named_in(integer, text)")
    _identity_hits(conn, tables)


def capabilities(conn: Any) -> dict[str, Any]:
    """What the connected login may do, asked of the server once at open (cheap catalog functions)."""
    row = conn.exec_driver_sql(f"""
        SELECT session_user::text, r.rolsuper OR r.rolbypassrls,
               has_table_privilege('referral', 'SELECT'), has_table_privilege('referral', 'UPDATE'),
               has_table_privilege('{IDENTITY_TABLE}', 'SELECT'),
               EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{IDENTITY}' AND pg_has_role(oid, 'MEMBER')),
               has_table_privilege('organisation_setting', 'UPDATE'), has_table_privilege('agency', 'UPDATE')
          FROM pg_roles r WHERE r.rolname = session_user""").one()  # noqa: S608 - constant names
    user, bypass, read, edit, identity_table, identity_member, settings, directory = row
    held = {r[0] for r in conn.exec_driver_sql(
        "SELECT rolname FROM pg_roles WHERE rolname = ANY(%(names)s) AND pg_has_role(oid, 'MEMBER')",
        {"names": list(ROLES)})}
    return {"user": user, "superuser": bool(bypass), "roles": tuple(r for r in ROLES if r in held), "read": bool(read),
            "edit": bool(edit), "identity": bool(identity_table and (identity_member or bypass)),
            "admin": bool(settings and directory)}


def change_membership(conn: Any, user: str, role: str, *, grant: bool) -> bool:
    """GRANT or REVOKE ``role`` to/from the login ``user`` (identifiers quoted by psycopg.sql).

    Returns False when there was nothing to do (already a member / not a member). Raises LookupError for an
    unknown login, PermissionError when this login may not change the membership; ``conn`` is a SQLAlchemy
    connection to a PostgreSQL database.
    """
    from psycopg import errors, sql

    if not conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %(u)s", {"u": user}).scalar():
        raise LookupError(user)
    member = bool(conn.exec_driver_sql(
        "SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
        "WHERE r.rolname = %(r)s AND u.rolname = %(u)s", {"r": role, "u": user}).scalar())
    if member == grant:
        return False
    template = "GRANT {} TO {}" if grant else "REVOKE {} FROM {}"
    statement = sql.SQL(template).format(sql.Identifier(role), sql.Identifier(user))
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(statement)
    except errors.InsufficientPrivilege as exc:
        raise PermissionError(str(exc)) from exc
    finally:
        cursor.close()
    return True


def problems(conn: Any) -> list[str]:
    """What ``scpdesk db check`` reports about the roles on a server: missing roles, row security switched off,
    an UPDATE/DELETE/TRUNCATE right on the audit, identities readable without the identity role."""
    if conn.dialect.name != "postgresql":
        return []
    found: list[str] = []
    existing = {r[0] for r in conn.exec_driver_sql(
        "SELECT rolname FROM pg_roles WHERE rolname = ANY(%(n)s)", {"n": list(ROLES)})}
    found += [f"role {role} is missing (run: scpdesk db upgrade as a superuser)" for role in ROLES
              if role not in existing]
    for table in (AUDIT_TABLE, IDENTITY_TABLE):
        row = conn.exec_driver_sql("SELECT relrowsecurity, relforcerowsecurity, pg_get_userbyid(relowner) "
                                   "FROM pg_class WHERE oid = to_regclass(%(t)s)", {"t": table}).first()
        if row is None:
            continue
        if not (row[0] and row[1]):
            found.append(f"row-level security is off on {table} (run: scpdesk db upgrade)")
        grantees = [*sorted(existing), row[2]]
        public = conn.exec_driver_sql(
            "SELECT string_agg(DISTINCT a.privilege_type, ', ') FROM pg_class c, aclexplode(c.relacl) a "
            "WHERE c.oid = to_regclass(%(t)s) AND a.grantee = 0", {"t": table}).scalar()
        if table == AUDIT_TABLE:
            for grantee in grantees:
                for privilege in ("UPDATE", "DELETE", "TRUNCATE"):
                    if conn.exec_driver_sql("SELECT has_table_privilege(%(g)s, %(t)s, %(p)s)",
                                            {"g": grantee, "t": table, "p": privilege}).scalar():
                        found.append(f"{grantee} may {privilege} the audit (run: scpdesk db upgrade)")
            if public and any(p in public for p in ("UPDATE", "DELETE", "TRUNCATE")):
                found.append(f"every login may {public} the audit (run: scpdesk db upgrade)")
            open_read, restrictive = conn.exec_driver_sql(
                "SELECT coalesce(bool_or(permissive = 'PERMISSIVE' AND qual = 'true' AND roles = '{public}'::name[]), "
                "false), coalesce(bool_or(permissive = 'RESTRICTIVE'), false) FROM pg_policies "
                "WHERE schemaname = current_schema() AND tablename = %(t)s AND cmd IN ('SELECT', 'ALL')",
                {"t": table}).one()
            if row[0] and (restrictive or not open_read):
                found.append("a row-security policy hides audit rows from some logins, who then cannot link or "
                             "verify the hash chain (run: scpdesk db upgrade)")
        else:
            for grantee in sorted(existing & {VIEWER, COORDINATOR}):
                if conn.exec_driver_sql("SELECT has_table_privilege(%(g)s, %(t)s, 'SELECT')",
                                        {"g": grantee, "t": table}).scalar():
                    found.append(f"{grantee} may read real identities (run: scpdesk db upgrade)")
            if public:
                found.append(f"every login may {public} real identities (run: scpdesk db upgrade)")
    current = _hits_function(conn)
    if current is not None and HITS_VERSION_MARK not in current[0]:
        found.append("the identity check (scpdesk_identity_hits) sets no limit on guesses: any login can sweep "
                     "every date of birth or postcode in one call (run: scpdesk db upgrade as a superuser)")
    if current is not None and VIEWER in existing and conn.exec_driver_sql(
            "SELECT has_function_privilege(%(g)s, %(f)s, 'EXECUTE')", {"g": VIEWER, "f": HITS_SIGNATURE}).scalar():
        found.append(f"{VIEWER} may run the identity check (scpdesk_identity_hits), a guessing aid it never needs "
                     "(run: scpdesk db upgrade)")
    return found
