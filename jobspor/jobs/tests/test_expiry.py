import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from jobspor.audit.models import Event
from jobspor.jobs.models import JobOpening
from jobspor.jobs.services import jobs_expire
from jobspor.testing.factories import make_company, make_job

pytestmark = pytest.mark.django_db


def test_openings_past_their_deadline_expire_with_an_event(consultant):
    today = timezone.localdate()
    company = make_company(owner=consultant)
    past = make_job(company=company, title="Fristen er gået", posted=today - dt.timedelta(days=30),
                    deadline=today - dt.timedelta(days=1))
    make_job(company=company, title="Frist i dag", posted=today - dt.timedelta(days=30), deadline=today)
    make_job(company=company, title="Uden frist", posted=today - dt.timedelta(days=30))
    assert jobs_expire(actor=None, today=today) == 1
    statuses = dict(JobOpening.objects.values_list("title", "status"))
    assert statuses == {"Fristen er gået": "expired", "Frist i dag": "open", "Uden frist": "open"}
    assert Event.objects.filter(verb="job_expired", target_id=past.pk).count() == 1
    assert jobs_expire(actor=None, today=today) == 0  # nothing twice


def test_expire_jobs_command_says_how_many(consultant):
    today = timezone.localdate()
    make_job(company=make_company(owner=consultant), posted=today - dt.timedelta(days=30),
             deadline=today - dt.timedelta(days=3))
    out = StringIO()
    call_command("expire_jobs", stdout=out)
    assert out.getvalue().strip() == "1 jobåbninger er sat til udløbet."
