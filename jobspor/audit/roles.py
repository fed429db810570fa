"""PostgreSQL roles: the application runs as a role that may only INSERT and SELECT the audit tables (the access
log, the events, the chain anchors) and has ordinary rights elsewhere; the tables belong to the owner role, which
runs the migrations. Without ownership the application can neither DELETE, UPDATE nor TRUNCATE the audit trail,
nor disable its triggers (ALTER TABLE needs the owner), nor fire no triggers (session_replication_role needs a
superuser). It applies the retention rule through the owner's function jobspor_audit_prune (audit.triggers).

`jobspor audit grant_app_role <role>` runs grant_app_role; scripts/postgres_roles.sql is the same by hand."""

import re
from contextlib import contextmanager

from django.conf import settings
from django.db import connections

AUDIT_TABLES = ("audit_accesslog", "audit_event", "audit_chainanchor")
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class RoleError(Exception):
    pass


def _ident(name: str) -> str:
    if not _NAME.match(name or ""):
        raise RoleError(f"Ugyldigt rollenavn: {name!r} (små bogstaver, tal og _)")
    return f'"{name}"'


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def grant_sql(role: str, *, schema: str = "public") -> list[str]:
    """What the application role gets (CONNECT it has by PUBLIC's default): ordinary rights on every table and
    sequence of the schema (and on tables made later by the owner); on the audit tables only SELECT and INSERT;
    EXECUTE on the retention function."""
    r, s = _ident(role), _quote(schema)
    audit = ", ".join(AUDIT_TABLES)
    return [
        f"GRANT USAGE ON SCHEMA {s} TO {r}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {r}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {r}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {r}",
        f"REVOKE ALL ON {audit} FROM {r}",
        f"REVOKE ALL ON {audit} FROM PUBLIC",
        f"GRANT SELECT, INSERT ON {audit} TO {r}",
        f"GRANT EXECUTE ON FUNCTION {s}.jobspor_audit_prune(timestamptz) TO {r}",
    ]


def _role_facts(cursor, role):
    cursor.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %s", [role])
    return cursor.fetchone()


def grant_app_role(role: str, *, create: bool = False, password: str | None = None, alias: str = "default") -> None:
    """Give `role` the application's rights (run as the owner of the tables). With create=True the role is made
    (LOGIN) when missing. Refuses a superuser or the tables' owner: they could do anything anyway."""
    from . import triggers

    connection = connections[alias]
    if connection.vendor != "postgresql":
        raise RoleError("Roller findes kun på PostgreSQL (SQLite har ingen brugere).")
    ident = _ident(role)
    with connection.cursor() as cursor:
        facts = _role_facts(cursor, role)
        if facts is None:
            if not create:
                raise RoleError(f"Rollen {role} findes ikke (brug --create).")
            cursor.execute(f"CREATE ROLE {ident} LOGIN" + (" PASSWORD %s" if password else ""),
                           [password] if password else None)
            facts = _role_facts(cursor, role)
        elif password:
            cursor.execute(f"ALTER ROLE {ident} PASSWORD %s", [password])
        if facts[0] or facts[1]:
            raise RoleError(f"Rollen {role} er superbruger eller går uden om rækkesikkerhed: brug en almindelig rolle.")
        cursor.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'audit_accesslog' "
                       "AND schemaname = current_schema()")
        owner = cursor.fetchone()
        if owner is None:
            raise RoleError("Databasen er ikke migreret endnu: kør `jobspor migrate` først.")
        if owner[0] == role:
            raise RoleError(f"Rollen {role} ejer tabellerne; programmet skal køre som en anden rolle end ejeren.")
        cursor.execute("SELECT current_schema()")
        schema = cursor.fetchone()[0]
    triggers.install(connection)  # the retention function with today's retention period
    with connection.cursor() as cursor:
        for statement in grant_sql(role, schema=schema):
            cursor.execute(statement)


@contextmanager
def as_owner(alias: str = "default"):
    """Connect as the owner role of JOBSPOR_MIGRATE_DATABASE_URL for a moment (its user and password; the database
    stays the one configured, so a test database stays the test database)."""
    url = getattr(settings, "JOBSPOR_MIGRATE_DATABASE_URL", "")
    connection = connections[alias]
    if not url or connection.vendor != "postgresql":
        yield connection
        return
    import dj_database_url

    owner = dj_database_url.parse(url)
    saved = {key: connection.settings_dict.get(key) for key in ("USER", "PASSWORD")}
    connection.close()
    connection.settings_dict.update({"USER": owner.get("USER", ""), "PASSWORD": owner.get("PASSWORD", "")})
    try:
        yield connection
    finally:
        connection.close()
        connection.settings_dict.update(saved)
