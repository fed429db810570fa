"""Contact persons, workplaces and partnership agreements can be corrected on a page of their own."""

import datetime as dt

import pytest
from django.urls import reverse

from jobspor.audit.models import Event
from jobspor.companies.models import CompanyContact, PartnershipAgreement, Workplace
from jobspor.companies.services import agreement_save, contact_save, workplace_save
from jobspor.testing.factories import EmployeeFactory, make_company

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(consultant):
    return make_company(owner=consultant, name="Nordlager ApS")


def edit_url(company, part, pk):
    return reverse("companies:part_edit", args=[company.pk, part, pk])


def test_consultant_corrects_a_contact_person_and_the_change_is_an_event(client, consultant, company):
    contact = contact_save(actor=None, company=company, name="Mette Lund", role="Lagerchef", phone="20304050")
    client.force_login(consultant.user)
    page = client.get(reverse("companies:detail", args=[company.pk]), {"fane": "kontakter"}).content.decode()
    assert edit_url(company, "kontaktperson", contact.pk) in page
    form = client.get(edit_url(company, "kontaktperson", contact.pk))
    assert form.status_code == 200 and 'value="Mette Lund"' in form.content.decode()
    response = client.post(edit_url(company, "kontaktperson", contact.pk),
                           {"name": "Mette Lund", "role": "Driftsleder", "phone": "20304051", "email": "ml@nl.dk"})
    assert response.status_code == 302 and response["Location"].endswith("?fane=kontakter")
    contact.refresh_from_db()
    assert (contact.role, contact.phone, contact.email) == ("Driftsleder", "20304051", "ml@nl.dk")
    event = Event.objects.filter(verb="company_contact_saved", target_id=contact.pk).latest("pk")
    assert event.before["role"] == "Lagerchef" and event.after["role"] == "Driftsleder"


def test_bad_input_gives_danish_errors_and_changes_nothing(client, consultant, company):
    other = make_company(owner=consultant, name="Sydlager A/S")
    taken = workplace_save(actor=None, company=other, p_number="1003388394", postal_code="8700")
    workplace = workplace_save(actor=None, company=company, p_number="1001768447", postal_code="8700")
    agreement = agreement_save(actor=None, company=company, starts=dt.date(2026, 1, 1), company_commits="To pladser",
                               jobcentre_commits="Mentor")
    client.force_login(consultant.user)
    response = client.post(edit_url(company, "arbejdssted", workplace.pk),
                           {"p_number": taken.p_number, "postal_code": "8700"})
    assert response.status_code == 400 and "allerede registreret hos Sydlager" in response.content.decode()
    response = client.post(edit_url(company, "aftale", agreement.pk),
                           {"starts": "2026-05-01", "ends": "2026-02-01", "company_commits": "x",
                            "jobcentre_commits": "y"})
    assert response.status_code == 400
    assert Workplace.objects.get(pk=workplace.pk).p_number == "1001768447"
    assert PartnershipAgreement.objects.get(pk=agreement.pk).company_commits == "To pladser"


def test_only_editors_and_only_the_company_own_parts(client, consultant, company, team):
    contact = contact_save(actor=None, company=company, name="Mette Lund")
    elsewhere = contact_save(actor=None, company=make_company(name="Anden A/S"), name="Ole")
    client.force_login(consultant.user)
    assert client.get(edit_url(company, "kontaktperson", elsewhere.pk)).status_code == 404
    assert client.get(edit_url(company, "noget-andet", contact.pk)).status_code == 404
    mentor = EmployeeFactory(team=team, roles=["mentor"])
    client.force_login(mentor.user)
    assert client.post(edit_url(company, "kontaktperson", contact.pk), {"name": "X"}).status_code == 403
    assert CompanyContact.objects.get(pk=contact.pk).name == "Mette Lund"


def test_agreement_and_workplace_changes_keep_what_they_were(client, consultant, company):
    workplace = workplace_save(actor=None, company=company, p_number="1001768447", postal_code="8700")
    agreement = agreement_save(actor=None, company=company, starts=dt.date(2026, 1, 1), company_commits="To pladser",
                               jobcentre_commits="Mentor")
    client.force_login(consultant.user)
    assert client.post(edit_url(company, "aftale", agreement.pk),
                       {"starts": "2026-01-01", "company_commits": "Tre pladser", "jobcentre_commits": "Mentor",
                        "placements_per_year": "6"}).status_code == 302
    assert client.post(edit_url(company, "arbejdssted", workplace.pk),
                       {"p_number": "1001768447", "name": "Lager Vest", "postal_code": "8700"}).status_code == 302
    event = Event.objects.filter(verb="agreement_saved", target_id=agreement.pk).latest("pk")
    assert (event.before["company_commits"], event.after["company_commits"]) == ("To pladser", "Tre pladser")
    event = Event.objects.filter(verb="workplace_saved", target_id=workplace.pk).latest("pk")
    assert (event.before["name"], event.after["name"]) == ("", "Lager Vest")
