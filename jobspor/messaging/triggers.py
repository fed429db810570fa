"""Sent messages and their attachments are append-only in the database itself (as the audit trail is): UPDATE is
refused on both SQLite and PostgreSQL. DELETE is not refused by a trigger — the models refuse it and PROTECT keeps
rows from cascading away — because the test runner empties tables with DELETE on SQLite.

SQLite drops a table's triggers when a later migration rebuilds the table: post_migrate makes them again."""

TABLES = ["messaging_message", "messaging_attachment"]


def create_sql(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [f"CREATE TRIGGER IF NOT EXISTS {t}_no_update BEFORE UPDATE ON {t} "
                f"BEGIN SELECT RAISE(ABORT, '{t} is append-only'); END;" for t in TABLES]
    if vendor == "postgresql":
        return [
            "CREATE OR REPLACE FUNCTION jobspor_messaging_no_update() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '23000'; END; $$ "
            "LANGUAGE plpgsql;",
            *[f"DROP TRIGGER IF EXISTS {t}_no_update ON {t}; CREATE TRIGGER {t}_no_update BEFORE UPDATE ON {t} "
              f"FOR EACH ROW EXECUTE FUNCTION jobspor_messaging_no_update();" for t in TABLES],
        ]
    return []


def drop_sql(vendor: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {t}_no_update" + (f" ON {t}" if vendor == "postgresql" else "") + ";"
            for t in TABLES]


def install_after_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    applied = {name for app, name in MigrationRecorder(connection).applied_migrations() if app == "messaging"}
    if any(name.endswith("_append_only") for name in applied):
        with connection.cursor() as cursor:
            for statement in create_sql("sqlite"):
                cursor.execute(statement)
