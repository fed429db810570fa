"""`jobspor demo` on an empty database: what it prints, the seed, `--if-empty` among other cases."""

import pytest

from jobspor.cases.models import Case
from jobspor.citizens.models import Citizen
from jobspor.organisation.models import Employee

from .test_demo import run_demo

pytestmark = pytest.mark.django_db


def test_output_lists_the_logins_in_danish(db, monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    out = run_demo("--cases", "30")
    assert "Jobformidler:            jobformidler / demo-jobspor" in out.splitlines()
    assert "Myndighedssagsbehandler: sagsbehandler / demo-jobspor" in out.splitlines()
    assert "Administrator:           admin / demo-jobspor" in out.splitlines()
    assert "http://127.0.0.1:8123" in out
    assert "30 sager" in out


def test_same_seed_gives_same_names_another_seed_others(db):
    def names():
        return (list(Citizen.objects.order_by("external_id").values_list("name", "cpr")),
                list(Employee.objects.order_by("external_id").values_list("name", flat=True)))

    run_demo("--cases", "60", "--seed", "7")
    first = names()
    wipe()
    run_demo("--cases", "60", "--seed", "7")
    assert names() == first
    wipe()
    run_demo("--cases", "60", "--seed", "8")
    assert names()[0] != first[0]


def test_if_empty_on_a_database_with_other_cases_says_there_are_no_demo_logins(job_broker):
    from jobspor.testing.factories import make_case

    make_case(primary=job_broker)
    out = run_demo("--if-empty")
    assert Case.objects.count() == 1
    assert "ingen demo-logins" in out and "demo-jobspor" not in out


def wipe():
    """Empty what the demo wrote, whatever the apps' demo extensions added (children before parents);
    reference data loaded by migrations stays (postal codes, standard texts)."""
    from django.apps import apps
    from django.db import connection, transaction
    from django.db.models import ProtectedError, RestrictedError

    from jobspor.placements.frozen import empty_signed
    from jobspor.signing.frozen import empty_signed as empty_signed_documents

    empty_signed(connection)  # signed agreements are frozen by triggers: the test lifts them for this moment
    empty_signed_documents(connection)  # so are signed plans and consent forms
    from jobspor.letters.frozen import empty_sent

    empty_sent(connection)  # so are letters that have been sent off
    from jobspor.documents.triggers import empty_for_flush

    empty_for_flush(connection)  # and document rows, which are never deleted
    keep = {"audit", "citizens.postalcode", "contacts.standardtext"}
    pending = [m for m in apps.get_models() if m.__module__.startswith("jobspor.")
               and m._meta.app_label not in keep and m._meta.label_lower not in keep and not m._meta.proxy]
    while pending:
        before = len(pending)
        for model in list(pending):
            try:
                with transaction.atomic():
                    model._default_manager.all().delete()
            except (ProtectedError, RestrictedError):
                continue
            pending.remove(model)
        assert len(pending) < before, f"cannot empty {pending}"
