"""The production chain of kpi.md (seed 004): the stage of every active case on a date D, the date the stage
was reached, days in stage, counts per stage. Aggregate queries: one annotated query for any number of cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connections
from django.db.models import F, Min, Q
from django.utils.translation import gettext_lazy as _

from jobspor.cv.models import CvExperience, CvItem, CvJobGoal
from jobspor.placements.models import Placement, WeekHours, WorkAgreement

from .engine import COMPANY_PLACEMENT_KINDS, CV_ITEM_KINDS, kpi_database
from .facts import facts_refresh

STAGES = [
    (0, "start", _("Start")),
    (1, "cv", _("CV")),
    (2, "job_goal", _("Jobmål")),
    (3, "placement", _("Virksomhedsforløb")),
    (4, "agreement", _("Underskrevet arbejdsaftale")),
    (5, "ordinary_hours", _("Ordinære timer")),
    (6, "more_hours", _("Flere ordinære timer")),
]
STAGE_DATE_FIELDS = ["opened", "cv_on", "goal_on", "placement_on", "agreement_on", "ordinary_on", "more_on"]


def active_on(on: dt.date) -> Q:
    return Q(opened__lte=on) & (Q(closed__isnull=True) | Q(closed__gte=on))


def _as_date(value):
    return dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _ordinary_weeks_sql(cases, on: dt.date):
    """SQL and parameters: case_id, ordinary_on (first week with ordinary hours, summed over the case's
    placements) and more_on (first later week whose sum exceeds the first week's, or NULL), weeks up to `on`.

    No plan worse than linear in the rows (issue 10: a correlated per-case subquery once took a minute per run
    on PostgreSQL): the hours of the cases' placements are summed per (case, week) in one grouped pass, the
    first week's sum is put beside every week with a window over that (already small) set, and one more
    grouping per case picks the weeks. No correlated subquery, no join between two aggregates. Sums in tenths
    of an hour as integers: exact for hours with one decimal, and faster than numeric sums on PostgreSQL."""
    hours, placement = WeekHours._meta.db_table, Placement._meta.db_table
    case_sql, case_params = cases.order_by().values("pk").query.get_compiler(using=cases.db).as_sql()
    sql = f"""
        SELECT case_id, MIN(week) AS ordinary_on, MIN(CASE WHEN s > first_s THEN week END) AS more_on,
               MAX(week) AS last_on
        FROM (
            SELECT case_id, week, s, FIRST_VALUE(s) OVER (PARTITION BY case_id ORDER BY week) AS first_s
            FROM (
                SELECT p.case_id AS case_id, h.week AS week,
                       SUM(CAST(ROUND(h.ordinary_hours * 10) AS INTEGER)) AS s
                FROM {hours} h JOIN {placement} p ON p.id = h.placement_id
                WHERE p.case_id IN ({case_sql}) AND h.week <= %s AND h.ordinary_hours > 0
                GROUP BY p.case_id, h.week
            ) weekly
        ) ranked
        GROUP BY case_id
    """
    return sql, [*case_params, on]


def _ordinary_weeks(cases, on: dt.date, last: bool = False) -> dict[int, tuple]:
    """case id -> (ordinary_on, more_on) as in _ordinary_weeks_sql; `last`: (ordinary_on, more_on, the last week
    with ordinary hours)."""
    sql, params = _ordinary_weeks_sql(cases, on)
    with connections[cases.db].cursor() as cursor:
        cursor.execute(sql, params)
        if last:
            return {case_id: (_as_date(first), _as_date(more), _as_date(final))
                    for case_id, first, more, final in cursor.fetchall()}
        return {case_id: (_as_date(first), _as_date(more)) for case_id, first, more, _final in cursor.fetchall()}


def _stage_date_querysets(cases, on: dt.date, db: str):
    """Grouped querysets of the dates stages 1-4 were reached by `on` (columns: unit_id, the citizen or case,
    and reached)."""
    ids, citizens = cases.values("pk"), cases.values("citizen_id")
    # Stage 1 (as has_cv, kpi.md v2): the first competency, task or experience entry on the citizen's CV, by
    # the entry's own date; grouped per citizen from each table (joined as two units, the earlier wins).
    return {
        "cv_items": (CvItem.objects.using(db).filter(kind__in=CV_ITEM_KINDS, created__lte=on,
                                                     cv__citizen_id__in=citizens)
                     .values(unit_id=F("cv__citizen_id")).annotate(reached=Min("created")).order_by()),
        "cv_experience": (CvExperience.objects.using(db).filter(created__lte=on, cv__citizen_id__in=citizens)
                          .values(unit_id=F("cv__citizen_id")).annotate(reached=Min("created")).order_by()),
        "goal": (CvJobGoal.objects.using(db).filter(set_on__lte=on, cv__citizen_id__in=citizens)
                 .values(unit_id=F("cv__citizen_id")).annotate(reached=Min("set_on")).order_by()),
        "placement": (Placement.objects.using(db).filter(kind__in=COMPANY_PLACEMENT_KINDS, start__lte=on,
                                                         case_id__in=ids)
                      .values(unit_id=F("case_id")).annotate(reached=Min("start")).order_by()),
        "agreement": (WorkAgreement.objects.using(db).filter(signed_on__lte=on, placement__case_id__in=ids)
                      .values(unit_id=F("placement__case_id")).annotate(reached=Min("signed_on")).order_by()),
    }


def stages_sql(cases, on: dt.date, facts_first: bool = False):
    """SQL and parameters selecting, for every case of `cases` active on `on`: case_id, stage (the highest
    reached by `on`) and since (the date it was reached), from the stage dates kept per case (facts.py: call
    facts_refresh first). A stage's date is the first date it was reached, so "reached by `on`" is "date <= on".
    `facts_first` (SQLite): the kept rows read in their own order, each case found by its key (CROSS JOIN fixes
    the order; twice as fast as a search of the facts' index per case in the order of the cases' period index),
    but only cases with a kept row are selected: the caller checks that none is missing."""
    from .models import CaseFacts

    cases = cases.using(kpi_database()).filter(active_on(on)).order_by()
    case_sql, params = cases.values("id", "opened").query.get_compiler(using=cases.db).as_sql()
    order = [f"f.{column}" for column in reversed(STAGE_DATE_FIELDS[1:])]  # more_on first
    stage = " ".join(f"WHEN {column} <= %s THEN {6 - n}" for n, column in enumerate(order))
    since = " ".join(f"WHEN {column} <= %s THEN {column}" for column in order)
    facts = CaseFacts._meta.db_table
    joined = (f"{facts} f CROSS JOIN ({case_sql}) c ON f.case_id = c.id" if facts_first
              else f"({case_sql}) c LEFT JOIN {facts} f ON f.case_id = c.id")
    sql = f"""
        SELECT c.id AS case_id, CASE {stage} ELSE 0 END AS stage, CASE {since} ELSE c.opened END AS since
        FROM {joined}
    """
    return sql, [*[on] * len(order), *[on] * len(order), *params]


def stages_recomputed_sql(cases, on: dt.date):
    """As stages_sql, recomputed from the CV lines, placements, agreements and hours themselves (what the kept
    stage dates are checked against in the tests): the grouped dates of each stage are joined to the cases and
    the highest one present wins."""
    cases = cases.using(kpi_database()).filter(active_on(on)).order_by()
    db = cases.db
    compile_ = lambda qs: qs.query.get_compiler(using=db).as_sql()  # noqa: E731
    case_sql, params = compile_(cases.values("id", "citizen_id", "opened"))
    params = list(params)
    joins = []
    for name, qs in _stage_date_querysets(cases, on, db).items():
        sql, more = compile_(qs)
        on_column = "citizen_id" if name in ("cv_items", "cv_experience", "goal") else "id"
        joins.append(f"LEFT JOIN ({sql}) {name} ON {name}.unit_id = c.{on_column}")
        params.extend(more)
    weeks_sql, more = _ordinary_weeks_sql(cases, on)
    joins.append(f"LEFT JOIN ({weeks_sql}) w ON w.case_id = c.id")
    params.extend(more)
    cv_on = ("CASE WHEN cv_items.reached IS NULL THEN cv_experience.reached WHEN cv_experience.reached IS NULL "
             "THEN cv_items.reached WHEN cv_items.reached < cv_experience.reached THEN cv_items.reached "
             "ELSE cv_experience.reached END")
    order = ["w.more_on", "w.ordinary_on", "agreement.reached", "placement.reached", "goal.reached", cv_on]
    stage = " ".join(f"WHEN {column} IS NOT NULL THEN {6 - n}" for n, column in enumerate(order))
    sql = f"""
        SELECT c.id AS case_id, CASE {stage} ELSE 0 END AS stage, COALESCE({", ".join(order)}, c.opened) AS since
        FROM ({case_sql}) c {" ".join(joins)}
    """
    return sql, params


def stage_case_ids(cases, on: dt.date, stage: int) -> list[int]:
    """The ids of the cases in `stage` on `on` (for the drill-down)."""
    facts_refresh()
    sql, params = stages_sql(cases, on)
    with connections[kpi_database()].cursor() as cursor:
        cursor.execute(f"SELECT case_id FROM ({sql}) s WHERE stage = %s", [*params, stage])
        return [row[0] for row in cursor.fetchall()]


def chain_rows(cases, on: dt.date, *fields) -> list[dict]:
    """The active cases on `on` as dicts: pk, the date each stage was reached by `on` (None: not reached),
    `stage` (the highest reached), `stage_since` and `days_in_stage`, plus any extra `fields`.
    A handful of grouped queries (not one subquery per case), merged here."""
    cases = cases.using(kpi_database()).filter(active_on(on))
    dates = {name: dict(qs.values_list("unit_id", "reached"))
             for name, qs in _stage_date_querysets(cases, on, cases.db).items()}
    weeks = _ordinary_weeks(cases, on)
    rows = list(cases.values("pk", "opened", "citizen_id", *fields))
    for row in rows:
        row["cv_on"] = min((d for d in (dates["cv_items"].get(row["citizen_id"]),
                                        dates["cv_experience"].get(row["citizen_id"])) if d is not None),
                           default=None)
        row["goal_on"] = dates["goal"].get(row["citizen_id"])
        row["placement_on"] = dates["placement"].get(row["pk"])
        row["agreement_on"] = dates["agreement"].get(row["pk"])
        row["ordinary_on"], row["more_on"] = weeks.get(row["pk"], (None, None))
        row["stage"] = max(n for n, field in enumerate(STAGE_DATE_FIELDS) if row[field] is not None)
        row["stage_since"] = row[STAGE_DATE_FIELDS[row["stage"]]]
        row["days_in_stage"] = (on - row["stage_since"]).days
    return rows


@dataclass
class StageCount:
    number: int
    code: str
    label: str
    count: int
    avg_days: float | None


def stage_counts(cases, on: dt.date, rows=None) -> list[StageCount]:
    """Number of active cases per stage on `on` and their average days in the stage (no citizen data).
    Counted in SQL per (stage, date reached) from the stage dates kept per case, so no row per case leaves the
    database; `rows`: chain_rows already made, counted here instead."""
    totals = {number: [0, 0] for number, _code, _label in STAGES}
    if rows is not None:
        groups = [(row["stage"], row["stage_since"], 1) for row in rows]
    else:
        facts_refresh()
        groups = None
        if connections[kpi_database()].vendor == "sqlite":  # every active case counted, or the left join below
            groups = _stage_groups(*stages_sql(cases, on, facts_first=True))
            if sum(n for _stage, _since, n in groups) != cases.using(kpi_database()).filter(active_on(on)).count():
                groups = None
        if groups is None:
            groups = _stage_groups(*stages_sql(cases, on))
    for stage, since, n in groups:
        total = totals[stage]
        total[0] += n
        total[1] += n * (on - _as_date(since)).days
    return [StageCount(number, code, label, totals[number][0],
                       round(totals[number][1] / totals[number][0], 1) if totals[number][0] else None)
            for number, code, label in STAGES]


def _stage_groups(sql, params) -> list[tuple]:
    with connections[kpi_database()].cursor() as cursor:
        cursor.execute(f"SELECT stage, since, COUNT(*) FROM ({sql}) s GROUP BY stage, since", params)
        return cursor.fetchall()


def stage_label(number: int) -> str:
    return str(STAGES[number][2])


