"""Compare a group's results with a comparison group the leader defines (C12): another team, the rest of the
jobcentre with the same filters (e.g. the same target group outside the JobFirst teams), or the same period a
year earlier. The figures are the KPI engine's own (spec/kpi.md), counts only, no citizen data."""

from dataclasses import dataclass

from jobspor.kpi import engine
from jobspor.kpi.engine import KpiQuery
from jobspor.organisation.models import Team

from .stats import Difference, difference

MEASURES = ("company_placement", "ordinary_hours", "continuous_13_weeks", "signed_agreement",
            "exit_employment_or_education")


@dataclass
class Row:
    key: str
    k1: int
    n1: int
    k2: int
    n2: int
    result: Difference

    # In per cent and percentage points, as the page shows them.
    @property
    def pct1(self):
        return 100 * self.result.p1

    @property
    def pct2(self):
        return 100 * self.result.p2

    @property
    def diff_pp(self):
        return 100 * self.result.diff

    @property
    def low_pp(self):
        return 100 * self.result.low

    @property
    def high_pp(self):
        return 100 * self.result.high


def shares(query: KpiQuery) -> dict[str, tuple[int, int]]:
    """(numerator, population) for each compared measure: the engine's share measures, one aggregate query."""
    from django.db.models import Count

    cases = engine.population(query)
    correlated = engine.is_small(query)
    counts = cases.aggregate(population=Count("pk"), **{
        key: Count("pk", filter=engine.measure_q(key, query, correlated=correlated))
        for key in MEASURES if key != "continuous_13_weeks"})
    n = counts["population"]
    out = {key: (counts[key], n) for key in MEASURES if key != "continuous_13_weeks"}
    out["continuous_13_weeks"] = (engine.continuous_13_weeks_count(query, cases), n)
    return {key: out[key] for key in MEASURES}


def groups(*, start, end, team, kind, other_team=None, target_group=None, fsm_group=None):
    """The two KpiQuery objects: the group and its comparison group."""
    common = {"target_group": target_group, "fsm_group": fsm_group}
    mine = KpiQuery(start=start, end=end, team_ids=(team.pk,) if team else None, **common)
    if kind == "team":
        other = KpiQuery(start=start, end=end, team_ids=(other_team.pk,), **common)
    elif kind == "rest":
        rest = tuple(Team.objects.exclude(pk=team.pk).values_list("pk", flat=True))
        other = KpiQuery(start=start, end=end, team_ids=rest, **common)
    else:  # the same period a year earlier
        other = KpiQuery(start=engine.years_before(start, 1), end=engine.years_before(end, 1),
                         team_ids=mine.team_ids, **common)
    return mine, other


def compare(mine: KpiQuery, other: KpiQuery) -> tuple[list[Row], int, int]:
    a, b = shares(mine), shares(other)
    n1, n2 = a[MEASURES[0]][1], b[MEASURES[0]][1]
    if not n1 or not n2:
        return [], n1, n2
    rows = [Row(key, a[key][0], n1, b[key][0], n2, difference(a[key][0], n1, b[key][0], n2)) for key in MEASURES]
    return rows, n1, n2
