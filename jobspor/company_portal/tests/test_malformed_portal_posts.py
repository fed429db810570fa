"""Malformed input to Virksomhedsindgang's forms never crashes nor half-writes (as core's test for the staff forms,
with its Hypothesis bodies): posting an opening, answering a candidate, inviting a colleague."""

import datetime as dt

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from jobspor.citizen_portal.services import consent_record
from jobspor.core.tests.test_malformed_input import EXAMPLES, FORM_EXAMPLES, Probe, bodies, hidden_fields
from jobspor.matching.models import ShortlistEntry
from jobspor.testing.factories import EmployeeFactory, make_case, make_company, make_company_user, make_job


@pytest.mark.django_db
@pytest.mark.timeout(1200)
def test_generated_portal_posts_never_crash_nor_half_write():
    broker = EmployeeFactory(roles=["jobformidler"])
    company = make_company(owner=broker)
    link = make_company_user(company=company)
    job = make_job(company=company, posted=dt.date.today() - dt.timedelta(days=3))
    case = make_case(primary=broker)
    consent_record(citizen=case.citizen, actor=None, share_name=True, share_tasks=True, share_hours=True)
    entry = ShortlistEntry.objects.create(opening=job, case=case, sent_on=dt.date.today())
    client = Client()
    client.force_login(link.user, backend="django.contrib.auth.backends.ModelBackend")
    candidate = reverse("virk:candidate", args=[entry.pk])
    targets = {
        "opening": (reverse("virk:opening_new"), {"title": "Pakkehjælp", "kind": "smaajob", "hours_per_week": "8",
                                                  "tasks": "pakke varer", "start": "", "deadline": ""},
                    {"kind": ["smaajob", "ordinaer_stilling", "fleksjob"]}),
        "answer": (candidate, {"answer": "decline", "reason": "Vi har fundet en anden"},
                   {"answer": ["accept", "decline"]}),
        "invite": (reverse("virk:users"), {"name": "Dorte Drift", "email": "dorte@example.dk", "can_sign": "on"},
                   {}),
    }
    for name, (url, valid, choices) in list(targets.items()):
        targets[name] = (url, {**hidden_fields(client, url, url), **valid}, choices)
        savepoint = transaction.savepoint()
        assert client.post(url, targets[name][1]).status_code == 302, name
        transaction.savepoint_rollback(savepoint)
    probe = Probe(client)

    @EXAMPLES
    @given(st.sampled_from(sorted(targets)).flatmap(
        lambda name: bodies(targets[name][1], targets[name][2]).map(lambda body: (name, body))))
    def post(example):
        name, body = example
        probe.post(targets[name][0], body)

    post()
    assert probe.tried >= FORM_EXAMPLES and probe.refused > 0
