"""What changed since a process's matching index was built: a log written by database triggers.

Every insert, delete and relevant update of the rows matching reads (CV lines and job goals, CVs, cases,
citizens' postal codes, placements, openings, synonyms) adds a row to `matching_indexchange` naming what
changed: ("item", CV id, "kind:key"), ("goal", CV id, title), ("citizen", citizen id), ("case", case id),
("opening", opening id), ("synonym", 0), ("company", company id) or ("placement", placement id). Triggers
see every writer — services, bulk_create, imports, raw SQL — so a process can bring its index up to date by
reading the rows after the last one it applied (jobspor.matching.index) instead of rebuilding it.

SQLite drops a table's triggers when a migration rebuilds the table (adding a NOT NULL column, say), so
`install` runs after every migrate (post_migrate, apps.py) as well as in migration 0003: it is idempotent.

A bulk load (the demo) writes hundreds of thousands of rows; there `paused` lifts the triggers and logs one change
of kind "all" instead, on which every process builds its index again (index._catch_up).
"""

from contextlib import contextmanager

from django.db import connection as default_connection
from django.utils import timezone

LOG = "matching_indexchange"

# (table, kind, ref column, detail columns joined with ":", update columns that matter)
WATCHED = [
    ("cv_cvitem", "item", "cv_id", ("kind", "key"), ("cv_id", "kind", "key", "text")),
    ("cv_cvjobgoal", "goal", "cv_id", ("title",), ("cv_id", "title")),
    ("cv_cv", "citizen", "citizen_id", (),
     ("citizen_id", "hours_now", "hours_wanted", "max_commute_km", "driving_licence")),
    ("cases_case", "case", "id", (),
     ("citizen_id", "closed", "opened", "target_group", "benefit", "fleksjob_visitated", "external_id")),
    ("citizens_citizen", "citizen", "id", (), ("postal_code_id",)),
    ("placements_placement", "case", "case_id", (), ("case_id", "status", "end")),
    ("jobs_jobopening", "opening", "id", (), None),  # every column of an opening can matter
    ("matching_synonym", "synonym", None, (), None),
    # A company's history (history.py): agreed tasks of placements with ordinary hours, filled openings
    ("placements_placement", "company", "company_id", (), ("company_id", "case_id", "last_ordinary_week")),
    ("placements_workagreement", "placement", "placement_id", (), ("placement_id", "tasks")),
    ("companies_company", "company", "id", (), ("name", "postal_code_id")),
    ("jobs_jobopening", "company", "company_id", (), ("company_id", "status", "filled_on", "filled_by_id", "tasks")),
]

PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION matching_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r jsonb;
    rows jsonb[] := '{{}}';
BEGIN
    IF TG_OP <> 'DELETE' THEN rows := rows || to_jsonb(NEW); END IF;
    IF TG_OP <> 'INSERT' THEN rows := rows || to_jsonb(OLD); END IF;
    FOREACH r IN ARRAY rows LOOP
        INSERT INTO {LOG} (kind, ref, detail, created_at) VALUES (
            TG_ARGV[0],
            COALESCE((r ->> NULLIF(TG_ARGV[1], ''))::bigint, 0),
            COALESCE((SELECT string_agg(r ->> c.name, ':' ORDER BY c.n)
                      FROM unnest(string_to_array(NULLIF(TG_ARGV[2], ''), ',')) WITH ORDINALITY AS c(name, n)), ''),
            now());
    END LOOP;
    RETURN NULL;
END $$;
"""


def _of(columns) -> str:
    """ " OF "a", "b"" for an UPDATE trigger limited to columns ("end" is a keyword: every name is quoted)."""
    return " OF " + ", ".join(f'"{c}"' for c in columns) if columns else ""


def _changed(columns, old="OLD", new="NEW", distinct="IS NOT") -> str:
    """A trigger's WHEN: one of the columns holds another value (null-safe). Django's save() writes every column,
    so without it each save of a case (its lock_version goes up) would log a change the index must apply."""
    return " OR ".join(f'{old}."{c}" {distinct} {new}."{c}"' for c in columns)


def _sqlite_value(row: str, ref, detail) -> str:
    ref_sql = f"{row}.{ref}" if ref else "0"
    detail_sql = " || ':' || ".join(f"{row}.{c}" for c in detail) if detail else "''"
    now = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
    return f"(kind, ref, detail, created_at) VALUES ('{{kind}}', {ref_sql}, {detail_sql}, {now})"


def _sqlite_statements(table, kind, ref, detail, update_columns) -> list[str]:
    def insert(row):
        return f"INSERT INTO {LOG} " + _sqlite_value(row, ref, detail).replace("{kind}", kind) + ";"

    of = _of(update_columns)
    name = f"matching_change_{table}_{kind}"
    return [
        f"DROP TRIGGER IF EXISTS {name}_ins;",
        f"DROP TRIGGER IF EXISTS {name}_del;",
        f"DROP TRIGGER IF EXISTS {name}_upd;",
        f"CREATE TRIGGER IF NOT EXISTS {name}_ins AFTER INSERT ON {table} BEGIN {insert('NEW')} END;",
        f"CREATE TRIGGER IF NOT EXISTS {name}_del AFTER DELETE ON {table} BEGIN {insert('OLD')} END;",
        f"CREATE TRIGGER IF NOT EXISTS {name}_upd AFTER UPDATE{of} ON {table} "
        + (f"WHEN {_changed(update_columns)} " if update_columns else "")
        + f"BEGIN {insert('NEW')} {insert('OLD')} END;",
    ]


def _pg_statements(table, kind, ref, detail, update_columns) -> list[str]:
    of = _of(update_columns)
    name = f"matching_change_{table}_{kind}"
    function = f"matching_log_change('{kind}', '{ref or ''}', '{','.join(detail)}')"
    changed = (_changed(update_columns, distinct="IS DISTINCT FROM") if update_columns
               else "OLD.* IS DISTINCT FROM NEW.*")
    return [  # two triggers: a WHEN that reads OLD is not allowed on INSERT
        f"DROP TRIGGER IF EXISTS {name} ON {table};",
        f"DROP TRIGGER IF EXISTS {name}_upd ON {table};",
        f"CREATE TRIGGER {name} AFTER INSERT OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {function};",
        f"CREATE TRIGGER {name}_upd AFTER UPDATE{of} ON {table} FOR EACH ROW WHEN ({changed}) "
        f"EXECUTE FUNCTION {function};",
    ]


def install(connection=None) -> None:
    """Create the change-log triggers (again) on every watched table that exists."""
    connection = connection or default_connection
    tables = set(connection.introspection.table_names())
    if LOG not in tables:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_FUNCTION)
        for table, kind, ref, detail, update_columns in WATCHED:
            if table not in tables:
                continue
            make = _pg_statements if connection.vendor == "postgresql" else _sqlite_statements
            for statement in make(table, kind, ref, detail, update_columns):
                cursor.execute(statement)


def uninstall(connection=None) -> None:
    connection = connection or default_connection
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table, kind, *_rest in WATCHED:
            name = f"matching_change_{table}_{kind}"
            if connection.vendor == "postgresql":
                if table in tables:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table};")
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}_upd ON {table};")
            else:
                for suffix in ("ins", "del", "upd"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}_{suffix};")
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS matching_log_change();")


# The change that stands for every row: a process that sees it builds its index anew.
EVERYTHING = "all"


@contextmanager
def paused(connection=None):
    """For a bulk load, inside its transaction: no change row per row written (on cv_cvitem the trigger was three
    quarters of an insert). One "all" change is logged first, so an index built during the load (the demo's
    candidates for Virksomhedsindgang) starts after it, and every process whose index is older builds anew. This
    process forgets its index: built during the load, it reads what the load has written by then. If the load
    fails, its rollback restores the triggers and removes the change."""
    from . import index

    connection = connection or default_connection
    uninstall(connection)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {LOG} (kind, ref, detail, created_at) VALUES (%s, 0, '', %s)",
                       [EVERYTHING, timezone.now()])
    index.reset()
    yield
    install(connection)
