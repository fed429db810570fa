import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from jobspor.kpi import engine

from . import reference, scenario


def run(*args):
    out = io.StringIO()
    call_command("kpi", *args, stdout=out)
    return json.loads(out.getvalue())


def test_prints_every_measure_keyed_as_in_kpi_md(db):
    data = scenario.build(11, citizens=30)
    team = data["teams"][0]
    result = run("--from", "2025-01-01", "--to", "2025-06-30", "--fsm-group", "1", "--team", team.external_id,
                 "--format", "json")
    assert list(result) == ["population", "has_cv", "has_job_goal", "company_placement", "ordinary_hours",
                            "continuous_13_weeks", "signed_agreement", "exit_employment_or_education",
                            "clarified", "relapse_26_weeks", "exits_by_reason", "jobs_posted", "jobs_fill_rate",
                            "companies_with_ordinary_hours"]
    for key in engine.SHARE_KEYS + ("relapse_26_weeks", "jobs_fill_rate"):
        assert set(result[key]) == {"numerator", "denominator", "share"}
    expected = reference.compute(reference.load(), dt.date(2025, 1, 1), dt.date(2025, 6, 30), fsm_group=1,
                                 team_ids={team.pk})
    assert result == json.loads(json.dumps(expected))
    assert isinstance(result["population"], int) and isinstance(result["exits_by_reason"], dict)


def test_target_group_filter(db):
    scenario.build(12, citizens=30)
    result = run("--from", "2025-01-01", "--to", "2025-12-31", "--target-group", "2")
    assert result == json.loads(json.dumps(reference.compute(reference.load(), dt.date(2025, 1, 1),
                                                             dt.date(2025, 12, 31), target_group=2)))


@pytest.mark.parametrize("args, message", [
    (["--from", "2025-02-01", "--to", "2025-01-01"], "slutter før"),
    (["--from", "2025-02-30", "--to", "2025-03-01"], "Ugyldig dato"),
    (["--from", "2025-01-01", "--to", "2025-03-01", "--team", "NOPE"], "Ukendt team"),
])
def test_bad_input_gives_a_danish_message_never_a_number(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("kpi", *args, stdout=io.StringIO())
