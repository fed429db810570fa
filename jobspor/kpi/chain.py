"""The production chain of kpi.md (seed 004): the stage of every active case on a date D, the date the stage
was reached, days in stage, counts per stage. Aggregate queries: one annotated query for any number of cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connections
from django.db.models import Min, Q
from django.utils.translation import gettext_lazy as _

from jobspor.cv.models import CvJobGoal
from jobspor.placements.models import Placement, WeekHours, WorkAgreement

from .engine import COMPANY_PLACEMENT_KINDS, cv_citizens, kpi_database

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


def _ordinary_weeks(cases, on: dt.date) -> dict[int, tuple]:
    """case id -> (first week with ordinary hours, first later week whose ordinary hours (summed over the
    case's placements) exceed the first week's, or None), weeks up to `on`. One grouped query."""
    hours, placement = WeekHours._meta.db_table, Placement._meta.db_table
    case_sql, case_params = cases.values("pk").query.get_compiler(using=cases.db).as_sql()
    sql = f"""
        WITH weekly AS (
            SELECT p.case_id AS case_id, h.week AS week, SUM(h.ordinary_hours) AS s
            FROM {hours} h JOIN {placement} p ON p.id = h.placement_id
            WHERE h.week <= %s AND h.ordinary_hours > 0 AND p.case_id IN ({case_sql})
            GROUP BY p.case_id, h.week
        ), firsts AS (SELECT case_id, MIN(week) AS fw FROM weekly GROUP BY case_id)
        SELECT f.case_id, f.fw, MIN(w.week)
        FROM firsts f JOIN weekly fs ON fs.case_id = f.case_id AND fs.week = f.fw
        LEFT JOIN weekly w ON w.case_id = f.case_id AND w.week > f.fw AND w.s > fs.s
        GROUP BY f.case_id, f.fw
    """
    with connections[cases.db].cursor() as cursor:
        cursor.execute(sql, [on, *case_params])
        return {case_id: (_as_date(first), _as_date(more)) for case_id, first, more in cursor.fetchall()}


def chain_rows(cases, on: dt.date, *fields) -> list[dict]:
    """The active cases on `on` as dicts: pk, the date each stage was reached by `on` (None: not reached),
    `stage` (the highest reached), `stage_since` and `days_in_stage`, plus any extra `fields`.
    A handful of grouped queries (not one subquery per case), merged here."""
    cases = cases.using(kpi_database()).filter(active_on(on))
    db = cases.db
    ids = cases.values("pk")
    citizens = cases.values("citizen_id")
    cv_on = dict(cv_citizens(on).using(db).filter(citizen_id__in=citizens).values_list("citizen_id", "created"))
    goal_on = dict(CvJobGoal.objects.using(db).filter(set_on__lte=on, cv__citizen_id__in=citizens)
                   .values_list("cv__citizen_id").annotate(first=Min("set_on")).order_by())
    placement_on = dict(Placement.objects.using(db).filter(kind__in=COMPANY_PLACEMENT_KINDS, start__lte=on,
                                                           case_id__in=ids)
                        .values_list("case_id").annotate(first=Min("start")).order_by())
    agreement_on = dict(WorkAgreement.objects.using(db).filter(signed_on__lte=on, placement__case_id__in=ids)
                        .values_list("placement__case_id").annotate(first=Min("signed_on")).order_by())
    weeks = _ordinary_weeks(cases, on)
    rows = list(cases.values("pk", "opened", "citizen_id", *fields))
    for row in rows:
        row["cv_on"] = cv_on.get(row["citizen_id"])
        row["goal_on"] = goal_on.get(row["citizen_id"])
        row["placement_on"] = placement_on.get(row["pk"])
        row["agreement_on"] = agreement_on.get(row["pk"])
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
    """Number of active cases per stage on `on` and their average days in the stage (no citizen data)."""
    rows = chain_rows(cases, on) if rows is None else rows
    totals = {number: [0, 0] for number, _code, _label in STAGES}
    for row in rows:
        total = totals[row["stage"]]
        total[0] += 1
        total[1] += row["days_in_stage"]
    return [StageCount(number, code, label, totals[number][0],
                       round(totals[number][1] / totals[number][0], 1) if totals[number][0] else None)
            for number, code, label in STAGES]


def stage_label(number: int) -> str:
    return str(STAGES[number][2])


