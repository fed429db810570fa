"""The production chain's stage dates per case (CaseFacts), kept up to date as the data changes.

A stage's date is the first date it was reached (kpi.md), so it does not depend on the day the chain is shown
on: the stage of a case on day D is the highest stage whose date is on or before D. The dates are computed by
the same grouped queries as the chain itself (chain._stage_date_querysets, chain._ordinary_weeks) and stored.

Database triggers on every table a stage is read from — CV lines, experience and job goals, CVs, placements, work
agreements, weekly hours, cases, and contacts and planned actions for the stalled rule — write the case ids a change
may touch to `kpi_casefactschange` (see WATCHED).
They see every writer: services, bulk_create, imports, raw SQL. `facts_refresh` recomputes those cases and
removes exactly the log rows it read, so a change committed meanwhile stays in the log for the next refresh.
Readers call it first (chain.stage_counts), which keeps the figures live; a new database (migration 0003) starts
with every case in the log.

On SQLite a migration that rebuilds a table drops its triggers and fails on other tables' triggers that name it
(these name cases_case, cv_cv and placements_placement in their bodies). So there the triggers are dropped before
every `migrate` and made after it, and every case is put in the log then (apps.py: lift_before_migrate,
install_after_migrate). PostgreSQL keeps triggers through ALTER TABLE: its migration makes them once.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from django.db import connections, transaction

LOG = "kpi_casefactschange"
# Above this many cases in the log, recompute the whole jobcentre in one pass (cheaper than many IN lists).
WHOLE_ABOVE = 20_000
BATCH = 5_000  # cases per recomputation (an IN list of ids)

_CASES_OF_CV = "SELECT c.id FROM cases_case c JOIN cv_cv v ON v.citizen_id = c.citizen_id WHERE v.id = {row}.cv_id"
_CASES_OF_PLACEMENT = "SELECT p.case_id FROM placements_placement p WHERE p.id = {row}.placement_id"

# (table, the SELECT of the cases a row concerns, the columns whose change matters, a condition on the row for
# inserts and deletes or None)
WATCHED = [
    ("cv_cvitem", _CASES_OF_CV, ("cv_id", "kind", "created"), None),
    ("cv_cvexperience", _CASES_OF_CV, ("cv_id", "created"), None),
    ("cv_cvjobgoal", _CASES_OF_CV, ("cv_id", "set_on"), None),
    ("cv_cv", "SELECT c.id FROM cases_case c WHERE c.citizen_id = {row}.citizen_id", ("citizen_id",), None),
    ("placements_placement", "SELECT {row}.case_id", ("case_id", "kind", "start", "end", "company_id"), None),
    ("placements_workagreement", _CASES_OF_PLACEMENT, ("placement_id", "signed_on"), None),
    # Only ordinary hours make a stage: internship-only weeks (most rows) are not logged.
    ("placements_weekhours", _CASES_OF_PLACEMENT, ("placement_id", "week", "ordinary_hours"),
     "{row}.ordinary_hours > 0"),
    ("cases_case", "SELECT {row}.id", ("citizen_id",), None),
    # The stalled rule's first and last contact and open planned actions (CaseFacts).
    ("contacts_contact", "SELECT {row}.case_id", ("case_id", "date", "kind"), None),
    ("contacts_plannedaction", "SELECT {row}.case_id", ("case_id", "done_on"), None),
]


def _changed(columns, distinct: str) -> str:
    return " OR ".join(f'OLD."{c}" {distinct} NEW."{c}"' for c in columns)


def _sqlite_statements(table, cases_sql, columns, condition) -> list[str]:
    def log(row):
        return f"INSERT INTO {LOG} (case_id) {cases_sql.format(row=row)};"

    def when(row):
        return f"WHEN {condition.format(row=row)} " if condition else ""

    name = f"kpi_facts_{table}"
    of = ", ".join(f'"{c}"' for c in columns)
    return [
        *[f"DROP TRIGGER IF EXISTS {name}_{suffix};" for suffix in ("ins", "del", "upd")],
        f"CREATE TRIGGER {name}_ins AFTER INSERT ON {table} {when('NEW')}BEGIN {log('NEW')} END;",
        f"CREATE TRIGGER {name}_del AFTER DELETE ON {table} {when('OLD')}BEGIN {log('OLD')} END;",
        f"CREATE TRIGGER {name}_upd AFTER UPDATE OF {of} ON {table} WHEN {_changed(columns, 'IS NOT')} "
        f"BEGIN {log('NEW')} {log('OLD')} END;",
    ]


def _pg_statements(table, cases_sql, columns, condition) -> list[str]:
    name = f"kpi_facts_{table}"

    def when(row):
        return f"WHEN ({condition.format(row=row)}) " if condition else ""

    # One function per table (the SELECT differs); PostgreSQL may not read OLD in an INSERT trigger's WHEN, nor NEW
    # in a DELETE's, hence three triggers as on SQLite.
    function = f"""
        CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'DELETE' THEN INSERT INTO {LOG} (case_id) {cases_sql.format(row='NEW')}; END IF;
            IF TG_OP <> 'INSERT' THEN INSERT INTO {LOG} (case_id) {cases_sql.format(row='OLD')}; END IF;
            RETURN NULL;
        END $$;"""
    of = ", ".join(f'"{c}"' for c in columns)
    return [
        function,
        *[f"DROP TRIGGER IF EXISTS {name}_{suffix} ON {table};" for suffix in ("ins", "del", "upd")],
        f"CREATE TRIGGER {name}_ins AFTER INSERT ON {table} FOR EACH ROW {when('NEW')}EXECUTE FUNCTION {name}();",
        f"CREATE TRIGGER {name}_del AFTER DELETE ON {table} FOR EACH ROW {when('OLD')}EXECUTE FUNCTION {name}();",
        f"CREATE TRIGGER {name}_upd AFTER UPDATE OF {of} ON {table} FOR EACH ROW "
        f"WHEN ({_changed(columns, 'IS DISTINCT FROM')}) EXECUTE FUNCTION {name}();",
    ]


def install(connection) -> None:
    """Create the triggers (again) on every watched table that exists."""
    tables = set(connection.introspection.table_names())
    if LOG not in tables:
        return
    make = _pg_statements if connection.vendor == "postgresql" else _sqlite_statements
    with connection.cursor() as cursor:
        for table, cases_sql, columns, condition in WATCHED:
            if table in tables:
                for statement in make(table, cases_sql, columns, condition):
                    cursor.execute(statement)


def uninstall(connection) -> None:
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table, *_rest in WATCHED:
            name = f"kpi_facts_{table}"
            for suffix in ("ins", "del", "upd"):
                if connection.vendor == "postgresql":
                    if table in tables:
                        cursor.execute(f"DROP TRIGGER IF EXISTS {name}_{suffix} ON {table};")
                else:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}_{suffix};")
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}();")


def migration_refresh(apps, schema_editor) -> None:
    """RunPython for a migration that changes what is kept: the triggers made (again) on PostgreSQL (SQLite makes them
    after every migrate), and every case in the log, so that the next refresh computes the new columns."""
    if schema_editor.connection.vendor == "postgresql":
        install(schema_editor.connection)
    mark_all(schema_editor.connection)


def lift_before_migrate(sender=None, using="default", **kwargs) -> None:
    if connections[using].vendor == "sqlite":
        uninstall(connections[using])


def install_after_migrate(sender=None, using="default", **kwargs) -> None:
    """SQLite: the triggers again, and every case in the log (a migration may have written without them)."""
    connection = connections[using]
    if connection.vendor == "sqlite" and LOG in connection.introspection.table_names():
        install(connection)
        mark_all(connection)


def mark_all(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {LOG} (case_id) SELECT id FROM cases_case")


@contextmanager
def paused(using: str = "default"):
    """For a bulk load into a jobcentre without cases (the demo), inside its transaction: no trigger per row
    written; every case is in the log afterwards. If the load fails, its rollback restores the triggers."""
    connection = connections[using]
    uninstall(connection)
    yield
    install(connection)
    mark_all(connection)


def facts_refresh(using: str = "default") -> int:
    """Recompute the cases in the change log (on the primary database: a KPI replica follows it). Returns how
    many cases were recomputed. With nothing in the log it only reads (no write lock for a page view)."""
    from .models import CaseFactsChange

    log = CaseFactsChange.objects.using(using)
    done = 0
    while log.exists():
        with transaction.atomic(using=using):
            if connections[using].vendor == "postgresql":
                # One refresh at a time (two leaders opening the dashboard together would both insert a case's row:
                # a unique violation). Readers of the facts and writers of the log are not held up. SQLite's
                # IMMEDIATE transactions already take turns.
                with connections[using].cursor() as cursor:
                    cursor.execute("LOCK TABLE kpi_casefacts IN SHARE ROW EXCLUSIVE MODE")
            if log.order_by("id")[WHOLE_ABOVE:WHOLE_ABOVE + 1].exists():
                # A new database, a demo or a large import: the whole jobcentre in one pass. On PostgreSQL writers
                # wait meanwhile (their triggers insert into the log), so that emptying the log loses nothing.
                if connections[using].vendor == "postgresql":
                    with connections[using].cursor() as cursor:
                        cursor.execute(f"LOCK TABLE {LOG} IN EXCLUSIVE MODE")
                done += facts_compute(None, using)
                log.all().delete()
                continue
            read = list(log.order_by("id").values_list("id", "case_id")[:WHOLE_ABOVE])
            case_ids = sorted({case_id for _id, case_id in read})
            for start in range(0, len(case_ids), BATCH):
                done += facts_compute(case_ids[start:start + BATCH], using)
            ids = [row_id for row_id, _case in read]
            for start in range(0, len(ids), BATCH):  # exactly the rows read: a change committed meanwhile stays
                log.filter(id__in=ids[start:start + BATCH]).delete()
    return done


def facts_compute(case_ids, using: str = "default") -> int:
    """Store the stage dates of `case_ids` (None: every case), as chain.chain_rows computes them, and the contact
    facts of the stalled rule."""
    from jobspor.cases.models import Case

    from .chain import _ordinary_weeks, _stage_date_querysets
    from .models import CaseFacts

    cases = Case.objects.using(using).order_by()
    if case_ids is not None:
        cases = cases.filter(pk__in=case_ids)
    ever = dt.date.max  # a stage's first date does not depend on the day the chain is shown on
    dates = {name: dict(qs.values_list("unit_id", "reached"))
             for name, qs in _stage_date_querysets(cases, ever, using).items()}
    weeks = _ordinary_weeks(cases, ever, last=True)
    contacts, actions, conversations = _contact_facts(case_ids, using)
    placed, signed = _placement_spans(case_ids, using)
    rows = []
    none4 = (None, None, None, None)
    for pk, citizen_id in cases.values_list("pk", "citizen_id"):
        cv = [d for d in (dates["cv_items"].get(citizen_id), dates["cv_experience"].get(citizen_id)) if d]
        ordinary_on, more_on, ordinary_last_on = weeks.get(pk, (None, None, None))
        _first, placed_first_end, placed_last_start, placed_last_end = placed.get(pk, none4)
        signed_on, signed_first_end, signed_last_start, signed_last_end = signed.get(pk, none4)
        rows.append(CaseFacts(case_id=pk, cv_on=min(cv, default=None), goal_on=dates["goal"].get(citizen_id),
                              placement_on=dates["placement"].get(pk), agreement_on=dates["agreement"].get(pk),
                              ordinary_on=ordinary_on, more_on=more_on,
                              first_contact_on=contacts.get(pk, (None, None))[0],
                              last_contact_on=contacts.get(pk, (None, None))[1], open_actions=actions.get(pk, 0),
                              placed_first_end=placed_first_end, placed_last_start=placed_last_start,
                              placed_last_end=placed_last_end, signed_on=signed_on, signed_first_end=signed_first_end,
                              signed_last_start=signed_last_start, signed_last_end=signed_last_end,
                              ordinary_last_on=ordinary_last_on,
                              first_conversation_on=conversations.get(pk, (None, None))[0],
                              first_conversation_id=conversations.get(pk, (None, None))[1]))
    stored = CaseFacts.objects.using(using)
    (stored.all() if case_ids is None else stored.filter(case_id__in=case_ids)).delete()
    stored.bulk_create(rows, batch_size=2000)
    ordinary_months_compute(case_ids, using)
    courses_compute(case_ids, using)
    return len(rows)


def _contact_facts(case_ids, using: str):
    """{case: (first contact's date, last contact's date)}, {case: open planned actions} and {case: (its first
    conversation's date, id)} of `case_ids` (None: every case): two grouped reads on the (case, date) and (case,
    done_on) indexes, and the conversations in (case, date, id) order."""
    from django.db.models import Count, Max, Min

    from jobspor.contacts.choices import CONVERSATION_KINDS
    from jobspor.contacts.models import Contact, PlannedAction

    contacts = Contact.objects.using(using).order_by()
    actions = PlannedAction.objects.using(using).filter(done_on__isnull=True).order_by()
    if case_ids is not None:
        contacts, actions = contacts.filter(case_id__in=case_ids), actions.filter(case_id__in=case_ids)
    dates = {case: (first, last) for case, first, last in contacts.values("case_id").annotate(
        first=Min("date"), last=Max("date")).values_list("case_id", "first", "last")}
    conversations = {}
    for case_id, day, pk in (contacts.filter(kind__in=CONVERSATION_KINDS).order_by("case_id", "date", "id")
                             .values_list("case_id", "date", "id")):
        conversations.setdefault(case_id, (day, pk))
    return (dates, dict(actions.values("case_id").annotate(n=Count("id")).values_list("case_id", "n")),
            conversations)


def _spans(pairs) -> tuple:
    """Of (from, end) pairs (an open end as OPEN_END): the earliest from, the latest end among the pairs with that
    from, the earliest from among the pairs with the latest end, and the latest end. Each of (first, its end) and
    (its from, last) is one pair's: if either overlaps a period P, a pair does; if the earliest from is after P or
    the latest end before it, none does."""
    first = min(a for a, _e in pairs)
    last = max(e for _a, e in pairs)
    return (first, max(e for a, e in pairs if a == first), min(a for a, e in pairs if e == last), last)


def _placement_spans(case_ids, using: str):
    """{case: _spans of its company placements (start, end)} and {case: _spans of its placements of any kind with a
    signed work agreement (the later of start and the first signature, end)}, for `case_ids` (None: every case)."""
    from django.db.models import Min

    from jobspor.placements.models import Placement

    from .engine import COMPANY_PLACEMENT_KINDS
    from .models import OPEN_END

    placements = Placement.objects.using(using).order_by()
    if case_ids is not None:
        if not case_ids:
            return {}, {}
        placements = placements.filter(case_id__in=case_ids)
    placed, signed = {}, {}
    kinds = set(COMPANY_PLACEMENT_KINDS)
    for case_id, kind, start, end, signature in (placements.annotate(signature=Min("agreements__signed_on"))
                                                 .values_list("case_id", "kind", "start", "end", "signature")):
        end = OPEN_END if end is None else end
        if kind in kinds:
            placed.setdefault(case_id, []).append((start, end))
        if signature is not None:
            signed.setdefault(case_id, []).append((max(start, signature), end))
    return ({case: _spans(pairs) for case, pairs in placed.items()},
            {case: _spans(pairs) for case, pairs in signed.items()})


def courses_compute(case_ids, using: str = "default") -> None:
    """Store the courses (CompanyCourse) of `case_ids` (None: every case): per case and company, the company
    placements' weeks joined into runs of consecutive weeks as engine.courses_found joins them, with no day limit
    (an open-ended placement runs on: `last` None)."""
    from jobspor.placements.models import Placement

    from .engine import COMPANY_PLACEMENT_KINDS, RUN_WEEKS
    from .models import CompanyCourse

    placements = Placement.objects.using(using).filter(kind__in=COMPANY_PLACEMENT_KINDS).order_by()
    stored = CompanyCourse.objects.using(using)
    if case_ids is None:
        stored.all().delete()
        chunks = [placements]
    else:
        stored.filter(case_id__in=case_ids).delete()
        chunks = [placements.filter(case_id__in=case_ids)] if case_ids else []
    span = 7 * (RUN_WEEKS - 1)
    for chunk in chunks:
        weeks = {}  # (case, company) -> [(first Monday, last Monday or None)]
        for case_id, company_id, start, end in chunk.values_list("case_id", "company_id", "start", "end"):
            first = start - dt.timedelta(days=start.weekday())
            last = None if end is None else end - dt.timedelta(days=end.weekday())
            weeks.setdefault((case_id, company_id), []).append((first, last))
        rows = []
        for (case_id, company_id), runs in weeks.items():
            runs.sort(key=lambda run: run[0])
            first, last = runs[0]
            for next_first, next_last in runs[1:]:
                if last is None:  # runs on: every later placement joins it
                    continue
                if next_first <= last + dt.timedelta(days=7):  # overlapping or the very next week: one course
                    last = None if next_last is None else max(last, next_last)
                    continue
                if (last - first).days >= span:
                    rows.append(CompanyCourse(case_id=case_id, company_id=company_id, first=first, last=last))
                first, last = next_first, next_last
            if last is None or (last - first).days >= span:
                rows.append(CompanyCourse(case_id=case_id, company_id=company_id, first=first, last=last))
        stored.bulk_create(rows, batch_size=2000)


def ordinary_months_compute(case_ids, using: str = "default") -> None:
    """Store the ordinary hours per placement and month (OrdinaryMonth) of the placements of `case_ids` (None:
    every case): one grouped INSERT ... SELECT from the hours, summed in tenths of an hour as integers."""
    from jobspor.placements.models import Placement, WeekHours

    from .models import OrdinaryMonth

    connection = connections[using]
    table, hours, placement = OrdinaryMonth._meta.db_table, WeekHours._meta.db_table, Placement._meta.db_table
    month = ("CAST(date_trunc('month', h.week) AS date)" if connection.vendor == "postgresql"
             else "date(h.week, 'start of month')")
    sql = f"""
        INSERT INTO {table} (case_id, placement_id, month, tenths)
        SELECT p.case_id, h.placement_id, {month}, SUM(CAST(ROUND(h.ordinary_hours * 10) AS INTEGER))
        FROM {hours} h JOIN {placement} p ON p.id = h.placement_id
        WHERE h.ordinary_hours > 0 {{cases}}
        GROUP BY p.case_id, h.placement_id, {month}"""
    stored = OrdinaryMonth.objects.using(using)
    with connection.cursor() as cursor:
        if case_ids is None:
            stored.all().delete()
            cursor.execute(sql.format(cases=""))
            return
        stored.filter(case_id__in=case_ids).delete()
        if case_ids:
            cursor.execute(sql.format(cases=f"AND p.case_id IN ({', '.join(['%s'] * len(case_ids))})"), case_ids)
