"""Demo forecasts: about 60 % of the active cases get a current forecast (a few with one older version as
history), recorded by the case's primary contact, with plausible outcomes by target group: group 1 mostly
ordinary jobs and hours, group 3 (uddannelsesparate unge) mostly education, group 2 (udsatte) spread over
hours, flex jobs, ressourceforløb and førtidspension. Caseworkers differ a little (a personal tilt), so the
team page shows variation. Written in bulk (see jobspor.demo.generator.demo_extensions); the rules of
forecast.services hold for the current rows: expected date today or later, every action has a due date."""

import datetime as dt
import random

from django.utils import timezone

from jobspor.cases.models import Case, CaseStaff
from jobspor.core.bulk import rows_insert

from .choices import Outcome, Risk
from .models import Forecast

SHARE = 0.60
HISTORY_SHARE = 0.25

WEIGHTS = {  # target group → outcome → weight
    1: {Outcome.JOB: 45, Outcome.HOURS: 25, Outcome.EDUCATION: 10, Outcome.FLEX: 5, Outcome.NO_CHANGE: 15},
    2: {Outcome.JOB: 5, Outcome.HOURS: 25, Outcome.EDUCATION: 5, Outcome.FLEX: 20, Outcome.REHAB: 20,
        Outcome.PENSION: 8, Outcome.NO_CHANGE: 17},
    3: {Outcome.JOB: 15, Outcome.HOURS: 15, Outcome.EDUCATION: 55, Outcome.NO_CHANGE: 15},
}
HORIZON_DAYS = {Outcome.JOB: (30, 240), Outcome.HOURS: (14, 150), Outcome.EDUCATION: (30, 300),
                Outcome.FLEX: (90, 420), Outcome.REHAB: (60, 360), Outcome.PENSION: (180, 540),
                Outcome.NO_CHANGE: (90, 365)}
ACTIONS = {
    Outcome.JOB: ["Sende CV til {company}", "Aftale jobsamtale hos {company}", "Følge op på ansøgningen hos {company}"],
    Outcome.HOURS: ["Ringe til {company} om ordinære timer", "Aftale 2 ordinære timer om ugen hos {company}",
                    "Finde et småjob sammen med borgeren på Jobnet"],
    Outcome.EDUCATION: ["Booke vejledning på erhvervsskolen", "Hjælpe med ansøgningen til grundforløbet",
                        "Aftale brobygning med VUC"],
    Outcome.FLEX: ["Indhente lægeattest til rehabiliteringsteamet", "Beskrive skånehensyn med {company}",
                   "Forberede sagen til rehabiliteringsteamet"],
    Outcome.REHAB: ["Samle dokumentation til rehabiliteringsteamet", "Aftale møde med mentor og borger",
                    "Følge op med egen læge"],
    Outcome.PENSION: ["Indhente speciallægeerklæring", "Forelægge sagen for rehabiliteringsteamet"],
    Outcome.NO_CHANGE: ["Holde opfølgningssamtale", "Afklare borgerens helbred med egen læge",
                        "Tale om virksomhedspraktik ved næste samtale"],
}
COMPANIES = ["Nordlager", "Bygma Horsens", "Netto Egebjergvej", "Danish Crown", "Plantorama", "Bilka Horsens",
             "Vitfoss", "Brdr. Dahl", "Lillebo Plejecenter"]
COLUMNS = ["case", "outcome", "expected_date", "risk", "next_action", "action_due", "action_done", "recorded_by",
           "recorded_at", "is_current"]  # the rows' tuples (written with jobspor.core.bulk.rows_insert)
RISKS = [Risk.LOW] * 3 + [Risk.MEDIUM] * 4 + [Risk.HIGH] * 2


def demo_extend(*, rng, today, fake, say):
    # An own generator seeded from the shared one without drawing from it: the other apps' demo data stays the same.
    # Seeded from the state's integers only: the state ends in gauss_next, None here, and hash(None) differs from
    # process to process before Python 3.12 (so the same --seed gave different forecasts).
    rng = random.Random(hash(rng.getstate()[1]))
    cases = list(Case.objects.filter(closed__isnull=True).values_list("pk", "target_group", "opened").order_by("pk"))
    primary = dict(CaseStaff.objects.filter(is_primary=True).values_list("case_id", "employee_id"))
    now = timezone.now()
    tilts = {}  # employee → the outcome they lean towards
    outcomes_all = list(Outcome)
    rows = []
    for case_id, group, opened in cases:
        if rng.random() >= SHARE:
            continue
        employee_id = primary.get(case_id)
        weights = dict(WEIGHTS.get(group, WEIGHTS[1]))
        if employee_id is not None:
            tilt = tilts.setdefault(employee_id, rng.choice(outcomes_all))
            if tilt in weights:
                weights[tilt] *= 1.6
        versions = 2 if rng.random() < HISTORY_SHARE else 1
        for version in range(versions):
            current = version == versions - 1
            outcome = rng.choices(list(weights), weights=list(weights.values()))[0]
            low, high = HORIZON_DAYS[outcome]
            recorded_days_ago = rng.randint(0, 40) if current else rng.randint(60, 450)
            recorded_days_ago = min(recorded_days_ago, max((today - opened).days, 0))
            expected = today + dt.timedelta(days=rng.randint(low, high) - (0 if current else recorded_days_ago))
            action_due = today + dt.timedelta(days=rng.randint(-10, 30) - (0 if current else recorded_days_ago))
            rows.append((  # COLUMNS, drawn in the order they were when this was a Forecast(...)
                case_id, outcome, expected, rng.choice(RISKS),
                rng.choice(ACTIONS[outcome]).format(company=rng.choice(COMPANIES)),
                action_due, (not current) or rng.random() < 0.15,
                employee_id, now - dt.timedelta(days=recorded_days_ago), current))
    rows += _closed_case_forecasts(rng, today, primary, tilts)
    rows_insert(Forecast, COLUMNS, rows)
    current_count = sum(1 for *_r, is_current in rows if is_current)
    say(f"  prognoser: {current_count} gældende/sidste, {len(rows) - current_count} tidligere")
    return [(len(rows), "prognose", "prognoser")]


CLOSED_SHARE = 0.6
CLOSED_WITHIN_DAYS = 540
RIGHT_OUTCOME = {Risk.LOW: 0.75, Risk.MEDIUM: 0.55, Risk.HIGH: 0.35}  # how often the forecast named what happened


def _closed_case_forecasts(rng, today, primary, tilts):
    """The last forecast of cases closed in the last 18 months, recorded 1–9 months before closing: the history
    the team page's back-test judges. Low-risk forecasts name the outcome that happened more often than
    high-risk ones, and the expected date lands near the closing date, give or take."""
    now = timezone.now()
    reason_outcome = {"ordinaer_beskaeftigelse": Outcome.JOB, "ordinaer_uddannelse": Outcome.EDUCATION,
                      "fleksjob": Outcome.FLEX, "ressourceforloeb": Outcome.REHAB,
                      "foertidspension": Outcome.PENSION}
    closed = (Case.objects.filter(closed__gte=today - dt.timedelta(days=CLOSED_WITHIN_DAYS))
              .values_list("pk", "target_group", "opened", "closed", "close_reason").order_by("pk"))
    rows = []
    for case_id, group, opened, closed_on, reason in closed:
        if rng.random() >= CLOSED_SHARE or (closed_on - opened).days < 45:
            continue
        recorded = closed_on - dt.timedelta(days=rng.randint(30, min(270, (closed_on - opened).days)))
        risk = rng.choice(RISKS)
        weights = dict(WEIGHTS.get(group, WEIGHTS[1]))
        employee_id = primary.get(case_id)
        if employee_id in tilts and tilts[employee_id] in weights:
            weights[tilts[employee_id]] *= 1.6
        if reason in reason_outcome and rng.random() < RIGHT_OUTCOME[risk]:
            outcome = reason_outcome[reason]
            expected = closed_on + dt.timedelta(days=round(rng.gauss(0, 40)))
        else:
            outcome = rng.choices(list(weights), weights=list(weights.values()))[0]
            low, high = HORIZON_DAYS[outcome]
            expected = recorded + dt.timedelta(days=rng.randint(low, high))
        expected = max(expected, recorded)
        rows.append((
            case_id, outcome, expected, risk, rng.choice(ACTIONS[outcome]).format(company=rng.choice(COMPANIES)),
            recorded + dt.timedelta(days=rng.randint(7, 30)), True, employee_id,
            now - dt.timedelta(days=(today - recorded).days), True))
    return rows
