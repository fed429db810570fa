"""Every page reachable by links works on every kind of data: the demo (two seeds) plus the example file of
interchange.md, crawled as each demo login — 0 server errors, 0 template errors. Prints pages per role."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client

from jobspor.cases.models import Case, CaseStaff
from jobspor.companies.models import Company
from jobspor.demo.generator import FIXED_LOGINS, demo_load
from jobspor.jobs.models import JobOpening
from jobspor.organisation.models import Employee
from jobspor.placements.models import Placement

from .crawler import SKIP_NAMES, TemplateErrorWatch, crawl

# Two seeds, two shapes of data. `make test` (JOBSPOR_ONE_DATABASE set) crawls seed 11 on PostgreSQL and seed 12 on
# SQLite: each database still answers every page of every role (the queries), and the pages still meet both seeds'
# data (the templates); a run on one database alone crawls both.
SEEDS = [11, 12] if not os.environ.get("JOBSPOR_ONE_DATABASE") else [11] if connection.vendor == "postgresql" else [12]
CASES = 220
# Instances of each URL pattern per role and seed: two (a third on seed 11 cost `make test` about 20 s of CPU for pages
# of patterns already seen twice).
PER_PATTERN = {11: 2, 12: 2}
EXAMPLE = Path(__file__).parent / "fixtures" / "interchange_example.jsonl"
# The demo login and the role it has on the imported case S1, so the imported records are reached too.
IMPORTED_CASE_ROLES = {"jobformidler": "jobformidler", "sagsbehandler": "myndighedssagsbehandler",
                       "konsulent": "virksomhedskonsulent", "mentor": "mentor", "leder": "leder"}


@pytest.fixture(scope="module", params=SEEDS, ids=lambda seed: f"seed{seed}")
def world(request, django_db_setup, django_db_blocker):
    """One demo and the imported example per seed, shared by the roles' tests and rolled back afterwards."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_load(cases=CASES, seed=request.param)
            call_command("import", str(EXAMPLE), stdout=open("/dev/null", "w"))  # noqa: SIM115
            case = Case.objects.get(external_id="S1")
            for username, role in IMPORTED_CASE_ROLES.items():
                employee = Employee.objects.get(user__username=username)
                CaseStaff.objects.get_or_create(case=case, employee=employee, defaults={"role": role})
            placement = Placement.objects.get(external_id="P1")
            start = ["/", f"/sag/{case.pk}/", f"/sag/{case.pk}/forloeb/{placement.pk}/",
                     f"/virksomheder/{Company.objects.get(external_id='V1').pk}/",
                     f"/job/{JobOpening.objects.get(external_id='J1').pk}/"]
            yield {"seed": request.param, "start": start}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            # Matching keeps per-process tables keyed by row counts and times; rolled-back rows must not linger.
            from jobspor.matching import bounds

            bounds.reset()


@pytest.mark.django_db
@pytest.mark.timeout(600)  # a role's crawl takes 10–100 s; twice the suite's limit for a loaded CI machine
@pytest.mark.parametrize("username", [u for _r, u, _l in FIXED_LOGINS])
def test_every_linked_page_works_for_each_role(world, username, request):
    from django.contrib.auth import get_user_model

    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username=username))
    with TemplateErrorWatch() as watch:
        result = crawl(client, world["start"], watch=watch, per_pattern=PER_PATTERN[world["seed"]])
    summary = (f"crawl seed {world['seed']} as {username}: {result.pages} pages, {len(result.patterns)} patterns, "
               f"statuses {dict(sorted(result.statuses.items()))}, {result.seconds:.1f} s; slowest: {result.slowest()}")
    request.node.user_properties.append(("summary:pages crawled per role", summary))  # printed by conftest.py
    print(summary + "".join(f"\n  {line}" for line in result.refused))
    assert result.pages >= 20, summary
    assert not result.problems, summary + "\n" + "\n".join(str(p) for p in result.problems)


@pytest.mark.django_db
def test_the_demo_freezes_whole_agreement_documents(world):
    """Signed demo agreements hold the whole document, as one signed in Jobspor does (no "ikke angivet")."""
    from jobspor.placements.models import WorkAgreement
    from jobspor.placements.services import document_hash

    signed = WorkAgreement.objects.filter(document__isnull=False, imported=False)
    assert signed.exists()
    for agreement in signed:
        assert agreement.document["follow_up_weeks"] == 2 and agreement.document["conversion"]
        assert agreement.content_hash == document_hash(agreement.document)


PORTAL_SKIP = {"minside:login", "minside:demo_login", "virk:login", "virk:demo_login"}


def _portal_user(kind):
    """A citizen or company user of the demo (or of the imported example) to crawl a portal as."""
    from jobspor.citizen_portal.services import citizen_user_for
    from jobspor.company_portal.models import CompanyUser
    from jobspor.company_portal.services import company_user_for

    if kind == "citizen_imported":
        return citizen_user_for(Case.objects.get(external_id="S1").citizen)
    if kind == "citizen_in_placement":
        return citizen_user_for(Placement.objects.filter(status="active", agreements__isnull=False)
                                .select_related("case__citizen").order_by("pk").first().case.citizen)
    if kind == "citizen_closed":
        case = Case.objects.filter(closed__isnull=False).exclude(
            citizen__cases__closed__isnull=True).select_related("citizen").order_by("pk").first()
        return citizen_user_for(case.citizen)
    if kind == "company_demo":
        return CompanyUser.objects.order_by("pk").first().user
    return company_user_for(company=Company.objects.get(external_id="V1"), name="Import Bruger", is_admin=True,
                            can_sign=True, can_report_hours=True).user


@pytest.mark.django_db
@pytest.mark.timeout(600)
@pytest.mark.parametrize("kind", ["citizen_imported", "citizen_in_placement", "citizen_closed", "company_demo",
                                  "company_imported"])
def test_every_linked_portal_page_works(world, kind, request):
    """Min side and Virksomhedsindgang as a citizen / company user: every page linked works, and no link leads to a
    page the user may not open (a refusal inside one's own portal is a broken link)."""
    client = Client(raise_request_exception=False)
    client.force_login(_portal_user(kind), backend="django.contrib.auth.backends.ModelBackend")
    start = ["/min-side/"] if kind.startswith("citizen") else ["/virksomhed/"]
    with TemplateErrorWatch() as watch:
        result = crawl(client, start, watch=watch, per_pattern=PER_PATTERN[world["seed"]],
                       skip_names=SKIP_NAMES | PORTAL_SKIP)
    summary = (f"crawl seed {world['seed']} as {kind}: {result.pages} pages, {len(result.patterns)} patterns, "
               f"statuses {dict(sorted(result.statuses.items()))}, {result.seconds:.1f} s")
    request.node.user_properties.append(("summary:pages crawled per role", summary))  # printed by conftest.py
    assert not result.problems, summary + "\n" + "\n".join(str(p) for p in result.problems)
    assert not result.refused, summary + "\n" + "\n".join(result.refused)
