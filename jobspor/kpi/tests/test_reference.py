"""The engine against the plain reference implementation (reference.py) on generated edge-case data: every
figure must agree, for several periods and every filter."""

import datetime as dt

import pytest

from jobspor.kpi import engine
from jobspor.kpi.engine import KpiQuery

from . import reference, scenario

PERIODS = [
    (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),   # a calendar year, Wednesday to Wednesday
    (dt.date(2025, 3, 3), dt.date(2025, 6, 1)),     # Monday to Sunday
    (dt.date(2025, 2, 4), dt.date(2025, 5, 5)),     # Tuesday to Monday: edge weeks half in
    (dt.date(2025, 4, 7), dt.date(2025, 4, 7)),     # a single Monday
    (dt.date(2025, 4, 8), dt.date(2025, 4, 13)),    # Tuesday to Sunday: no week in P
    (dt.date(2024, 9, 1), dt.date(2026, 3, 1)),     # the whole window
]
KEY_DATES = sorted({d for p in PERIODS for d in p})


def filters_for(data):
    teams, staff = data["teams"], data["staff"]
    return [
        {},
        {"fsm_group": 1},
        {"fsm_group": 2},
        {"target_group": 2},
        {"benefit": "a_dagpenge"},
        {"team_ids": (teams[0].pk,)},
        {"team_ids": (teams[1].pk, teams[2].pk)},
        {"primary_contact_id": staff[0].pk},
        {"sex": "K"},
        {"age_band": "under30"},
        {"age_band": "30-39"},
        {"age_band": "40-49"},
        {"age_band": "50-59"},
        {"age_band": "60plus"},
        {"fsm_group": 1, "sex": "M", "age_band": "30-39"},
    ]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_engine_agrees_with_the_reference_on_every_figure(db, seed):
    data = scenario.build(seed, key_dates=KEY_DATES)
    loaded = reference.load()
    checked = 0
    for start, end in PERIODS:
        for filters in filters_for(data):
            ref_filters = dict(filters)
            if "team_ids" in ref_filters:
                ref_filters["team_ids"] = set(ref_filters["team_ids"])
            expected = reference.compute(loaded, start, end, **ref_filters)
            got = engine.compute(KpiQuery(start=start, end=end, **filters))
            assert got == expected, (start, end, filters)
            checked += 1
    assert checked == len(PERIODS) * 15


def test_the_generated_data_really_holds_the_edge_cases(db):
    """Guard against a generator that drifts into easy data: the figures that matter are not all zero."""
    scenario.build(7, key_dates=KEY_DATES)
    loaded = reference.load()
    year = reference.compute(loaded, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    for key in engine.SHARE_KEYS:
        assert 0 < year[key]["numerator"] < year["population"], key
    assert 0 < year["relapse_26_weeks"]["numerator"] < year["relapse_26_weeks"]["denominator"]
    assert year["jobs_fill_rate"]["numerator"] > 0 and year["exits_by_reason"] and year["jobs_posted"]
    citizens = [c["citizen_id"] for c in loaded["cases"]]
    assert len(citizens) > len(set(citizens))  # several cases per citizen
    closed_before = [c for c in loaded["cases"] if c["closed"] and c["closed"] < dt.date(2025, 1, 1)]
    assert closed_before
    assert any(p["kind"] == "nytteindsats" for p in loaded["placements"])
    assert any(cv["created"] > dt.date(2025, 12, 31) for cv in loaded["cvs"])
    assert any(item["created"] > loaded_cv["created"] for item in loaded["items"]
               for loaded_cv in loaded["cvs"] if loaded_cv["id"] == item["cv_id"])  # entries after their CV


@pytest.mark.parametrize("start", [dt.date(2025, 3, 3), dt.date(2025, 3, 4)])
def test_hand_made_13_week_courses(db, start):
    """kpi.md v2: courses by placement periods; weeks before `from` count, a week of sickness does not break
    a course, a utility job (nytteindsats) is no company placement."""
    made = scenario.build_runs(start=start)
    end = start + dt.timedelta(days=200)
    query = KpiQuery(start=start, end=end)
    ids = set(engine.measure_cases("continuous_13_weeks", query).values_list("pk", flat=True))
    assert {name for name, case in made.items() if case.pk in ids} == {
        "exact", "starts_before", "same_company_two", "same_company_overlap", "sick_week", "midweek", "open_ended"}
    assert engine.compute(query) == reference.compute(reference.load(), start, end)


def test_weeks_after_to_do_not_count_and_an_open_ended_placement_runs_to_to(db):
    start = dt.date(2025, 3, 3)
    made = scenario.build_runs(start=start)
    # `to` on the Sunday of the 12th week from the first Monday in P: "exact" has 12 weeks by then,
    # "starts_before" (3 weeks before P) and "open_ended" (5 weeks before) have 13.
    short = KpiQuery(start=start, end=start + dt.timedelta(weeks=12) - dt.timedelta(days=1))
    ids = set(engine.measure_cases("continuous_13_weeks", short).values_list("pk", flat=True))
    assert {name for name, case in made.items() if case.pk in ids} == {"starts_before", "open_ended"}
    assert engine.compute(short) == reference.compute(reference.load(), short.start, short.end)
    # `to` on a Monday: that week counts (its Monday is not after `to`).
    monday_to = KpiQuery(start=start, end=start + dt.timedelta(weeks=12))
    ids = set(engine.measure_cases("continuous_13_weeks", monday_to).values_list("pk", flat=True))
    assert made["exact"].pk in ids
    assert engine.compute(monday_to) == reference.compute(reference.load(), monday_to.start, monday_to.end)


def test_share_is_null_for_an_empty_population(db):
    result = engine.compute(KpiQuery(start=dt.date(2025, 1, 1), end=dt.date(2025, 1, 31)))
    assert result["population"] == 0
    assert result["has_cv"] == {"numerator": 0, "denominator": 0, "share": None}
    assert result["jobs_fill_rate"]["share"] is None
    assert list(result) == list(engine.ALL_KEYS)


def test_a_period_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="slutter før"):
        KpiQuery(start=dt.date(2025, 2, 1), end=dt.date(2025, 1, 1))


@pytest.mark.parametrize("seed", [5, 6])
def test_exists_and_in_forms_of_every_measure_agree(db, seed):
    """The engine picks EXISTS per case for small populations and IN sets for large ones: same cases."""
    data = scenario.build(seed, key_dates=KEY_DATES)
    for start, end in PERIODS:
        for filters in filters_for(data)[:8]:
            query = KpiQuery(start=start, end=end, **filters)
            cases = engine.population(query)
            for key in engine.SHARE_KEYS:
                if key == "continuous_13_weeks":
                    continue
                as_set = set(cases.filter(engine.measure_q(key, query, False)).values_list("pk", flat=True))
                per_case = set(cases.filter(engine.measure_q(key, query, True)).values_list("pk", flat=True))
                assert as_set == per_case, (key, start, end, filters)
