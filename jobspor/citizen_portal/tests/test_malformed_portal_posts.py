"""Min plan's and Mit CV's posts with generated junk (as core/tests/test_malformed_input.py does for staff forms):
never a crash, and a refused post changes nothing."""

import datetime as dt
import os

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobspor.core.tests.test_malformed_input import Probe, bodies
from jobspor.plans.services import citizen_activity_add, plan_save, sub_goal_add
from jobspor.testing.factories import EmployeeFactory, citizen_login, make_case, make_cv

EXAMPLES = max(20, int(os.environ.get("JOBSPOR_FORM_EXAMPLES", "500")) // 5)  # small forms: fewer suffice
SOON = (timezone.localdate() + dt.timedelta(days=14)).isoformat()


@pytest.mark.django_db
@pytest.mark.timeout(1200)
def test_generated_citizen_posts_never_crash_nor_half_write():
    broker = EmployeeFactory(roles=["jobformidler"])
    case = make_case(primary=broker, opened=dt.date(2025, 1, 10))
    make_cv(case=case, tasks=["Køre truck"], hours_per_week=5)
    plan = plan_save(actor=None, case=case, goal="job", made=dt.date(2025, 1, 20))
    agreed = sub_goal_add(actor=None, plan=plan, text="Tage bussen selv", due=dt.date(2026, 6, 1))
    client = Client()
    user = citizen_login(client, case.citizen)
    own = citizen_activity_add(actor=user, plan=plan, text="Søge job", due=dt.date(2026, 6, 1))
    targets = {
        "activity": (reverse("minside:activity_add"), {"aktivitet-text": "Gå til tandlæge", "aktivitet-due": SOON}),
        "plan_comment": (reverse("minside:plan_comment"), {"kommentar-plan-text": "Tak"}),
        "comment": (reverse("minside:sub_goal_comment", args=[agreed.pk]), {f"kommentar-{agreed.pk}-text": "OK"}),
        "done": (reverse("minside:sub_goal_done", args=[own.pk]), {"done": "1"}),
        "task": (reverse("minside:cv_item_add"), {"kind": "task", "task-text": "Pakke varer"}),
        "wish": (reverse("minside:cv_item_add"), {"kind": "job_wish", "job_wish-text": "Lager"}),
        "hours": (reverse("minside:cv_hours"), {"timer-hours_wanted": "20"}),
    }
    probe = Probe(client)

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(sorted(targets)).flatmap(
        lambda name: bodies(targets[name][1], {"kind": ["task", "job_wish", "accommodation", ""]})
        .map(lambda body: (name, body))))
    def post(example):
        name, body = example
        probe.post(targets[name][0], body)

    post()
    assert probe.tried >= EXAMPLES and probe.refused > 0
