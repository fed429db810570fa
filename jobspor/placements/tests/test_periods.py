"""kpi.md v2: hours always lie inside their placement's period. Ending, starting or moving a placement that
would strand weeks is refused with the weeks named, or removes them only after the user confirms."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jobspor.audit.models import Event
from jobspor.kpi import engine
from jobspor.placements import services
from jobspor.placements.models import Placement, WeekHours

MONDAY = dt.date(2025, 3, 3)  # the placement's start (uge 10 (2025))


def weeks(n):
    return [MONDAY + dt.timedelta(weeks=k) for k in range(n)]


@pytest.fixture
def with_hours(placement, job_broker):
    services.hours_save(actor=job_broker.user, placement=placement,
                        weeks=[{"week": w, "internship_hours": 10, "ordinary_hours": 2} for w in weeks(6)])
    return placement


def test_hours_outside_the_period_are_refused(placement, job_broker):
    with pytest.raises(ValidationError) as refused:
        services.hours_save(actor=job_broker.user, placement=placement,
                            weeks=[{"week": MONDAY - dt.timedelta(weeks=1), "internship_hours": 5}])
    assert "Uge 9 (2025) ligger uden for forløbets periode (03.03.2025–)." in str(refused.value)
    assert not WeekHours.objects.exists()


def test_ending_early_is_refused_naming_the_weeks_and_changes_nothing(with_hours, job_broker):
    with pytest.raises(ValidationError) as refused:
        services.placement_end(actor=job_broker.user, placement=with_hours, end=dt.date(2025, 3, 23),
                               end_reason="sygdom")
    message = refused.value.message_dict["end"][0]
    assert message.startswith("Forløbet har timer i uge 13 (2025), uge 14 (2025), uge 15 (2025), som ville ligge "
                              "uden for den nye periode (03.03.2025–23.03.2025).")
    with_hours.refresh_from_db()
    assert with_hours.status == "active" and with_hours.end is None
    assert WeekHours.objects.filter(placement=with_hours).count() == 6


def test_ending_early_with_consent_removes_the_later_weeks_recorded_in_the_history(with_hours, job_broker):
    services.placement_end(actor=job_broker.user, placement=with_hours, end=dt.date(2025, 3, 23),
                           end_reason="sygdom", remove_stranded=True)
    assert list(WeekHours.objects.filter(placement=with_hours).values_list("week", flat=True)) == weeks(3)
    removed = Event.objects.filter(verb="placement_hours_saved", after__isnull=True)
    assert sorted(e.before["week"] for e in removed) == ["2025-W13", "2025-W14", "2025-W15"]
    # The symptom: the KPI no longer counts ordinary hours after the placement ended.
    after = engine.compute(engine.KpiQuery(start=dt.date(2025, 3, 24), end=dt.date(2025, 4, 30)))
    assert after["company_placement"]["numerator"] == 0 and after["ordinary_hours"]["numerator"] == 0


def test_ending_on_the_sunday_of_the_last_week_with_hours_needs_no_consent(with_hours, job_broker):
    services.placement_end(actor=job_broker.user, placement=with_hours, end=dt.date(2025, 4, 13), end_reason="andet")
    assert WeekHours.objects.filter(placement=with_hours).count() == 6


def test_a_later_start_strands_the_first_weeks(with_hours, job_broker):
    with pytest.raises(ValidationError) as refused:
        services.placement_update(actor=job_broker.user, placement=with_hours, start=dt.date(2025, 3, 12))
    assert "uge 10 (2025), som ville ligge" in refused.value.message_dict["start"][0]
    assert Placement.objects.get(pk=with_hours.pk).start == MONDAY
    # Wednesday of week 11 still overlaps week 11: only week 10 goes, with consent.
    services.placement_update(actor=job_broker.user, placement=with_hours, start=dt.date(2025, 3, 12),
                              remove_stranded=True)
    assert list(WeekHours.objects.filter(placement=with_hours).values_list("week", flat=True)) == weeks(6)[1:]


def test_the_end_form_names_the_weeks_and_asks_for_consent(client, job_broker, with_hours):
    client.force_login(job_broker.user)
    url = reverse("placements:end", args=[with_hours.case_id, with_hours.pk])
    plain = client.get(url).content.decode()
    assert 'name="remove_stranded"' not in plain  # only asked when needed
    data = {"end": "2025-03-23", "end_reason": "sygdom"}
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "uge 13 (2025), uge 14 (2025), uge 15 (2025)" in body and 'name="remove_stranded"' in body
    assert Placement.objects.get(pk=with_hours.pk).status == "active"
    response = client.post(url, {**data, "remove_stranded": "on"})
    assert response.status_code == 302
    assert Placement.objects.get(pk=with_hours.pk).status == "ended"
    assert WeekHours.objects.filter(placement=with_hours).count() == 3


def test_the_database_itself_keeps_hours_inside_the_period(with_hours):
    """Around the services (a script, a bulk load): the triggers refuse both sides, on SQLite and PostgreSQL."""
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        WeekHours.objects.create(placement=with_hours, week=MONDAY - dt.timedelta(weeks=1), internship_hours=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        WeekHours.objects.filter(placement=with_hours, week=MONDAY).update(week=MONDAY - dt.timedelta(weeks=2))
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.filter(pk=with_hours.pk).update(end=dt.date(2025, 3, 23), status="ended",
                                                          end_reason="andet")
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.filter(pk=with_hours.pk).update(start=dt.date(2025, 3, 10))
    # Inside the period all is well: a Wednesday start keeps its own week; a Sunday end keeps the last week.
    Placement.objects.filter(pk=with_hours.pk).update(start=dt.date(2025, 3, 5), end=dt.date(2025, 4, 13),
                                                      status="ended", end_reason="andet")
    assert WeekHours.objects.filter(placement=with_hours).count() == 6


def test_starting_later_than_planned_asks_before_deleting_earlier_weeks(client, job_broker, case, company, contact):
    from django.utils import timezone

    from .conftest import AGREEMENT

    today = timezone.localdate()
    planned = services.placement_create(actor=job_broker.user, case=case, company=company, contact=contact,
                                        kind="ordinaere_timer", start=today + dt.timedelta(days=14),
                                        agreement=dict(AGREEMENT))
    earlier = today - dt.timedelta(days=21)
    Placement.objects.filter(pk=planned.pk).update(start=earlier)  # planned for three weeks ago
    week = earlier - dt.timedelta(days=earlier.weekday())
    services.hours_save(actor=job_broker.user, placement=Placement.objects.get(pk=planned.pk),
                        weeks=[{"week": week, "ordinary_hours": 4}])
    client.force_login(job_broker.user)
    detail = reverse("placements:detail", args=[case.pk, planned.pk])
    start = reverse("placements:start", args=[case.pk, planned.pk])
    label = f"uge {week.isocalendar()[1]} ({week.isocalendar()[0]})"
    assert label in client.get(detail).content.decode()  # the checkbox names the week
    body = client.post(start, follow=True).content.decode()
    assert label in body and Placement.objects.get(pk=planned.pk).status == "planned"
    client.post(start, {"remove_stranded": "on"})
    started = Placement.objects.get(pk=planned.pk)
    assert (started.status, started.start) == ("active", today)
    assert not WeekHours.objects.filter(placement=started).exists()

