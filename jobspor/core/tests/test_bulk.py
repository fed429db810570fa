"""core.bulk.rows_insert stores what bulk_create would (on SQLite and PostgreSQL alike)."""

import datetime as dt

import pytest
from django.utils import timezone

from jobspor.assessments.models import Assessment
from jobspor.core.bulk import rows_insert
from jobspor.forecast.models import Forecast
from jobspor.testing.factories import make_case

pytestmark = pytest.mark.django_db

STAMPS = {"id", "created_at", "updated_at"}


def _values(model, pk):
    return {k: v for k, v in model.objects.filter(pk=pk).values().get().items() if k not in STAMPS}


def test_rows_insert_stores_what_bulk_create_stores(job_broker):
    case = make_case(primary=job_broker)
    at = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 30))
    fields = dict(case_id=case.pk, outcome="job", expected_date=dt.date(2026, 5, 1), risk="low",
                  next_action="Ring til Nordlager", action_due=dt.date(2026, 3, 9), action_done=True,
                  recorded_by_id=job_broker.pk, recorded_at=at, is_current=False)
    orm = Forecast.objects.bulk_create([Forecast(**fields)])[0]
    before = timezone.now()
    assert rows_insert(Forecast, list(fields), [tuple(fields.values())]) == 1
    raw = Forecast.objects.exclude(pk=orm.pk).get()
    assert _values(Forecast, raw.pk) == _values(Forecast, orm.pk)
    assert raw.created_at >= before - dt.timedelta(seconds=1) and raw.updated_at == raw.created_at
    assert raw.created_by_id is None and raw.recorded_at == at

    # JSON both given (a dict) and left out (default=list); text left out ("" as the ORM gives it).
    answers = {"health": 2, "hours_now": 8, "education_wish": False}
    orm = Assessment.objects.create(case=case, assessed_at=at, answers=answers, suggested_group=2, chosen_group=2)
    rows_insert(Assessment, ["case", "assessed_at", "answers", "suggested_group", "chosen_group"],
                [(case.pk, at, answers, 2, 2)])
    raw = Assessment.objects.exclude(pk=orm.pk).get()
    assert _values(Assessment, raw.pk) == _values(Assessment, orm.pk)
    assert raw.answers == answers and raw.suggestion_reasons == [] and raw.note == ""


def test_rows_insert_refuses_to_leave_out_a_required_column(job_broker):
    case = make_case(primary=job_broker)
    with pytest.raises(ValueError, match="Forecast.expected_date"):  # a text column would get "" as in the ORM
        rows_insert(Forecast, ["case"], [(case.pk,)])
    assert rows_insert(Forecast, ["case"], []) == 0


def test_objects_insert_stores_what_bulk_create_stores_and_sets_the_ids(job_broker):
    from jobspor.core.bulk import objects_insert

    case = make_case(primary=job_broker)
    at = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 30))

    def forecasts():
        return [Forecast(case=case, outcome="job", expected_date=dt.date(2026, 5, n), risk="low",
                         next_action=f"Ring {n}", action_due=dt.date(2026, 3, 9), recorded_by_id=job_broker.pk,
                         recorded_at=at, is_current=False) for n in (1, 2, 3)]

    orm = Forecast.objects.bulk_create(forecasts())
    raw = objects_insert(forecasts())
    assert all(f.pk and not f._state.adding for f in raw)
    assert len({f.pk for f in raw} | {f.pk for f in orm}) == 6
    for a, b in zip(orm, raw, strict=True):
        assert _values(Forecast, b.pk) == _values(Forecast, a.pk)
        assert Forecast.objects.get(pk=b.pk).next_action == b.next_action  # ids in the order of the objects
        assert b.created_at is not None
