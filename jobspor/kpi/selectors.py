"""Reads for the dashboards: the tables (counts only, no citizen data) and the drill-down from a number to the
cases behind it (only the cases the viewer may see, access-logged). Reads go to the KPI database alias."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.lookups import IsNull, LessThan
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.cases.choices import CloseReason
from jobspor.cases.models import Case, CaseStaff
from jobspor.cases.permissions import case_scope_q
from jobspor.contacts.models import Contact, PlannedAction
from jobspor.contacts.selectors import STALLED_DAYS
from jobspor.core.dbfunctions import MonthStart
from jobspor.jobs.choices import JobKind
from jobspor.organisation.models import Team

from . import chain, engine
from .engine import KpiQuery
from .tables import Cell, Table

PURPOSE = "Ledelsesinformation"
CASELOAD_GUIDANCE = (20, 25)  # IPS: about 20–25 citizens per employment specialist
WEEKS_SHOWN = 26
EXPORT_LIMIT = 20000

MEASURE_LABELS = {
    "population": gettext_lazy("Sager i perioden"),
    "has_cv": gettext_lazy("Har CV"),
    "has_job_goal": gettext_lazy("Har jobmål"),
    "company_placement": gettext_lazy("I virksomhedsforløb"),
    "ordinary_hours": gettext_lazy("Har haft ordinære timer"),
    "continuous_13_weeks": gettext_lazy("13 sammenhængende uger på samme virksomhed"),
    "signed_agreement": gettext_lazy("Underskrevet arbejdsaftale"),
    "exit_employment_or_education": gettext_lazy("Afsluttet til job eller uddannelse"),
    "clarified": gettext_lazy("Afklaret videre (fleksjob, førtidspension, ressourceforløb)"),
    "relapse_26_weeks": gettext_lazy("Ny sag inden 26 uger efter afslutning til ordinært job"),
}
# Measures whose denominator is not the population (kpi.md: outcome after exit), with what it is instead.
OUTCOME_NOTES = {
    "relapse_26_weeks": gettext_lazy("Ud af sager afsluttet til ordinært job, hvis 26 uger slutter i perioden"),
}
# kpi.md's reference figures: measure -> (share, text)
REFERENCES = {
    "ordinary_hours": (0.24, gettext_lazy("JobFirst: 24 % (over 40 % i de bedste kommuner)")),
    "continuous_13_weeks": (0.64, gettext_lazy("JobFirst: 64 %")),
    "company_placement": (0.40, gettext_lazy("'Flere skal med': mindst 40 % af gruppe 1 over 3 måneder")),
}


def measure_label(key: str) -> str:
    if key.startswith("exit:"):
        reason = key.removeprefix("exit:")
        return _("Afsluttet: %(reason)s") % {"reason": dict(CloseReason.choices).get(reason, reason)}
    if key.startswith("stage:"):
        return _("Produktionskæden: %(stage)s") % {"stage": chain.stage_label(int(key.removeprefix("stage:")))}
    if key == "stalled":
        return _("Sager gået i stå")
    return str(MEASURE_LABELS[key])


def valid_measure(key: str) -> bool:
    if key in MEASURE_LABELS or key == "stalled":
        return True
    if key.startswith("exit:"):
        return key.removeprefix("exit:") in CloseReason.values
    if key.startswith("stage:"):
        return key.removeprefix("stage:") in {str(n) for n, _c, _l in chain.STAGES}
    return False


def chain_date(query: KpiQuery, today: dt.date | None = None) -> dt.date:
    """The production chain is shown on the period's last day, or today if the period runs on."""
    today = today or timezone.localdate()
    return min(query.end, today)


def stalled_q(on: dt.date, correlated: bool = False) -> Q:
    """The contacts app's rule (contacts.selectors.stalled_cases_qs) as a condition on any set of cases:
    no contact for STALLED_DAYS days (or none at all once the case is that old), or no open planned action.
    Uncorrelated IN sets, fast on a whole jobcentre; `correlated`: the last contact up to `on` per case (as the
    contacts app does), for a team: PostgreSQL turns EXISTS under OR into hashes of the whole contact table."""
    cutoff = on - dt.timedelta(days=STALLED_DAYS)
    if correlated:
        last = Subquery(Contact.objects.filter(case_id=OuterRef("pk"), date__lte=on).order_by("-date")
                        .values("date")[:1])
        open_action = Exists(PlannedAction.objects.filter(case_id=OuterRef("pk"), done_on__isnull=True))
        return Q(LessThan(last, cutoff)) | (Q(IsNull(last, True)) & Q(opened__lt=cutoff)) | ~Q(open_action)
    recent = Contact.objects.filter(date__gte=cutoff, date__lte=on).values("case_id")
    any_contact = Contact.objects.filter(date__lte=on).values("case_id")
    open_action = PlannedAction.objects.filter(done_on__isnull=True).values("case_id")
    return ((Q(pk__in=any_contact) & ~Q(pk__in=recent)) | (~Q(pk__in=any_contact) & Q(opened__lt=cutoff))
            | ~Q(pk__in=open_action))


def _link(measure: str, params: dict, **extra) -> str:
    return reverse("kpi:drill") + "?" + urlencode({**params, **extra, "measure": measure})


def _pct(value):
    return None if value is None else round(100 * value, 1)


def dashboard(form, *, today=None) -> dict:
    """Every table of the dashboard for the form's unit, period and filters. Counts only."""
    query = form.query()
    params = form.params()
    on = chain_date(query, today)
    cases = engine.population(query)
    small = engine.is_small(query)  # once per page: the population's size decides the query shape
    runs = engine.continuous_13_weeks_cases(query, cases)
    result = engine.compute(query, run_case_ids=list(runs), correlated=small)

    kpis = Table("kpi", _("Nøgletal"), [_("Nøgletal"), _("Antal"), _("Ud af"), _("Andel (%)"), _("Reference")])
    kpis.rows.append([_("Sager i perioden"), Cell(result["population"], _link("population", params)), None, None,
                      ""])
    for key in engine.SHARE_KEYS:
        figure = result[key]
        kpis.rows.append([measure_label(key), Cell(figure["numerator"], _link(key, params)),
                          figure["denominator"], _pct(figure["share"]), str(REFERENCES[key][1]) if key in REFERENCES
                          else ""])
    for key, note in OUTCOME_NOTES.items():
        figure = result[key]
        kpis.rows.append([measure_label(key), Cell(figure["numerator"], _link(key, params)), figure["denominator"],
                          _pct(figure["share"]), str(note)])

    exits = Table("exits", _("Afslutninger i perioden"), [_("Afslutningsårsag"), _("Sager")])
    reasons = dict(CloseReason.choices)
    for reason, n in result["exits_by_reason"].items():
        exits.rows.append([reasons.get(reason, reason), Cell(n, _link(f"exit:{reason}", params))])

    jobs = Table("jobs", _("Job og småjob"), [_("Type"), _("Oprettet i perioden")])
    kinds = dict(JobKind.choices)
    for kind, n in result["jobs_posted"].items():
        jobs.rows.append([kinds.get(kind, kind), n])
    fill = result["jobs_fill_rate"]
    jobs.note = _("Besat inden fristen: %(n)s af %(d)s med frist i perioden (%(p)s %%).") % {
        "n": fill["numerator"], "d": fill["denominator"],
        "p": "–" if fill["share"] is None else _pct(fill["share"])}

    stages = chain.stage_counts(cases, on)
    day = KpiQuery(**{**query.__dict__, "start": on, "end": on})
    stalled_n = engine.population(day).filter(stalled_q(on, engine.is_small(day))).count()
    funnel = Table("chain", _("Produktionskæden den %(date)s") % {"date": date_format(on, "j. F Y")},
                   [_("Trin"), _("Aktive sager"), _("Gns. dage på trinnet")])
    for stage in stages:
        funnel.rows.append([f"{stage.number} {stage.label}",
                            Cell(stage.count, _link(f"stage:{stage.number}", params)), stage.avg_days])
    funnel.rows.append([_("Gået i stå (ingen kontakt i 30 dage eller ingen åben handling)"),
                        Cell(stalled_n, _link("stalled", params)), None])

    return {
        "query": query, "on": on, "result": result, "params": params,
        "tables": [kpis, funnel, hours_over_time(query, cases), team_table(form, query, params, runs, small),
                   exits, jobs, companies_table(query, cases), caseload_table(query, on)],
        "stages": stages, "stalled": stalled_n,
    }


def hours_over_time(query: KpiQuery, cases) -> Table:
    rows = engine.ordinary_hours_rows(query, cases)
    weeks = (query.end - query.start).days // 7 + 1
    if weeks <= WEEKS_SHOWN:
        grouped = rows.values("week").annotate(cases=Count("placement__case_id", distinct=True),
                                               hours=Sum("ordinary_hours")).order_by("week")
        label = _("Uge")
        points = [(f"{r['week'].isocalendar()[0]}-W{r['week'].isocalendar()[1]:02d}", r) for r in grouped]
    else:
        grouped = (rows.annotate(month=MonthStart("week")).values("month")
                   .annotate(cases=Count("placement__case_id", distinct=True), hours=Sum("ordinary_hours"))
                   .order_by("month"))
        label = _("Måned")
        points = [(_as_date(r["month"]).strftime("%Y-%m"), r) for r in grouped]
    table = Table("hours", _("Ordinære timer over tid"), [label, _("Borgere med ordinære timer"),
                                                          _("Ordinære timer i alt")])
    for name, r in points:
        table.rows.append([name, r["cases"], float(r["hours"] or 0)])
    return table


def _as_date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return value


def team_table(form, query: KpiQuery, params: dict, runs=None, small=None) -> Table:
    """Per team: share with ordinary hours, with 13 continuous weeks, and fsm group 1 in company placements,
    against kpi.md's reference figures. `runs`, `small`: engine.continuous_13_weeks_cases and is_small of the
    query, if the caller has them."""
    cases = engine.population(query)
    small = engine.is_small(query) if small is None else small
    counts = {r["team_id"]: r for r in cases.values("team_id").annotate(
        pop=Count("pk"), ordinary=Count("pk", filter=engine.measure_q("ordinary_hours", query, small)),
        fsm1=Count("pk", filter=Q(fsm_group=1)),
        fsm1_placed=Count("pk", filter=Q(fsm_group=1) & engine.measure_q("company_placement", query, small)))
        .order_by()}
    if runs is None:
        runs = engine.continuous_13_weeks_cases(query, cases)
    runs = Counter(runs.values())  # team id -> cases with a 13-week run
    names = dict(Team.objects.using(cases.db).filter(pk__in=[t for t in counts if t]).values_list("pk", "name"))
    table = Table("teams", _("Teams mod referencetallene"),
                  [_("Team"), _("Sager"), _("Ordinære timer (%)"), _("Reference 24 %"),
                   _("13 sammenhængende uger (%)"), _("Reference 64 %"), _("Gruppe 1 i virksomhedsforløb (%)"),
                   _("Kriterium ≥ 40 %")])
    for team_id, r in sorted(counts.items(), key=lambda item: names.get(item[0], "")):
        pop = r["pop"]
        ordinary = r["ordinary"] / pop if pop else None
        run = runs.get(team_id, 0) / pop if pop else None
        placed = r["fsm1_placed"] / r["fsm1"] if r["fsm1"] else None
        team_params = {k: v for k, v in params.items() if k not in {"team", "department", "employee"}}
        team_params["team"] = team_id if team_id else ""
        table.rows.append([
            names.get(team_id, _("Uden team")), Cell(pop, _link("population", team_params) if team_id else ""),
            _pct(ordinary), _verdict(ordinary, 0.24), _pct(run), _verdict(run, 0.64), _pct(placed),
            _verdict(placed, 0.40)])
    return table


def _verdict(value, reference):
    if value is None:
        return ""
    return _("over") if value >= reference else _("under")


def companies_table(query: KpiQuery, cases) -> Table:
    rows = (engine.ordinary_hours_rows(query, cases)
            .values("placement__company__name", "placement__title")
            .annotate(cases=Count("placement__case_id", distinct=True), hours=Sum("ordinary_hours"))
            .order_by("-hours", "placement__company__name")[:30])
    table = Table("companies", _("Virksomheder og jobfunktioner med ordinære timer"),
                  [_("Virksomhed"), _("Jobfunktion"), _("Borgere"), _("Ordinære timer")])
    for r in rows:
        table.rows.append([r["placement__company__name"], r["placement__title"] or "–", r["cases"],
                           float(r["hours"])])
    return table


def caseload_table(query: KpiQuery, on: dt.date) -> Table:
    cases = engine.population(KpiQuery(**{**query.__dict__, "start": on, "end": on}))
    rows = (CaseStaff.objects.using(cases.db).filter(is_primary=True, case__in=cases)
            .values("employee__name").annotate(n=Count("case_id")).order_by("-n", "employee__name"))
    low, high = CASELOAD_GUIDANCE
    table = Table("caseload", _("Sager pr. primær kontaktperson den %(date)s") % {"date": date_format(on, "j. F Y")},
                  [_("Medarbejder"), _("Aktive sager"), _("IPS-vejledning 20–25")])
    for r in rows:
        verdict = _("inden for") if low <= r["n"] <= high else (_("over") if r["n"] > high else _("under"))
        table.rows.append([r["employee__name"], r["n"], verdict])
    return table


# --- drill-down ---------------------------------------------------------------------------------------

def drill_queryset(form, *, employee, measure: str, today=None):
    """(visible cases behind the number, how many cases the number counts in all)."""
    scope = case_scope_q(employee)
    query = form.query()
    on = chain_date(query, today)
    if measure.startswith("stage:"):
        ids = chain.stage_case_ids(engine.population(query), on, int(measure.removeprefix("stage:")))
        total = len(ids)
        visible = Case.objects.using(engine.kpi_database()).filter(scope, pk__in=ids)
    elif measure == "stalled":
        day = KpiQuery(**{**query.__dict__, "start": on, "end": on})
        every = engine.population(day).filter(stalled_q(on, engine.is_small(day)))
        total = every.count()
        visible = every.filter(scope)
    else:
        total = engine.measure_cases(measure, query).count()
        visible = engine.measure_cases(measure, KpiQuery(**{**query.__dict__, "scope": scope}))
    last = Contact.objects.filter(case_id=OuterRef("pk")).order_by("-date").values("date")[:1]
    visible = (visible.select_related("citizen", "team")
               .prefetch_related(Prefetch("staff", queryset=CaseStaff.objects.filter(is_primary=True)
                                          .select_related("employee"), to_attr="primary_links"))
               .annotate(last_contact=Subquery(last)).order_by(F("team__name").asc(nulls_last=True), "opened", "pk"))
    return visible, total


def drill_page(form, *, user, employee, measure: str, page_number=None, path="", today=None):
    """One page of the cases behind a number, logged as a list."""
    visible, total = drill_queryset(form, employee=employee, measure=measure, today=today)
    page = Paginator(visible, settings.JOBSPOR_PAGE_SIZE).get_page(page_number)
    cases = list(page.object_list)
    access_log_write(actor=user, action=Action.LIST, purpose=PURPOSE, citizen_ids=[c.citizen_id for c in cases],
                     case_ids=[c.pk for c in cases], query=urlencode({**form.params(), "measure": measure}),
                     path=path)
    page.object_list = cases
    return page, total


def drill_table(form, *, user, employee, measure: str, path="", today=None) -> Table:
    """Every visible case behind a number, as a table for export; logged as an export of each citizen."""
    visible, total = drill_queryset(form, employee=employee, measure=measure, today=today)
    cases = list(visible[:EXPORT_LIMIT])
    access_log_write(actor=user, action=Action.EXPORT, purpose=PURPOSE, citizen_ids=[c.citizen_id for c in cases],
                     case_ids=[c.pk for c in cases], query=urlencode({**form.params(), "measure": measure}),
                     path=path)
    table = Table("cases", measure_label(measure), [_("Sag"), _("Borger"), _("Team"), _("Primær kontaktperson"),
                                                    _("Oprettet"), _("Afsluttet"), _("Seneste kontakt")])
    for case in cases:
        primary = case.primary_links[0].employee.name if case.primary_links else ""
        table.rows.append([case.external_id, case.citizen.name, case.team.name if case.team else "", primary,
                           case.opened.isoformat(), case.closed.isoformat() if case.closed else "",
                           case.last_contact.isoformat() if case.last_contact else ""])
    return table
