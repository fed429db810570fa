"""core.instances.instance_new makes the same object as the model's constructor."""

import datetime as dt

import pytest

from jobspor.audit.models import Event
from jobspor.cases.models import Case, CaseStaff
from jobspor.citizens.models import Citizen, CitizenNameWord
from jobspor.contacts.models import Contact
from jobspor.core.instances import instance_new
from jobspor.cv.models import CvItem
from jobspor.placements.models import WeekHours
from jobspor.testing.factories import make_case

pytestmark = pytest.mark.django_db


def _state(obj) -> dict:
    values = {k: v for k, v in obj.__dict__.items() if k != "_state"}
    return {"values": values, "adding": obj._state.adding, "db": obj._state.db,
            "cache": dict(obj._state.fields_cache)}


def _same(model, clock_fields=(), **values):
    new, orm = instance_new(model, **values), model(**values)
    assert type(new) is model
    a, b = _state(new), _state(orm)
    for name in clock_fields:  # a callable default (timezone.now): taken a moment apart
        assert abs(a["values"].pop(name) - b["values"].pop(name)) < dt.timedelta(seconds=5)
    assert a == b
    return new


def test_instance_new_makes_what_the_constructor_makes(job_broker):
    case = make_case(primary=job_broker)
    _same(Event, clock_fields=("at",), user_id=None, actor="kommando (x)", verb="case_created",
          target_type="case", target_id=case.pk, target_ref="S1", citizen_id=case.citizen_id, case_id=case.pk,
          before=None, after={"a": [1]})
    staff = _same(CaseStaff, case=case, employee=job_broker, role="jobformidler", is_primary=True)
    assert staff.case_id == case.pk and staff.case is case
    unsaved = Case(citizen=case.citizen)  # an object saved later: its id is read when the row is written
    assert _same(CaseStaff, case=unsaved, employee_id=job_broker.pk, role="x").case is unsaved
    _same(Contact, external_id="K1", case=case, employee=job_broker, date=dt.date(2025, 3, 10), kind="x", note="")
    _same(Citizen, external_id="B1")
    _same(CitizenNameWord, citizen_id=case.citizen_id, word="jens")
    _same(WeekHours, placement_id=None, week=dt.date(2025, 3, 3))
    _same(CvItem, kind="task", text="pakke varer", key="pakke varer", position=1, created=dt.date(2025, 2, 1),
          created_by=None, updated_by=None)


def test_instance_new_refuses_what_the_constructor_refuses():
    with pytest.raises(TypeError):
        instance_new(Citizen, no_such_field=1)
    with pytest.raises(TypeError):
        Citizen(no_such_field=1)


def test_stamp_without_a_user_sets_what_the_descriptors_set(job_broker):
    """BaseModel.stamp(None) writes the ids and caches directly: the same as assigning None through the foreign
    keys' descriptors, on a new object and on a saved one."""
    case = make_case(primary=job_broker)
    fast = instance_new(CaseStaff, case=case, employee=job_broker, role="x")
    fast.stamp(None)
    slow = instance_new(CaseStaff, case=case, employee=job_broker, role="x")
    slow.created_by, slow.updated_by = None, None
    assert _state(fast) == _state(slow)
    saved_fast, saved_slow = Case.objects.get(pk=case.pk), Case.objects.get(pk=case.pk)
    saved_fast.stamp(None)
    saved_slow.updated_by = None
    assert _state(saved_fast) == _state(saved_slow)
