"""Facts are never in the future, dates are plausible, numbers fit the database (issue 10, points 5 and 6a)."""

import datetime as dt
import importlib
import inspect

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from jobspor.cases.models import Case
from jobspor.cases.services import case_create, case_update
from jobspor.core.forms import BoundedFields, Form
from jobspor.core.validators import EARLIEST, EARLIEST_RECORD, LATEST
from jobspor.core.weeks import week_label
from jobspor.interchange.errors import ImportRejected
from jobspor.interchange.importer import import_lines
from jobspor.placements import services as placements
from jobspor.testing.factories import make_case, make_company, next_cpr

TODAY = timezone.localdate()
TOMORROW = TODAY + dt.timedelta(days=1)


def _forms_modules():
    for config in apps.get_app_configs():
        if not config.name.startswith("jobspor."):
            continue
        for module in ("forms", "admin"):
            try:
                yield importlib.import_module(f"{config.name}.{module}")
            except ModuleNotFoundError:
                continue


def test_every_form_of_jobspor_is_bounded():
    """A new form gets the bounds by deriving from jobspor.core.forms.Form/ModelForm (the import's RecordForm reads
    JSON with fields of its own)."""
    unbounded = []
    for module in _forms_modules():
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if (issubclass(cls, forms.BaseForm) and cls.__module__.startswith("jobspor.")
                    and not cls.__module__.startswith("jobspor.interchange") and not issubclass(cls, BoundedFields)):
                unbounded.append(f"{cls.__module__}.{name}")
    assert not unbounded


class _Numbers(Form):
    count = forms.IntegerField(required=False)
    hours = forms.DecimalField(required=False, max_digits=4, decimal_places=1)
    day = forms.DateField(required=False)


@pytest.mark.parametrize("data, field, message", [
    ({"count": "99999999999999999999"}, "count", "Tallet er for stort."),
    ({"count": "-99999999999999999999"}, "count", "Tallet er for lille."),
    ({"count": "2147483648"}, "count", "Tallet er for stort."),
    ({"hours": "1e400"}, "hours", None),
    ({"day": "0001-01-01"}, "day", "Datoen kan ikke ligge før 1. januar 1900."),
    ({"day": "9999-12-31"}, "day", "Datoen kan ikke ligge efter 31. december 2100."),
])
def test_numbers_and_dates_beyond_the_bounds_are_field_errors(data, field, message):
    form = _Numbers(data)
    assert not form.is_valid()
    assert field in form.errors
    if message:
        assert form.errors[field] == [message]


def test_values_within_the_bounds_pass():
    form = _Numbers({"count": "2147483647", "hours": "7.5", "day": EARLIEST.isoformat()})
    assert form.is_valid(), form.errors


def test_bounds_are_documented_constants():
    assert (EARLIEST, EARLIEST_RECORD, LATEST) == (dt.date(1900, 1, 1), dt.date(1990, 1, 1), dt.date(2100, 12, 31))


# --- weeks ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("day, shown", [
    (dt.date(2026, 12, 7), "uge 50 (2026)"),
    (dt.date(2026, 12, 31), "uge 53 (2026)"),
    (dt.date(2027, 1, 1), "uge 53 (2026)"),  # the ISO year of the week, not of the day
    (dt.date(2025, 12, 29), "uge 1 (2026)"),
])
def test_week_label(day, shown):
    assert week_label(day) == shown


def test_week_filter_reads_dates_and_iso_weeks():
    template = Template("{% load jobspor %}{{ a|week }}|{{ b|week }}|{{ c|week }}|{{ d|week }}")
    shown = template.render(Context({"a": dt.date(2026, 12, 7), "b": "2026-W50", "c": "noget", "d": None}))
    assert shown == "uge 50 (2026)|uge 50 (2026)|noget|"


def test_dates_are_danish_by_default():
    assert Template("{{ d }}").render(Context({"d": dt.date(2026, 12, 6)})) == "6. december 2026"


# --- facts in the future ----------------------------------------------------------------------------------------

@pytest.fixture
def logged_in(client, job_broker):
    client.force_login(job_broker.user)
    return client


def _create_body(**changes):
    return {"cpr": next_cpr("020288"), "name": "Søs Ålund", "postal_code": "8000", "benefit": "a_dagpenge",
            "opened": TODAY.isoformat(), "primary_role": "jobformidler", **changes}


@pytest.mark.django_db
@pytest.mark.parametrize("field, value, message", [
    ("opened", "2031-01-10", "Datoen ligger efter i dag"),
    ("opened", "0001-01-01", "Datoen kan ikke ligge før 1. januar 1990."),
    ("public_support_since", TOMORROW.isoformat(), "Datoen ligger efter i dag"),
    ("public_support_since", "1899-12-31", "Datoen kan ikke ligge før 1. januar 1900."),
])
def test_case_form_refuses_a_fact_in_the_future_or_before_the_bound(logged_in, field, value, message):
    before = Case.objects.count()
    response = logged_in.post(reverse("cases:create"), _create_body(**{field: value}))
    assert response.status_code < 500
    assert message in response.context["form"].errors[field][0]
    assert Case.objects.count() == before


@pytest.mark.django_db
def test_case_created_today_is_accepted(logged_in):
    response = logged_in.post(reverse("cases:create"), _create_body())
    assert response.status_code == 302


@pytest.mark.django_db
def test_case_edit_refuses_opened_in_the_future(logged_in, job_broker):
    case = make_case(primary=job_broker)
    response = logged_in.post(reverse("cases:edit", args=[case.pk]), {
        "benefit": case.benefit, "opened": "2031-01-10", "public_support_since": "", "closed": "", "close_reason": ""})
    assert response.status_code == 400
    assert "Datoen ligger efter i dag" in response.context["form"].errors["opened"][0]
    case.refresh_from_db()
    assert case.opened == dt.date(2025, 1, 10)


@pytest.mark.django_db
def test_case_services_refuse_a_future_opening(job_broker):
    case = make_case(primary=job_broker)
    with pytest.raises(ValidationError) as caught:
        case_update(actor=None, case=case, opened=dt.date(2031, 1, 10))
    assert "opened" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        case_create(actor=None, citizen=case.citizen, benefit="a_dagpenge", opened=dt.date(1, 1, 1),
                    primary_employee=job_broker)
    assert "opened" in caught.value.message_dict


@pytest.mark.django_db
def test_hours_for_a_week_that_has_not_begun_are_refused_but_the_current_week_is_not(job_broker):
    from jobspor.companies.services import contact_save

    case = make_case(primary=job_broker, opened=dt.date(2025, 1, 10))
    company = make_company()
    person = contact_save(actor=None, company=company, name="Mette Lund")
    placement = placements.placement_create(
        actor=None, case=case, company=company, contact=person, kind="virksomhedspraktik", purpose=1,
        start=dt.date(2025, 3, 3), agreement={"goal": "Timer", "tasks": ["pakke varer"], "hours_per_week": 10,
                                              "conversion": "Når mestret", "follow_up_weeks": 2,
                                              "start": dt.date(2025, 3, 3)})
    this_monday = TODAY - dt.timedelta(days=TODAY.weekday())
    next_monday = this_monday + dt.timedelta(days=7)
    with pytest.raises(ValidationError) as caught:
        placements.hours_save(actor=None, placement=placement,
                              weeks=[{"week": next_monday, "internship_hours": 10, "ordinary_hours": 0}])
    message = " ".join(caught.value.messages)
    assert week_label(next_monday).capitalize() in message and "ikke begyndt" in message
    placements.hours_save(actor=None, placement=placement,
                          weeks=[{"week": this_monday, "internship_hours": 10, "ordinary_hours": 0},
                                 {"week": next_monday, "internship_hours": None, "ordinary_hours": None}])
    assert placement.hours.count() == 1


# --- import -----------------------------------------------------------------------------------------------------

BASE = [
    {"type": "team", "id": "T1", "name": "Team Nord"},
    {"type": "employee", "id": "E1", "name": "Anne Holm", "roles": ["jobformidler"], "team": "T1"},
    {"type": "citizen", "id": "B1", "cpr": "0103874321", "name": "Jens Hansen", "postal_code": "8210"},
]


def _case(**changes):
    return {"type": "case", "id": "S1", "citizen": "B1", "benefit": "a_dagpenge", "target_group": 2,
            "fsm_group": None, "opened": "2025-01-10", "closed": None, "close_reason": None,
            "public_support_since": None, "staff": [{"employee": "E1", "role": "jobformidler", "primary": True}],
            **changes}


def _import(records):
    import json

    return import_lines([json.dumps(r).encode() + b"\n" for r in records])


@pytest.mark.django_db
@pytest.mark.parametrize("changes, reason", [
    ({"opened": "2031-01-10"}, "line 4: opened: datoen ligger efter i dag"),
    ({"opened": "0001-01-01"}, "line 4: opened: datoen ligger før 1990-01-01"),
    ({"public_support_since": TOMORROW.isoformat()}, "line 4: public_support_since: datoen ligger efter i dag"),
    ({"public_support_since": "1850-01-01"}, "line 4: public_support_since: datoen ligger før 1900-01-01"),
    ({"closed": "9999-12-31", "close_reason": "flyttet"}, "line 4: closed: datoen ligger efter 2100-12-31"),
])
def test_import_refuses_implausible_case_dates(changes, reason):
    with pytest.raises(ImportRejected) as caught:
        _import([*BASE, _case(**changes)])
    assert str(caught.value) == reason
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_import_refuses_hours_for_a_week_that_has_not_begun():
    monday = TODAY - dt.timedelta(days=TODAY.weekday()) + dt.timedelta(days=7)
    week = f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}"
    records = [*BASE, _case(), {"type": "company", "id": "V1", "cvr": "12345674", "name": "Nordlager ApS",
                                "industry": "521000", "sector": "privat", "postal_code": "8200", "employees": 3},
               {"type": "placement", "id": "P1", "case": "S1", "company": "V1", "kind": "virksomhedspraktik",
                "purpose": 1, "start": "2025-03-03", "end": None, "agreement_signed": None, "end_reason": None},
               {"type": "hours", "placement": "P1", "week": week, "internship_hours": 10, "ordinary_hours": 0}]
    with pytest.raises(ImportRejected) as caught:
        _import(records)
    assert str(caught.value) == f"line 7: week: ugen {week} er ikke begyndt endnu"
