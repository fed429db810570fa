"""The bounded search never indexes past its tables: a CV newer than every matched CV item (or with none) is a
candidate with bound 0, not an IndexError (seen when a second set of data was loaded in one process)."""

import pytest

from jobspor.matching import engine
from jobspor.testing.factories import make_case, make_cv


@pytest.mark.django_db
def test_a_cv_newer_than_every_matching_item_does_not_break_the_bounds(world, job_broker):
    engine._candidates_bounded(world["job"], top=5)  # builds the index over the CVs there are
    late = make_case(primary=job_broker, name="Eva Sen", postal_code="8700")
    make_cv(case=late, tasks=[], job_goals=[], driving_licence=["B"], hours_per_week=10)
    found = engine._candidates_bounded(world["job"], top=5)
    assert world["good"].pk in [c.case_id for c in found]
