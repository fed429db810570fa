"""The baseline (Kaplan–Meier by target group) and the back-tests of the team forecast page."""

import datetime as dt
import uuid

import numpy as np
import pytest
from django.urls import reverse
from django.utils import timezone

from jobspor.cases.models import Case
from jobspor.core.dbfunctions import DaysBetween, MonthStart
from jobspor.forecast import backtest, baseline
from jobspor.forecast.backtest import judge
from jobspor.forecast.models import Forecast
from jobspor.placements.models import Placement, WeekHours
from jobspor.testing.factories import make_case, make_company

TODAY = dt.date(2026, 11, 25)
CUTOFF = dt.date(2025, 11, 1)  # twelve months before November 2026


def close(case, on, reason):
    Case.objects.filter(pk=case.pk).update(closed=on, close_reason=reason)


def forecast(case, *, outcome, expected, recorded, risk="middel", current=True):
    return Forecast.objects.create(
        case=case, outcome=outcome, expected_date=expected, risk=risk, next_action="Ringe til Nordlager",
        action_due=recorded, recorded_at=timezone.make_aware(dt.datetime.combine(recorded, dt.time(10))),
        is_current=current)


# --- SQL date helpers, on both databases -------------------------------------------------------------------

@pytest.mark.django_db
def test_days_between_and_month_start_in_sql(job_broker):
    make_case(primary=job_broker, opened=dt.date(2024, 2, 28))
    row = Case.objects.annotate(days=DaysBetween(dt.date(2024, 3, 1), "opened"),
                                back=DaysBetween("opened", dt.date(2024, 3, 1)),
                                month=MonthStart("opened")).values("days", "back", "month").get()
    assert row == {"days": 2, "back": -2, "month": dt.date(2024, 2, 1)}  # 2024 is a leap year


# --- Kaplan–Meier -----------------------------------------------------------------------------------------

def test_kaplan_meier_curve_matches_the_hand_computed_one():
    # Five cases: exits at day 10 and 30, one censored (moved) at day 20, two still open at day 40.
    history = baseline.History(groups=np.array([1, 1, 1, 1]), durations=np.array([10.0, 20.0, 30.0, 40.0]),
                               exited=np.array([True, False, True, False]), weights=np.array([1.0, 1, 1, 2]))
    curve = baseline.fit_curves(history)[baseline.ALL_GROUPS]
    # S(10) = 4/5; at 20 one leaves the risk set without an exit; S(30) = 4/5 * (1 - 1/3).
    assert curve.at(np.array([5.0, 10, 25, 30, 100])) == pytest.approx([1.0, 0.8, 0.8, 0.8 * 2 / 3, 0.8 * 2 / 3])
    assert curve.cases == 5
    assert 1 not in baseline.fit_curves(history)  # a group with fewer than MIN_CASES borrows the overall curve


def test_expected_exits_are_conditional_on_how_long_the_case_has_been_open():
    curve = baseline.Curve(timeline=np.array([0.0, 30, 50]), survival=np.array([1.0, 0.5, 0.25]), cases=100)
    on = dt.date(2026, 1, 1)
    months = [dt.date(2026, 1, 1), dt.date(2026, 2, 1)]
    # A new case: half leave within the first 30 days (January), half of the rest at day 50 (February: days 31–58).
    assert baseline.expected_exits({0: curve}, [(0, 0, 4)], on, months, dt.date(2026, 3, 1)) == \
        pytest.approx([2.0, 1.0])
    # A case open 30 days already: S=0.5 now, 0.25 from day 50 (in January), so half of it leaves in January.
    assert baseline.expected_exits({0: curve}, [(2, 30, 1)], on, months, dt.date(2026, 3, 1)) == \
        pytest.approx([0.5, 0.0])


@pytest.mark.django_db
def test_history_censors_at_the_cutoff_and_at_non_exit_closings(job_broker):
    a = make_case(primary=job_broker, name="Exit Før", opened=dt.date(2025, 1, 1), target_group=1)
    close(a, dt.date(2025, 3, 2), "ordinaer_beskaeftigelse")  # an exit known at the cut-off: 60 days
    b = make_case(primary=job_broker, name="Flyttet", opened=dt.date(2025, 1, 1), target_group=1)
    close(b, dt.date(2025, 2, 1), "flyttet")  # censored after 31 days
    c = make_case(primary=job_broker, name="Exit Efter", opened=dt.date(2025, 10, 2), target_group=2)
    close(c, dt.date(2026, 1, 5), "fleksjob")  # still open at the cut-off: censored at 30 days
    make_case(primary=job_broker, name="Ny Sag", opened=dt.date(2025, 12, 1))  # not yet opened
    history = baseline.history_as_of(CUTOFF)
    rows = sorted(zip(history.groups.tolist(), history.durations.tolist(), history.exited.tolist(),
                      history.weights.tolist(), strict=True))
    assert rows == [(1, 31.0, False, 1.0), (1, 60.0, True, 1.0), (2, 30.0, False, 1.0)]
    assert baseline.open_on(Case.objects.all(), CUTOFF) == [(2, 30, 1)]


# --- judging one forecast ---------------------------------------------------------------------------------

EXPECTED = dt.date(2026, 3, 1)
RECORDED = dt.date(2025, 12, 1)


@pytest.mark.parametrize("outcome,closed,reason,hours,today,verdict", [
    ("job", dt.date(2026, 3, 20), "ordinaer_beskaeftigelse", None, TODAY, (True, True, True)),
    ("job", dt.date(2026, 5, 20), "ordinaer_beskaeftigelse", None, TODAY, (True, True, False)),  # late
    ("job", dt.date(2026, 8, 1), "ordinaer_beskaeftigelse", None, TODAY, (True, False, False)),  # too late
    ("job", dt.date(2026, 3, 1), "fleksjob", None, TODAY, (True, False, False)),  # another outcome
    ("job", None, "", None, TODAY, (True, False, False)),  # time has come, nothing happened
    ("job", None, "", None, dt.date(2026, 4, 1), (False, False, False)),  # not yet judged
    ("timer", None, "", dt.date(2026, 2, 23), TODAY, (True, True, True)),
    ("timer", None, "", None, dt.date(2026, 4, 1), (False, False, False)),
    ("ingen_aendring", None, "", None, TODAY, (True, True, True)),
    ("ingen_aendring", dt.date(2026, 1, 10), "ordinaer_beskaeftigelse", None, TODAY, (True, False, False)),
    ("ingen_aendring", dt.date(2026, 1, 10), "flyttet", None, TODAY, (True, True, True)),
    ("fleksjob", dt.date(2025, 11, 1), "fleksjob", None, TODAY, (False, False, False)),  # closed before recorded
])
def test_judge(outcome, closed, reason, hours, today, verdict):
    assert judge(outcome=outcome, expected=EXPECTED, recorded=RECORDED, closed=closed, reason=reason,
                 first_hours_week=hours, today=today) == verdict


# --- the back-tests on a small history --------------------------------------------------------------------

@pytest.fixture
def history(job_broker):
    """Forty closed cases to learn from, and three cases open at the cut-off with forecasts."""
    for i in range(40):
        old = make_case(primary=job_broker, name=f"Gammel Sag {i}", opened=dt.date(2024, 1, 1), target_group=1)
        close(old, dt.date(2024, 1, 1) + dt.timedelta(days=30 + 10 * i),
              "ordinaer_beskaeftigelse" if i % 2 else "flyttet")
    hit = make_case(primary=job_broker, name="Ramt Sag", opened=dt.date(2025, 9, 1), target_group=1)
    close(hit, dt.date(2026, 1, 20), "ordinaer_beskaeftigelse")
    old_guess = forecast(hit, outcome="fleksjob", expected=dt.date(2025, 12, 10), recorded=dt.date(2025, 9, 15),
                         current=False)
    forecast(hit, outcome="job", expected=dt.date(2026, 1, 10), recorded=dt.date(2025, 10, 15))
    miss = make_case(primary=job_broker, name="Forkert Sag", opened=dt.date(2025, 8, 1), target_group=1)
    forecast(miss, outcome="uddannelse", expected=dt.date(2026, 2, 1), recorded=dt.date(2025, 10, 1), risk="hoej")
    hours = make_case(primary=job_broker, name="Timer Sag", opened=dt.date(2025, 6, 1), target_group=2)
    forecast(hours, outcome="timer", expected=dt.date(2026, 3, 2), recorded=dt.date(2026, 1, 5), risk="lav")
    company = make_company()
    placement = Placement.objects.create(external_id=str(uuid.uuid4()), case=hours, company=company,
                                         kind="virksomhedspraktik", start=dt.date(2026, 1, 5))
    WeekHours.objects.create(placement=placement, week=dt.date(2026, 1, 5), internship_hours=10)
    WeekHours.objects.create(placement=placement, week=dt.date(2026, 3, 9), ordinary_hours=3)
    return {"hit": hit, "miss": miss, "hours": hours, "old_guess": old_guess}


@pytest.mark.django_db
def test_months_backtest_compares_what_happened_with_what_was_expected(job_broker, history):
    result = backtest.months_backtest(employee=job_broker, today=TODAY)
    assert result.cutoff == CUTOFF and len(result.rows) == 12
    rows = {r.month: r for r in result.rows}
    assert result.open_cases == 3 and result.forecast_cases == 2  # the hours forecast came after the cut-off
    assert rows[dt.date(2026, 1, 1)].actual_all == 1 and rows[dt.date(2026, 1, 1)].actual_forecast == 1
    # The forecast current at the cut-off expected January; the older flex-job guess is not counted.
    assert rows[dt.date(2026, 1, 1)].forecast == 1 and rows[dt.date(2026, 2, 1)].forecast == 1
    assert rows[dt.date(2025, 12, 1)].forecast == 0
    assert result.totals.actual_all == 1 and result.totals.forecast == 2
    assert result.baseline_cases == 43 and result.totals.baseline_all > 0
    assert result.errors["forecast"] == pytest.approx(1 / 12)


@pytest.mark.django_db
def test_forecast_accuracy_by_outcome_and_risk(job_broker, history):
    accuracy = backtest.forecast_accuracy(employee=job_broker, today=TODAY)
    outcomes = {r.key: (r.evaluated, r.happened, r.on_time) for r in accuracy.by_outcome}
    assert outcomes["job"] == (1, 1, 1)  # closed 10 days after the expected date
    assert outcomes["uddannelse"] == (1, 0, 0)
    assert outcomes["timer"] == (1, 1, 1)  # ordinary hours the week of 9 March, expected 2 March
    assert outcomes["fleksjob"] == (1, 0, 0)  # the superseded guess is judged too: the case went to a job
    assert (accuracy.total.evaluated, accuracy.total.happened) == (4, 2)
    risks = {r.key: (r.evaluated, r.happened) for r in accuracy.by_risk}
    assert risks == {"lav": (1, 1), "middel": (2, 1), "hoej": (1, 0)}


@pytest.mark.django_db
def test_team_page_shows_baseline_and_links_to_the_look_back(client, job_broker, history):
    client.force_login(job_broker.user)
    open_case = make_case(primary=job_broker, name="Aaben Sag", opened=dt.date(2026, 6, 1), target_group=1)
    forecast(open_case, outcome="job", expected=timezone.localdate() + dt.timedelta(days=40),
             recorded=timezone.localdate())
    response = client.get(reverse("forecast:team"), {"benefit": ""})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Prognoserne mod en baseline fra historikken" in body
    assert response.context["baseline_forecast_cases"] == 3  # the two open cases of the history, and this one
    assert response.context["baseline_totals"].baseline_all > 0
    assert "Ramt Sag" not in body  # counts only
    assert "<title>Prognoser for teamet – Jobspor</title>" in body
    # The look back is a page of its own, with the same filters.
    assert f'href="{reverse("forecast:team_accuracy")}?benefit="' in body
    response = client.get(reverse("forecast:team_accuracy"), {"benefit": ""})
    body = response.content.decode()
    assert response.status_code == 200
    for text in ("Hvor godt har prognoserne ramt?", "Sager med prognose", "Udfaldet indtraf", "Høj"):
        assert text in body
    assert "Ramt Sag" not in body
    assert "<title>Prognosernes træfsikkerhed – Jobspor</title>" in body
    assert f'href="{reverse("forecast:team")}?benefit="' in body


def test_the_cached_baseline_follows_a_case_closed_since(job_broker, history):
    """The curves are cached (they are the same for every viewer), but a case closed since gives new ones."""
    today = timezone.localdate()
    before, learned = baseline.curves_as_of(today)
    again, learned_again = baseline.curves_as_of(today)  # unchanged: the same fit
    assert learned_again == learned and {g: list(c.survival) for g, c in again.items()} == {
        g: list(c.survival) for g, c in before.items()}
    closing = make_case(primary=job_broker, name="Ny Afgang", opened=today - dt.timedelta(days=300), target_group=1)
    close(closing, today - dt.timedelta(days=3), "ordinaer_beskaeftigelse")
    after, learned_after = baseline.curves_as_of(today)
    assert learned_after == learned + 1
    expected = baseline.fit_curves(baseline.history_as_of(today))
    assert after.keys() == expected.keys()
    for group, curve in after.items():
        assert list(curve.survival) == list(expected[group].survival)


@pytest.mark.django_db
def test_demo_gives_closed_cases_a_last_forecast_to_judge(job_broker):
    import random

    from jobspor.forecast.demo import demo_extend

    today = timezone.localdate()
    for i in range(30):
        case = make_case(primary=job_broker, name=f"Lukket {i}", opened=today - dt.timedelta(days=400))
        close(case, today - dt.timedelta(days=20 + i), "ordinaer_beskaeftigelse")
    demo_extend(rng=random.Random(3), today=today, fake=None, say=lambda *_: None)
    judged = Forecast.objects.filter(case__closed__isnull=False)
    assert 10 <= judged.count() <= 30
    assert all(f.action_done and f.recorded_at.date() < f.case.closed for f in judged.select_related("case"))
    assert backtest.forecast_accuracy(employee=job_broker, today=today).total.evaluated == judged.count()
