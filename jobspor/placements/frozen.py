"""Signed means frozen, kept by the database itself (SQLite and PostgreSQL), as the audit trail is:

- an agreement version made in Jobspor cannot change its content, document or hash once somebody has signed it
  (`document` is set at the first signature), cannot change at all once all parties have signed, and cannot be
  deleted once signed;
- a signature made in Jobspor cannot be changed or deleted;
- a placement cannot change company, contact, workplace, kind, purpose or start while its latest Jobspor version
  is signed (changed terms need a new version first, which must be signed again), and cannot change company at
  all once a version has been signed by all parties (that is a new placement).

Imported agreements (`imported`) record a date from another system and follow the import; they are exempt.

The services refuse all this first with a Danish message; the triggers stop anything that goes around them (raw
SQL, a bug, a race).

On PostgreSQL the migration installs them; on SQLite they are installed after every `migrate` (sqlite_triggers.py).
"""

MIGRATION_SUFFIX = "_signed_is_frozen"  # the migration that first installs the triggers
AGREEMENT = "placements_workagreement"
SIGNATURE = "placements_signature"
PLACEMENT = "placements_placement"

# Columns of an agreement version that are its terms (with document and hash they are frozen at the 1st signature).
AGREEMENT_TERMS = ["placement_id", "version", "goal", "sub_goals", "tasks", "hours_per_week", "accommodations",
                   "conversion", "support", "follow_up_weeks", "contact_info", "start", "document", "content_hash",
                   "imported"]
# Columns of a placement that the signed document states.
PLACEMENT_TERMS = ["company_id", "contact_id", "workplace_id", "kind", "purpose", "start"]

_SIGNED_BY_ALL = (f"EXISTS (SELECT 1 FROM {AGREEMENT} a WHERE a.placement_id = OLD.id AND NOT a.imported "
                  "AND a.signed_on IS NOT NULL)")
_LATEST_SIGNED = (f"EXISTS (SELECT 1 FROM {AGREEMENT} a WHERE a.placement_id = OLD.id AND NOT a.imported "
                  "AND a.document IS NOT NULL AND a.version = "
                  f"(SELECT MAX(b.version) FROM {AGREEMENT} b WHERE b.placement_id = OLD.id AND NOT b.imported))")
_OWN_SIGNATURE = f"NOT EXISTS (SELECT 1 FROM {AGREEMENT} a WHERE a.id = OLD.agreement_id AND a.imported)"
_ANY_SIGNED = (f"EXISTS (SELECT 1 FROM {AGREEMENT} a WHERE a.placement_id = OLD.id AND NOT a.imported "
               "AND a.document IS NOT NULL)")


def _changed(columns, distinct):
    return " OR ".join(f"NEW.{c} {distinct} OLD.{c}" for c in columns)


def _sqlite():
    def trigger(name, when, table, condition, message):
        return (f"CREATE TRIGGER {name} BEFORE {when} ON {table} FOR EACH ROW WHEN {condition} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END;")

    return {
        "placements_agreement_frozen_update": trigger(
            "placements_agreement_frozen_update", "UPDATE", AGREEMENT,
            f"NOT OLD.imported AND OLD.document IS NOT NULL AND "
            f"(OLD.signed_on IS NOT NULL OR {_changed(AGREEMENT_TERMS, 'IS NOT')})",
            "a signed agreement version cannot be changed"),
        "placements_agreement_frozen_delete": trigger(
            "placements_agreement_frozen_delete", "DELETE", AGREEMENT, "NOT OLD.imported AND OLD.document IS NOT NULL",
            "a signed agreement version cannot be deleted"),
        "placements_signature_frozen_update": trigger(
            "placements_signature_frozen_update", "UPDATE", SIGNATURE, _OWN_SIGNATURE,
            "a signature cannot be changed"),
        "placements_signature_frozen_delete": trigger(
            "placements_signature_frozen_delete", "DELETE", SIGNATURE, _OWN_SIGNATURE,
            "a signature cannot be deleted"),
        "placements_placement_frozen_update": trigger(
            "placements_placement_frozen_update", "UPDATE", PLACEMENT,
            f"(NEW.company_id IS NOT OLD.company_id AND {_SIGNED_BY_ALL}) OR "
            f"(({_changed(PLACEMENT_TERMS + ['id'], 'IS NOT')}) AND {_LATEST_SIGNED})",
            "the terms of a signed placement cannot be changed: make a new agreement version first"),
        "placements_placement_frozen_delete": trigger(
            "placements_placement_frozen_delete", "DELETE", PLACEMENT, _ANY_SIGNED,
            "a placement with a signed agreement cannot be deleted"),
    }


# PostgreSQL: one function per table; the error is an integrity violation (23000), as on SQLite.
_PG_FUNCTIONS = {
    "jobspor_agreement_frozen": f"""
        BEGIN
          IF NOT OLD.imported AND OLD.document IS NOT NULL THEN
            IF TG_OP = 'DELETE' THEN
              RAISE EXCEPTION 'a signed agreement version cannot be deleted' USING ERRCODE = '23000';
            END IF;
            IF OLD.signed_on IS NOT NULL OR {_changed(AGREEMENT_TERMS, 'IS DISTINCT FROM')} THEN
              RAISE EXCEPTION 'a signed agreement version cannot be changed' USING ERRCODE = '23000';
            END IF;
          END IF;
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END""",
    "jobspor_signature_frozen": f"""
        BEGIN
          IF {_OWN_SIGNATURE} THEN
            RAISE EXCEPTION 'a signature cannot be changed or deleted' USING ERRCODE = '23000';
          END IF;
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END""",
    "jobspor_placement_frozen": f"""
        BEGIN
          IF TG_OP = 'DELETE' THEN
            IF {_ANY_SIGNED} THEN
              RAISE EXCEPTION 'a placement with a signed agreement cannot be deleted' USING ERRCODE = '23000';
            END IF;
            RETURN OLD;
          END IF;
          IF (NEW.company_id IS DISTINCT FROM OLD.company_id AND {_SIGNED_BY_ALL})
             OR (({_changed(PLACEMENT_TERMS + ['id'], 'IS DISTINCT FROM')}) AND {_LATEST_SIGNED}) THEN
            RAISE EXCEPTION 'the terms of a signed placement cannot be changed: make a new agreement version first'
              USING ERRCODE = '23000';
          END IF;
          RETURN NEW;
        END""",
}
_PG_TRIGGERS = {
    "placements_agreement_frozen": (AGREEMENT, "jobspor_agreement_frozen"),
    "placements_signature_frozen": (SIGNATURE, "jobspor_signature_frozen"),
    "placements_placement_frozen": (PLACEMENT, "jobspor_placement_frozen"),
}


def remove_sql(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name};" for name in _sqlite()]
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {name} ON {table};" for name, (table, _f) in _PG_TRIGGERS.items()]
    return []


def install_sql(vendor: str) -> list[str]:
    """Idempotent: drops and creates the triggers."""
    sql = remove_sql(vendor)
    if vendor == "sqlite":
        sql += list(_sqlite().values())
    elif vendor == "postgresql":
        sql += [f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ {body} $$ LANGUAGE plpgsql;"
                for name, body in _PG_FUNCTIONS.items()]
        sql += [f"CREATE TRIGGER {name} BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {function}();"
                for name, (table, function) in _PG_TRIGGERS.items()]
    return sql


def installed_names(vendor: str) -> list[str]:
    return list(_sqlite()) if vendor == "sqlite" else list(_PG_TRIGGERS) if vendor == "postgresql" else []


def installed(connection) -> set[str]:
    """Names of the frozen-agreement triggers present in the database."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'placements_%frozen%'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'placements_%frozen%'")
        return {row[0] for row in cursor.fetchall()}


def execute(connection, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(connection) -> None:
    execute(connection, install_sql(connection.vendor))


def remove(connection) -> None:
    execute(connection, remove_sql(connection.vendor))


def empty_signed(connection) -> None:
    """Tests only: delete every agreement version and signature, the triggers lifted for that moment (a
    transactional test's flush on SQLite deletes row by row, which the triggers refuse)."""
    from django.db import transaction

    with transaction.atomic(using=connection.alias):
        remove(connection)
        execute(connection, [f"DELETE FROM {SIGNATURE};", f"DELETE FROM {AGREEMENT};"])
        install(connection)
