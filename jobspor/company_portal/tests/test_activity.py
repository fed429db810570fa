"""Portal activity counts in the company's activity score: openings posted and candidates answered there."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from jobspor.citizen_portal.services import consent_record
from jobspor.companies.activity import scores
from jobspor.matching.models import ShortlistEntry
from jobspor.testing.factories import company_login, make_case, make_company, make_company_user, make_job


def test_posting_and_answering_on_the_portal_raise_the_score(client, job_broker):
    today = timezone.localdate()
    company = make_company(owner=job_broker, name="Nordlager ApS")
    staff_job = make_job(company=company, title="Lagerhjælp", posted=today)
    base = scores([company.pk], today)[company.pk]
    assert base == 1  # the staff-posted opening
    link = make_company_user(company=company)
    company_login(client, link)
    client.post(reverse("virk:opening_new"), {"title": "Pakkehjælp", "kind": "smaajob", "hours_per_week": "8"})
    assert scores([company.pk], today)[company.pk] == base + 2  # the opening, and that the company posted it

    case = make_case(primary=job_broker)
    consent_record(citizen=case.citizen, actor=None, share_name=True, share_tasks=False, share_hours=False)
    entry = ShortlistEntry.objects.create(opening=staff_job, case=case, sent_on=today - dt.timedelta(days=1))
    client.post(reverse("virk:candidate", args=[entry.pk]), {"answer": "accept"})
    assert scores([company.pk], today)[company.pk] == base + 3
    other = make_company(owner=job_broker, name="Sydlager A/S")
    assert scores([other.pk], today)[other.pk] == 0
