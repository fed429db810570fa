"""Reads for the dashboards: the tables (counts only, no citizen data) and the drill-down from a number to the
cases behind it (only the cases the viewer may see, access-logged). Reads go to the KPI database alias."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connections
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
from jobspor.cases.permissions import case_scope_q, visible_team_ids
from jobspor.companies.models import Company
from jobspor.contacts.models import Contact, PlannedAction
from jobspor.contacts.selectors import in_company_placement_q, stalled_before_placement_days, stalled_days
from jobspor.core.dbfunctions import MonthStart
from jobspor.jobs.choices import JobKind
from jobspor.organisation.models import Employee, Team
from jobspor.placements.models import Placement

from . import chain, engine, facts, measures
from .concurrent import side_by_side
from .engine import KpiQuery
from .tables import Cell, Table

PURPOSE = "Ledelsesinformation"
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
}
# The 'Flere skal med' criterion is shown only where it means what it meant: fsm_group 1, per calendar quarter
# (kpi.md; the table "fsm" of the dashboard).
FSM_REFERENCE = (measures.FSM_CRITERION,
                 gettext_lazy("'Flere skal med': mindst 40 % af gruppe 1 pr. kvartal"))


def reference_for(key: str, query: KpiQuery):
    """kpi.md's reference figure for a measure, or None where it would not mean what it meant in its source."""
    if key == "company_placement":
        fits = query.fsm_group == 1 and measures.is_calendar_quarter(query.start, query.end)
        return FSM_REFERENCE if fits else None
    return REFERENCES.get(key)


def measure_label(key: str) -> str:
    if key.startswith("exit:"):
        reason = key.removeprefix("exit:")
        return _("Afsluttet: %(reason)s") % {"reason": dict(CloseReason.choices).get(reason, reason)}
    if key.startswith("stage:"):
        return _("Produktionskæden: %(stage)s") % {"stage": chain.stage_label(int(key.removeprefix("stage:")))}
    if key == "stalled":
        return _("Sager gået i stå")
    if key == "stalled_weekly":
        return _("Ingen kontakt i %(days)d dage før virksomhedsforløb") % {"days": stalled_before_placement_days()}
    return str(MEASURE_LABELS[key])


def valid_measure(key: str) -> bool:
    if key in MEASURE_LABELS or key in {"stalled", "stalled_weekly"}:
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


def _kept(**conditions):
    from .models import CaseFacts

    return CaseFacts.objects.filter(**conditions).values("case_id")


def _silent_q(on: dt.date, cutoff: dt.date, *, or_kept: Q | None = None) -> Q:
    """No contact in [cutoff, on], and a contact by `on` or opened before the cutoff (the contacts app's "no contact
    for N days, or none at all once the case is that old"), from the kept first and last contact (kpi.CaseFacts,
    brought up to date first; `or_kept`: a further condition on them that also makes a case count). Sets of case ids
    read from the kept rows, not a join: SQLite looks a joined row up twice per case (3 times slower on 86,000
    cases). Only a case whose last contact is after `on` (a past day, or a contact dated ahead) looks at its
    contacts, on the (case, date) index."""
    facts.facts_refresh()
    from .models import CaseFacts

    long_silent = Q(last_contact_on__lt=cutoff) if or_kept is None else Q(last_contact_on__lt=cutoff) | or_kept
    late = CaseFacts.objects.filter(last_contact_on__gt=on)
    window = Exists(Contact.objects.filter(case_id=OuterRef("pk"), date__gte=cutoff, date__lte=on))
    return (Q(pk__in=CaseFacts.objects.filter(long_silent).values("case_id"))
            | (Q(pk__in=_kept(last_contact_on__isnull=True)) & Q(opened__lt=cutoff))
            | ((Q(pk__in=late.filter(first_contact_on__lte=on).values("case_id"))
                | (Q(pk__in=late.values("case_id")) & Q(opened__lt=cutoff))) & ~Q(window)))


def stalled_q(on: dt.date) -> Q:
    """The contacts app's rule (contacts.selectors.stalled_cases_qs) as a condition on any set of cases on `on`:
    no contact for stalled_days() days (or none at all once the case is that old), or no open planned action. From
    the rows kept per case (kpi.CaseFacts) instead of sets of every contact and action; equal to
    stalled_recomputed_q."""
    cutoff = on - dt.timedelta(days=stalled_days())
    return _silent_q(on, cutoff, or_kept=Q(open_actions=0))


def stalled_weekly_q(on: dt.date) -> Q:
    """Seed 004's weekly contact until the placement, as the contacts app's second stalled rule: not 'Flere skal
    med' group 3, not in a company placement on `on`, and no contact for stalled_before_placement_days() days (or
    none at all once the case is that old). From the kept facts; equal to stalled_weekly_recomputed_q."""
    cutoff = on - dt.timedelta(days=stalled_before_placement_days())
    in_placement = (Placement.objects.filter(Q(end__isnull=True) | Q(end__gte=on), start__lte=on,
                                             kind__in=engine.COMPANY_PLACEMENT_KINDS).values("case_id"))
    return (_silent_q(on, cutoff) & (Q(fsm_group__isnull=True) | ~Q(fsm_group=3)) & ~Q(pk__in=in_placement))


# The same two rules straight from the contacts and actions (the reads before the kept facts; the tests compare).

def stalled_recomputed_q(on: dt.date, correlated: bool = False) -> Q:
    """The contacts app's rule (contacts.selectors.stalled_cases_qs) as a condition on any set of cases:
    no contact for stalled_days() days (or none at all once the case is that old), or no open planned action.
    Uncorrelated IN sets, fast on a whole jobcentre; `correlated`: the last contact up to `on` per case (as the
    contacts app does), for a team: PostgreSQL turns EXISTS under OR into hashes of the whole contact table."""
    cutoff = on - dt.timedelta(days=stalled_days())
    if correlated:
        last = Subquery(Contact.objects.filter(case_id=OuterRef("pk"), date__lte=on).order_by("-date")
                        .values("date")[:1])
        open_action = Exists(PlannedAction.objects.filter(case_id=OuterRef("pk"), done_on__isnull=True))
        return Q(LessThan(last, cutoff)) | (Q(IsNull(last, True)) & Q(opened__lt=cutoff)) | ~Q(open_action)
    recent = Contact.objects.filter(date__gte=cutoff, date__lte=on).values("case_id")
    any_contact = Contact.objects.filter(date__lte=on).values("case_id")
    open_action = PlannedAction.objects.filter(done_on__isnull=True).values("case_id")
    # (a contact, none recent) or (no contact, opened before the cutoff); a recent contact is a contact, so this
    # is: none recent, and a contact or opened before the cutoff (each set built once)
    return (~Q(pk__in=recent) & (Q(pk__in=any_contact) | Q(opened__lt=cutoff))) | ~Q(pk__in=open_action)


def stalled_weekly_recomputed_q(on: dt.date) -> Q:
    """Seed 004's weekly contact until the placement, as the contacts app's second stalled rule: not 'Flere skal
    med' group 3, not in a company placement on `on`, and no contact for stalled_before_placement_days() days (or
    none at all once the case is that old)."""
    cutoff = on - dt.timedelta(days=stalled_before_placement_days())
    recent = Contact.objects.filter(date__gte=cutoff, date__lte=on).values("case_id")
    any_contact = Contact.objects.filter(date__lte=on).values("case_id")
    silent = ~Q(pk__in=recent) & (Q(pk__in=any_contact) | Q(opened__lt=cutoff))  # as in stalled_q
    return silent & (Q(fsm_group__isnull=True) | ~Q(fsm_group=3)) & ~Q(in_company_placement_q(on))


def _link(measure: str, params: dict, **extra) -> str:
    return reverse("kpi:drill") + "?" + urlencode({**params, **extra, "measure": measure})


def _pct(value):
    return None if value is None else round(100 * value, 1)


def dashboard(form, *, today=None, extra=None) -> dict:
    """Every table of the dashboard for the form's unit, period and filters. Counts only. The tables are read side
    by side (concurrent.side_by_side); `extra`: more independent reads of the page ({name: call}), returned too."""
    query = form.query()
    params = form.params()
    on = chain_date(query, today)
    cases = engine.population(query)
    small = engine.is_small(query)  # once per page: the population's size decides the query shape
    day = KpiQuery(**{**query.__dict__, "start": on, "end": on})

    facts.facts_refresh()  # once, before the reads that count from the kept facts (each would otherwise)
    read = side_by_side({
        "runs": lambda: engine.continuous_13_weeks_cases(query, cases),
        # companies_with_ordinary_hours is not on the page (the `kpi` command and exports give it): not read here
        "counts": lambda: engine.compute(query, run_case_ids=False, correlated=small, companies=False),
        "team_counts": lambda: team_counts(query, small),
        "stages": lambda: chain.stage_counts(cases, on),
        "stalled": lambda: engine.population(day).filter(stalled_q(on)).count(),
        "stalled_weekly": lambda: engine.population(day).filter(stalled_weekly_q(on)).count(),
        "fsm": lambda: fsm_table(query, params, today),
        "visitations": lambda: visitations_table(form, query),
        "weekly": lambda: weekly_contact_table(query),
        "hours": lambda: hours_over_time(query, cases),
        "companies": lambda: companies_table(query, cases),
        "caseload": lambda: caseload_table(query, on),
        **(extra or {}),
    }, using=cases.db)
    runs, result = read["runs"], read["counts"]
    result["continuous_13_weeks"] = engine.share(len(runs), result["population"])
    teams = team_table(form, query, params, runs, small, counts=read["team_counts"])
    stages, stalled_n, weekly_n = read["stages"], read["stalled"], read["stalled_weekly"]

    kpis = kpi_table(query, params, result)
    exits = exits_table(params, result["exits_by_reason"])
    jobs = jobs_table(result["jobs_posted"], result["jobs_fill_rate"])
    funnel = chain_table(on, params, stages, stalled_n, weekly_n)

    return {
        "query": query, "on": on, "result": result, "params": params,
        "tables": [kpis, read["fsm"], read["visitations"], read["weekly"], funnel, read["hours"], teams, exits, jobs,
                   read["companies"], read["caseload"]],
        "stages": stages, "stalled": stalled_n, "stalled_weekly": weekly_n,
        **{name: read[name] for name in (extra or {})},
    }


def kpi_table(query: KpiQuery, params: dict, result: dict) -> Table:
    """The key figures (engine.compute's result, continuous_13_weeks set)."""
    kpis = Table("kpi", _("Nøgletal"), [_("Nøgletal"), _("Antal"), _("Ud af"), _("Andel (%)"), _("Reference")])
    kpis.rows.append([_("Sager i perioden"), Cell(result["population"], _link("population", params)), None, None,
                      ""])
    for key in engine.SHARE_KEYS:
        figure = result[key]
        reference = reference_for(key, query)
        if reference is None and key == "company_placement":
            reference = (None, _("'Flere skal med'-kriteriet gælder gruppe 1 pr. kvartal: se tabellen nedenfor"))
        kpis.rows.append([measure_label(key), Cell(figure["numerator"], _link(key, params)),
                          figure["denominator"], _pct(figure["share"]), str(reference[1]) if reference else ""])
    for key, note in OUTCOME_NOTES.items():
        figure = result[key]
        kpis.rows.append([measure_label(key), Cell(figure["numerator"], _link(key, params)), figure["denominator"],
                          _pct(figure["share"]), str(note)])
    return kpis


def exits_table(params: dict, by_reason: dict) -> Table:
    exits = Table("exits", _("Afslutninger i perioden"), [_("Afslutningsårsag"), _("Sager")])
    reasons = dict(CloseReason.choices)
    for reason, n in by_reason.items():
        exits.rows.append([reasons.get(reason, reason), Cell(n, _link(f"exit:{reason}", params))])
    return exits


def jobs_table(posted: dict, fill: dict) -> Table:
    jobs = Table("jobs", _("Job og småjob"), [_("Type"), _("Oprettet i perioden")])
    kinds = dict(JobKind.choices)
    for kind, n in posted.items():
        jobs.rows.append([kinds.get(kind, kind), n])
    jobs.note = _("Besat inden fristen: %(n)s af %(d)s med frist i perioden (%(p)s %%).") % {
        "n": fill["numerator"], "d": fill["denominator"],
        "p": "–" if fill["share"] is None else _pct(fill["share"])}
    return jobs


def chain_table(on, params: dict, stages, stalled_n: int, weekly_n: int) -> Table:
    funnel = Table("chain", _("Produktionskæden den %(date)s") % {"date": date_format(on, "j. F Y")},
                   [_("Trin"), _("Aktive sager"), _("Gns. dage på trinnet")])
    for stage in stages:
        funnel.rows.append([f"{stage.number} {stage.label}",
                            Cell(stage.count, _link(f"stage:{stage.number}", params)), stage.avg_days])
    funnel.rows.append([_("Gået i stå (ingen kontakt i %(days)d dage eller ingen åben handling)")
                        % {"days": stalled_days()}, Cell(stalled_n, _link("stalled", params)), None])
    funnel.rows.append([_("Ingen kontakt i %(days)d dage før virksomhedsforløb (ugentlig kontakt, ikke gruppe 3)")
                        % {"days": stalled_before_placement_days()},
                        Cell(weekly_n, _link("stalled_weekly", params)), None])
    return funnel


def _kpi_alone(query: KpiQuery, params: dict) -> Table:
    cases = engine.population(query)
    facts.facts_refresh()
    read = side_by_side({
        "runs": lambda: engine.continuous_13_weeks_cases(query, cases),
        "counts": lambda: engine.compute(query, run_case_ids=False, correlated=engine.is_small(query),
                                         companies=False),
    }, using=cases.db)
    result = read["counts"]
    result["continuous_13_weeks"] = engine.share(len(read["runs"]), result["population"])
    return kpi_table(query, params, result)


def _chain_alone(query: KpiQuery, params: dict, today) -> Table:
    on = chain_date(query, today)
    day = KpiQuery(**{**query.__dict__, "start": on, "end": on})
    facts.facts_refresh()
    cases = engine.population(query)
    read = side_by_side({
        "stages": lambda: chain.stage_counts(cases, on),
        "stalled": lambda: engine.population(day).filter(stalled_q(on)).count(),
        "stalled_weekly": lambda: engine.population(day).filter(stalled_weekly_q(on)).count(),
    }, using=cases.db)
    return chain_table(on, params, read["stages"], read["stalled"], read["stalled_weekly"])


def dashboard_table(form, key: str, *, today=None) -> Table | None:
    """One table of the dashboard (an export): read alone where it stands alone, else from the whole dashboard.
    None for an unknown key."""
    query = form.query()
    params = form.params()
    alone = {
        "fsm": lambda: fsm_table(query, params, today),
        "visitations": lambda: visitations_table(form, query),
        "weekly": lambda: weekly_contact_table(query),
        "hours": lambda: hours_over_time(query, engine.population(query)),
        "companies": lambda: companies_table(query, engine.population(query)),
        "caseload": lambda: caseload_table(query, chain_date(query, today)),
        "teams": lambda: team_table(form, query, params),
        "kpi": lambda: _kpi_alone(query, params),
        "exits": lambda: exits_table(params, engine.exits_by_reason(query)),
        "jobs": lambda: jobs_table(engine.jobs_posted(query), engine.jobs_fill_rate(query)),
        "chain": lambda: _chain_alone(query, params, today),
    }
    return alone[key]() if key in alone else None


def fsm_table(query: KpiQuery, params: dict, today=None) -> Table:
    """'Flere skal med' criterion 2 per calendar quarter, fsm_group 1 only (kpi.md)."""
    today = today or timezone.localdate()
    table = Table("fsm", _("'Flere skal med': gruppe 1 i virksomhedsforløb mv. pr. kvartal"),
                  [_("Kvartal"), _("Gruppe 1-sager i kvartalet"), _("I virksomhedsforløb mv."), _("Andel (%)"),
                   _("Kriterium ≥ 40 %"), _("Bemærkning")])
    for figure in measures.fsm_criterion_by_quarter(query, today):
        quarter_params = {**params, "start": figure.start.isoformat(), "end": figure.end.isoformat(), "fsm_group": 1}
        verdict = "" if figure.meets is None else (_("nået") if figure.meets else _("ikke nået"))
        table.rows.append([figure.label, Cell(figure.figure["denominator"], _link("population", quarter_params)),
                           Cell(figure.figure["numerator"], _link("company_placement", quarter_params)),
                           _pct(figure.figure["share"]), verdict,
                           "" if figure.complete else _("Kvartalet er ikke slut")])
    table.note = _("Altid 'Flere skal med'-gruppe 1 og hele kalenderkvartaler, uanset periode og gruppefilter; "
                   "de øvrige filtre gælder.")
    return table


def visitations_table(form, query: KpiQuery) -> Table:
    """'Flere skal med' criterion 1: planned against actual visitations per quarter of the period, for the unit."""
    quarters = measures.quarters_overlapping(query.start, query.end)
    table = Table("visitations", _("Visiteret som planlagt pr. kvartal"),
                  [_("Kvartal"), _("Planlagt"), _("Visiteret"), _("Andel af planen (%)")])
    for row in measures.visitations_planned_actual(form.team_ids(), quarters):
        table.rows.append([row.label, row.planned, row.actual, _pct(row.share)])
    table.note = _("Visiteret: en sag med en visitationssamtale i kvartalet og en 'Flere skal med'-gruppe. "
                   "Lederen registrerer det planlagte antal pr. team.")
    return table


def weekly_contact_table(query: KpiQuery) -> Table:
    figure = measures.weekly_contact(query)
    table = Table("weekly", _("Ugentlig kontakt frem mod virksomhedsforløb"),
                  [_("Nøgletal"), _("Uger med kontakt"), _("Uger i alt"), _("Andel (%)")])
    table.rows.append([_("Gruppe 1 og 2 uden virksomhedsforløb: uger med mindst én kontakt"), figure["numerator"],
                       figure["denominator"], _pct(figure["share"])])
    table.note = _("JobFirst: ugentlig kontakt til borgeren frem mod virksomhedsforløbet. Tæller uger i perioden, "
                   "hvor en sag i 'Flere skal med'-gruppe 1 eller 2 var åben og ikke i virksomhedsforløb.")
    return table


def hours_over_time(query: KpiQuery, cases) -> Table:
    rows = engine.ordinary_hours_rows(query, cases)
    weeks = (query.end - query.start).days // 7 + 1
    if weeks <= WEEKS_SHOWN:
        grouped = rows.values("week").annotate(cases=Count("placement__case_id", distinct=True),
                                               hours=Sum("ordinary_hours")).order_by("week")
        label = _("Uge")
        points = [(f"{r['week'].isocalendar()[0]}-W{r['week'].isocalendar()[1]:02d}", r) for r in grouped]
    else:
        # Months wholly in P from the kept ordinary hours per month (engine.ordinary_parts), the months at P's
        # edges from the hours themselves; no month is in both.
        kept, raw = engine.ordinary_parts(query, cases.db)
        population = cases.order_by().values("pk")
        grouped = []
        if kept is not None:
            grouped += [{"month": r["month"], "cases": r["cases"], "hours": r["tenths"] / 10} for r in
                        kept.filter(case_id__in=population).values("month")
                        .annotate(cases=Count("case_id", distinct=True), tenths=Sum("tenths")).order_by()]
        # The edge weeks by week (the population as a set of ids: as an IN subquery SQLite drove the read from it).
        members = set(population.values_list("pk", flat=True)) if raw else set()
        for edge in raw:
            months = {}
            for case_id, month, hours in (edge.annotate(month=MonthStart("week"))
                                          .values_list("placement__case_id", "month", "ordinary_hours").order_by()):
                if case_id in members:
                    row = months.setdefault(_as_date(month), {"month": _as_date(month), "cases": set(), "hours": 0})
                    row["cases"].add(case_id)
                    row["hours"] += hours
            grouped += [{**row, "cases": len(row["cases"])} for row in months.values()]
        grouped.sort(key=lambda r: _as_date(r["month"]))
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


def team_counts(query: KpiQuery, small: bool) -> dict:
    """Per team id: the population, with ordinary hours, in fsm group 1, and of those in company placements (a
    whole jobcentre: from the facts kept per case, engine.facts_counted)."""
    cases = engine.population(query)
    counts = cases.values("team_id").annotate(
        pop=Count("pk"), ordinary=Count("pk", filter=engine.measure_q("ordinary_hours", query, small)),
        fsm1=Count("pk", filter=Q(fsm_group=1)),
        fsm1_placed=Count("pk", filter=Q(fsm_group=1) & engine.measure_q("company_placement", query, small))
    ).order_by()
    return {r["team_id"]: r for r in (counts if small else engine.facts_counted(counts, cases, "pop"))}


def team_table(form, query: KpiQuery, params: dict, runs=None, small=None, counts=None) -> Table:
    """Per team: share with ordinary hours, with 13 continuous weeks, and fsm group 1 in company placements,
    against kpi.md's reference figures. `runs`, `small`, `counts`: engine.continuous_13_weeks_cases, is_small and
    team_counts of the query, if the caller has them."""
    cases = engine.population(query)
    small = engine.is_small(query) if small is None else small
    counts = team_counts(query, small) if counts is None else counts
    if runs is None:
        runs = engine.continuous_13_weeks_cases(query, cases)
    runs = Counter(runs.values())  # team id -> cases with a 13-week run
    quarter = measures.is_calendar_quarter(query.start, query.end)  # the 40 % holds per calendar quarter only
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
            _verdict(placed, 0.40) if quarter else ""])
    return table


def _verdict(value, reference):
    if value is None:
        return ""
    return _("over") if value >= reference else _("under")


def companies_table(query: KpiQuery, cases) -> Table:
    """The 30 (company, job function) pairs with the most ordinary hours in P of the population's placements: the
    citizens and hours. Summed per placement from the kept months and the edge weeks (engine.ordinary_parts), then
    per pair here (about 40,000 placements for a whole jobcentre). The population is a set of ids here: as an IN
    subquery SQLite drove every read from it (a visit to each case's placements and hours). A team's or an
    employee's cases: straight from their placements' hours (3 times faster there than the whole jobcentre's months)."""
    if query.team_ids is not None or query.primary_contact_id is not None or query.scope is not None:
        return _companies_table_from_hours(query, cases)
    pairs = {(name, title): (n, total) for name, title, n, total in _company_pairs(query, cases)}
    rows = sorted(pairs.items(), key=lambda item: (-item[1][1], item[0][0], item[0][1] or ""))[:30]
    table = Table("companies", _("Virksomheder og jobfunktioner med ordinære timer"),
                  [_("Virksomhed"), _("Jobfunktion"), _("Borgere"), _("Ordinære timer")])
    for (name, title), (n, total) in rows:
        table.rows.append([name, title or "–", n, total / 10])
    return table


def _company_pairs(query: KpiQuery, cases) -> list[tuple]:
    """(company name, job function, population cases, tenths of ordinary hours in P) per pair: one grouped read of
    the ordinary hours per placement (the kept months and the edge weeks, engine.ordinary_parts) joined to the
    placements and companies, the population as a list subquery (SQLite builds it once: the join is driven from
    the hours)."""
    rows, params = engine.ordinary_placements_sql(query, cases.db)
    population, p = cases.order_by().values("pk").query.sql_with_params()
    sql = f"""
        SELECT co.name, pl.title, COUNT(DISTINCT pl.case_id), SUM(x.t)
        FROM ({rows}) x
        JOIN {Placement._meta.db_table} pl ON pl.id = x.placement_id
        JOIN {Company._meta.db_table} co ON co.id = pl.company_id
        WHERE pl.case_id IN ({population})
        GROUP BY co.name, pl.title"""
    with connections[cases.db].cursor() as cursor:
        cursor.execute(sql, params + list(p))
        return [(name, title, n, int(total)) for name, title, n, total in cursor.fetchall()]


def _companies_table_from_hours(query: KpiQuery, cases) -> Table:
    rows = (engine.ordinary_hours_rows(query, cases)
            .values("placement__company__name", "placement__title")
            .annotate(cases=Count("placement__case_id", distinct=True), hours=Sum("ordinary_hours")))
    pairs = sorted(([r["placement__company__name"], r["placement__title"], r["cases"], float(r["hours"])]
                    for r in rows), key=lambda r: (-r[3], r[0], r[1] or ""))[:30]
    table = Table("companies", _("Virksomheder og jobfunktioner med ordinære timer"),
                  [_("Virksomhed"), _("Jobfunktion"), _("Borgere"), _("Ordinære timer")])
    for name, title, n, hours in pairs:
        table.rows.append([name, title or "–", n, hours])
    return table


def caseload_table(query: KpiQuery, on: dt.date) -> Table:
    cases = engine.population(KpiQuery(**{**query.__dict__, "start": on, "end": on}))
    # Counted per employee id, the names read after (a join to the employees for each of 60,000 cases: 110 -> 85 ms),
    # ordered by the database's collation of names among equal counts.
    counts = dict(CaseStaff.objects.using(cases.db).filter(is_primary=True, case__in=cases)
                  .values("employee_id").annotate(n=Count("case_id")).values_list("employee_id", "n").order_by())
    named = Employee.objects.using(cases.db).filter(pk__in=list(counts)).order_by("name", "pk")
    rows = sorted(({"employee__name": name, "n": counts[pk], "rank": rank}
                   for rank, (pk, name) in enumerate(named.values_list("pk", "name"))),
                  key=lambda r: (-r["n"], r["rank"]))
    from jobspor.fidelity.selectors import norm_current

    # Measured against the norm the municipality sets (none by default: then no verdict). IPS 20–25 is only an
    # external reference, named in the template (seed 002: there is no single right caseload).
    norm = norm_current()
    norm = norm.cases if norm is not None else None
    title = _("Sager pr. primær kontaktperson den %(date)s") % {"date": date_format(on, "j. F Y")}
    columns = [_("Medarbejder"), _("Aktive sager")]
    if norm is not None:
        columns.append(_("Kommunens norm (%(n)d)") % {"n": norm})
    table = Table("caseload", title, columns)
    for r in rows:
        row = [r["employee__name"], r["n"]]
        if norm is not None:
            row.append(_("over") if r["n"] > norm else _("inden for"))
        table.rows.append(row)
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
    elif measure in {"stalled", "stalled_weekly"}:
        day = KpiQuery(**{**query.__dict__, "start": on, "end": on})
        every = engine.population(day).filter(stalled_q(on) if measure == "stalled"
                                              else stalled_weekly_q(on))
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
    # Plain values, the primary contact's name by a subquery: a model instance for each case, citizen, team and
    # staff link of 20,000 rows was two thirds of a whole jobcentre's export (3.5 s).
    primary = CaseStaff.objects.filter(case_id=OuterRef("pk"), is_primary=True).values("employee__name")[:1]
    rows = list(visible.prefetch_related(None).annotate(primary_name=Subquery(primary)).values_list(
        "pk", "citizen_id", "external_id", "citizen__name", "team__name", "primary_name", "opened", "closed",
        "last_contact")[:EXPORT_LIMIT])
    access_log_write(actor=user, action=Action.EXPORT, purpose=PURPOSE, citizen_ids=[row[1] for row in rows],
                     case_ids=[row[0] for row in rows], query=urlencode({**form.params(), "measure": measure}),
                     path=path)
    table = Table("cases", measure_label(measure), [_("Sag"), _("Borger"), _("Team"), _("Primær kontaktperson"),
                                                    _("Oprettet"), _("Afsluttet"), _("Seneste kontakt")])
    for _pk, _citizen, external_id, name, team, primary_name, opened, closed, last_contact in rows:
        table.rows.append([external_id, name, team or "", primary_name or "", opened, closed, _as_date(last_contact)])
    return table


# --- 'Flere skal med': planned visitations and screening ------------------------------------------------------

def viewer_team_ids(employee):
    """The teams whose figures the viewer sees: None (every team) for a leader of the whole jobcentre."""
    if employee.is_manager and employee.team_id is None:
        return None
    return visible_team_ids(employee)


def viewer_unit_label(employee) -> str:
    from .permissions import unit_name

    if employee.is_manager:
        return unit_name(employee)
    return employee.team.name if employee.team_id else _("hele jobcentret")


@dataclass
class VisitationPlanRow:
    team: object
    year: int
    quarter: int
    plan: object  # PlannedVisitation or None
    actual: int
    editable: bool

    @property
    def label(self) -> str:
        return measures.quarter_label(self.year, self.quarter)

    @property
    def share(self):
        return _pct(self.actual / self.plan.planned) if self.plan is not None and self.plan.planned else None


def visitation_rows(employee, today: dt.date, quarters_back: int = 4) -> dict:
    """Planned against actual visitations per team and quarter (the last `quarters_back` quarters up to this one,
    and any quarter with a plan), and per quarter for the viewer's whole unit. Counts only."""
    from .models import PlannedVisitation
    from .services import planned_visitation_refusal

    team_ids = viewer_team_ids(employee)
    plans = PlannedVisitation.objects.select_related("team")
    teams = Team.objects.order_by("name")
    if team_ids is not None:
        plans, teams = plans.filter(team_id__in=team_ids), teams.filter(pk__in=team_ids)
    plans = {(p.team_id, p.year, p.quarter): p for p in plans}
    year, quarter = measures.quarter_of(today)
    quarters = {(year, quarter)}
    for _i in range(quarters_back - 1):
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
        quarters.add((year, quarter))
    quarters |= {(y, q) for _t, y, q in plans}
    quarters = sorted(quarters, reverse=True)[:12]
    rows = []
    teams = list(teams)
    for y, q in quarters:
        start, end = measures.quarter_bounds(y, q)
        actual = dict(measures.visited_cases(team_ids, start, end).values("team_id").annotate(n=Count("pk"))
                      .values_list("team_id", "n").order_by())
        for team in teams:
            plan = plans.get((team.pk, y, q))
            if plan is None and not actual.get(team.pk):
                continue
            rows.append(VisitationPlanRow(team, y, q, plan, actual.get(team.pk, 0),
                                          plan is not None and employee.is_manager
                                          and planned_visitation_refusal(employee, team) is None))
    totals = measures.visitations_planned_actual(team_ids, quarters)
    return {"rows": rows, "totals": totals}


def screening_queryset(employee, today: dt.date, target_only: bool = False):
    last = Contact.objects.filter(case_id=OuterRef("pk")).order_by("-date").values("date")[:1]
    return (Case.objects.filter(case_scope_q(employee)).filter(measures.screening_q(today, target_only))
            .select_related("citizen", "team")
            .prefetch_related(Prefetch("staff", queryset=CaseStaff.objects.filter(is_primary=True)
                                       .select_related("employee"), to_attr="primary_links"))
            .annotate(last_contact=Subquery(last)).order_by("public_support_since", "pk"))


def screening_page(*, user, employee, target_only=False, page_number=None, path="", today=None):
    """One page of the screening list (cases the viewer may see), logged as a list."""
    today = today or timezone.localdate()
    cases = screening_queryset(employee, today, target_only)
    page = Paginator(cases, settings.JOBSPOR_PAGE_SIZE).get_page(page_number)
    rows = list(page.object_list)
    for case in rows:
        case.support_years = round((today - case.public_support_since).days / 365.25, 1)
    access_log_write(actor=user, action=Action.LIST, purpose=_("Screening til 'Flere skal med'"),
                     citizen_ids=[c.citizen_id for c in rows], case_ids=[c.pk for c in rows],
                     query=f"maalgruppe={int(target_only)}", path=path)
    page.object_list = rows
    return page, page.paginator.count
