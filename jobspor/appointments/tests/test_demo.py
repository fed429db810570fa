"""The demo fills the calendar: meetings held and missed in the past, planned ones ahead, today's for the demo
jobformidler on a weekday; every meeting has its employee and no employee is double-booked by the demo."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from jobspor.appointments.models import Appointment

pytestmark = pytest.mark.django_db


@pytest.mark.timeout(900)  # a whole demo: minutes on a loaded CI machine (ANALYZE at the end)
def test_demo_makes_past_and_coming_appointments():
    out = StringIO()
    call_command("demo", "--cases", "60", stdout=out)
    statuses = set(Appointment.objects.values_list("status", flat=True))
    assert {"afholdt", "udeblevet", "planlagt"} <= statuses
    assert not Appointment.objects.filter(staff__isnull=True).exists()
    now = timezone.now()
    assert Appointment.objects.filter(status="planlagt", start__gt=now).exists()
    assert not Appointment.objects.filter(status__in=["afholdt", "udeblevet"], start__gt=now).exists()
    if timezone.localdate().weekday() < 5:
        assert Appointment.objects.filter(staff__user__username="jobformidler",
                                          start__date=timezone.localdate()).exists()
    assert "møder" in out.getvalue()
