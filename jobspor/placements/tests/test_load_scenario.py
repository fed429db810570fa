"""The load test's users (benchmarks/locustfile.py) fill Jobspor's forms as a person would: the fields they read
from the page and the values they change make a saved conversation and saved weekly hours, not a refused form."""
import datetime as dt

from django.urls import reverse

from benchmarks.html_forms import contact_values, form_fields, hours_month, hours_values
from jobspor.contacts.models import Contact
from jobspor.placements.models import WeekHours


def test_the_scenario_saves_a_conversation(client, job_broker, case):
    client.force_login(job_broker.user)
    page = client.get(reverse("cases:detail", args=[case.pk]) + "?fane=kontakter").content.decode()
    action = reverse("contacts:create", args=[case.pk])
    data = form_fields(page, action)
    assert "csrfmiddlewaretoken" in data
    today = dt.date.today()
    response = client.post(action, data | contact_values(today, "Jobsamtale i belastningstesten."))
    assert response.status_code == 302
    contact = Contact.objects.get(case=case, note="Jobsamtale i belastningstesten.")
    assert (contact.date, contact.next_date) == (today, today + dt.timedelta(days=14))


def test_the_scenario_saves_this_weeks_hours(client, job_broker, placement):
    client.force_login(job_broker.user)
    today = dt.date.today()
    url = reverse("placements:hours", args=[placement.case_id, placement.pk]) + f"?maaned={hours_month(today)}"
    data = form_fields(client.get(url).content.decode(), "")
    assert "csrfmiddlewaretoken" in data and "maaned" in data
    values = hours_values(data, today, "12")
    year, number, _day = today.isocalendar()
    assert values == {f"i-{year}-W{number:02d}": "12"}  # this week
    assert client.post(url, data | values).status_code == 302
    (field,) = values
    saved = WeekHours.objects.get(placement=placement)
    assert saved.iso_week == field[2:] and saved.internship_hours == 12


def test_the_grid_that_holds_this_week_and_never_a_week_to_come():
    assert hours_month(dt.date(2026, 12, 6)) == "2026-11"  # Sunday: its Monday is 30 November
    data = {"was-2025-W10": "", "was-2025-W11": "", "i-2025-W10": "", "maaned": "2025-03"}
    assert hours_values(data, dt.date(2026, 12, 6), "8") == {"i-2025-W11": "8"}
    assert hours_values(data, dt.date(2025, 3, 4), "8") == {"i-2025-W10": "8"}
