"""Issue 10, point 7: matching never leaves the user stuck — fleksjob only for visitated cases, an empty
result says why and what would help, the Match and Forløb tabs agree, and a match becomes a placement."""

import datetime as dt
import html
import io
import json

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from jobspor.audit.models import Event
from jobspor.cases.models import Case
from jobspor.cases.services import case_update
from jobspor.companies.services import contact_save
from jobspor.jobs.choices import JobStatus
from jobspor.matching import engine, selectors
from jobspor.placements.models import Placement
from jobspor.testing.factories import make_case, make_company, make_cv, make_job

pytestmark = pytest.mark.django_db


def run_match(*args):
    out = io.StringIO()
    call_command("match", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def fleks(world, job_broker):
    """A fleksjob opening next to the warehouse small job, and three citizens who fit it: one visitated on the
    case, one on ledighedsydelse (which implies it), one not visitated."""
    job = make_job(company=world["company"], title="Lagerhjælp i fleksjob", kind="fleksjob", external_id="JF",
                   tasks=["pakke varer", "plukke ordrer"], hours_per_week=12, postal_code="8700")
    cases = {}
    for ref, kw in (("V", {"fleksjob_visitated": True}), ("L", {"benefit": "ledighedsydelse"}), ("N", {})):
        case = make_case(primary=job_broker, name=f"Fleks {ref}", postal_code="8700", external_id=f"F{ref}", **kw)
        make_cv(case=case, tasks=["pakke varer", "plukke ordrer"], driving_licence=["B"], max_commute_km=20,
                hours_per_week=12)
        cases[ref] = case
    return {"job": job, **cases}


def test_a_fleksjob_opening_lists_only_cases_visitated_to_fleksjob(fleks, world):
    fast = {c.case_ref for c in engine.candidates_for_job(fleks["job"], top=20)}
    everyone = {c.case_ref for c in engine._candidates_exhaustive(fleks["job"], top=None)}
    command = {c["case"] for c in run_match("--job", "JF")["candidates"]}
    assert fast == everyone == command
    assert {"FV", "FL"} <= fast and "FN" not in fast
    assert "S1" not in fast  # fits the tasks, but is not visitated
    # The ordinary small job still lists the citizen who is not visitated.
    assert "FN" in {c.case_ref for c in engine.candidates_for_job(world["job"])}


def test_a_citizen_not_visitated_is_never_offered_a_fleksjob(fleks):
    not_visitated = fleks["N"]
    for found in (engine.jobs_for_citizen(not_visitated), engine._jobs_for_citizen_exhaustive(not_visitated)):
        assert "JF" not in {m.job.external_id for m in found}
    assert "JF" not in {j["job"] for j in run_match("--citizen", not_visitated.citizen.external_id)["jobs"]}
    for ref in ("V", "L"):
        assert "JF" in {m.job.external_id for m in engine.jobs_for_citizen(fleks[ref])}
    case_update(actor=None, case=not_visitated, fleksjob_visitated=True)  # the visitation is recorded
    assert "JF" in {m.job.external_id for m in engine.jobs_for_citizen(not_visitated)}


def test_ledighedsydelse_records_the_visitation_and_the_database_keeps_it(job_broker):
    case = make_case(primary=job_broker, benefit="kontanthjaelp_aktivitetsparat")
    assert case.fleksjob_visitated is False
    case = case_update(actor=None, case=case, benefit="ledighedsydelse")
    assert case.fleksjob_visitated is True
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(fleksjob_visitated=False)


def test_the_case_form_records_the_visitation(client, job_broker):
    case = make_case(primary=job_broker)
    client.force_login(job_broker.user)
    url = reverse("cases:edit", args=[case.pk])
    form = client.get(url).context["form"]
    assert "fleksjob_visitated" in form.fields
    data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, False)}
    data["fleksjob_visitated"] = "on"
    assert client.post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.fleksjob_visitated is True
    assert Event.objects.filter(case_id=case.pk, after__fleksjob_visitated=True).exists()
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Visiteret til fleksjob" in page


def _tab(client, case, tab):
    return html.unescape(client.get(reverse("cases:detail", args=[case.pk]) + f"?fane={tab}").content.decode())


@pytest.mark.parametrize("setup, expected", [
    ("no_cv", "Borgeren har intet CV endnu"),
    ("no_tasks", "CV'et har ingen opgaver endnu"),
    ("limit", "Ingen åbne job inden for 10 km"),
    ("fleks", "fordi borgeren ikke er visiteret til fleksjob"),
    ("other_tasks", "har hverken opgaver eller titel, der ligner CV'ets"),
])
def test_an_empty_match_says_why_and_what_would_help(client, job_broker, setup, expected):
    company = make_company(name="Byens Lager ApS", postal_code="8700")
    make_job(company=company, title="Fleksjob på lageret" if setup == "fleks" else "Lagerhjælp",
             kind="fleksjob" if setup == "fleks" else "smaajob", tasks=["pakke varer"], postal_code="8700")
    case = make_case(primary=job_broker, name="Uden Match", postal_code="8000" if setup == "limit" else "8700")
    if setup != "no_cv":
        make_cv(case=case, tasks=[] if setup == "no_tasks" else ["passe heste"] if setup == "other_tasks" else
                ["pakke varer"], max_commute_km=10 if setup == "limit" else None)
    client.force_login(job_broker.user)
    match = _tab(client, case, "match")
    assert 'id="match-empty"' in match and expected in match
    forloeb = _tab(client, case, "forloeb")
    assert 'id="openings-none"' in forloeb and expected in forloeb


def test_nothing_near_points_to_the_matches_farther_away(client, job_broker):
    make_job(company=make_company(name="Fjernlager ApS", postal_code="9000"), title="Lagerhjælp",
             tasks=["pakke varer"], postal_code="9000")
    case = make_case(primary=job_broker, name="Ingen Grænse", postal_code="8700")
    make_cv(case=case, tasks=["pakke varer"])  # no commute limit: near is 25 km, farther is allowed
    client.force_login(job_broker.user)
    match = _tab(client, case, "match")
    assert "Længere væk" in match and "Lagerhjælp" in match
    forloeb = _tab(client, case, "forloeb")
    assert "Ingen åbne job inden for 25 km. 1 job længere væk passer" in forloeb


def test_the_match_tab_and_the_forloeb_tab_agree(client, world, job_broker):
    for i in range(3):
        make_job(company=world["company"], title=f"Pakkehjælp {i}", tasks=["pakke varer"], postal_code="8700",
                 hours_per_week=5 + i)
    far = make_company(name="Fjernlager ApS", postal_code="9990")
    make_job(company=far, title="Pakkehjælp Skagen", tasks=["pakke varer"], postal_code="9990")
    case = make_case(primary=job_broker, name="Uden Grænse", postal_code="8700")
    make_cv(case=case, tasks=["pakke varer"], driving_licence=["B"])  # no commute limit: near is 25 km
    client.force_login(job_broker.user)
    match = client.get(reverse("cases:detail", args=[case.pk]) + "?fane=match").context["match"]
    forloeb = client.get(reverse("cases:detail", args=[case.pk]) + "?fane=forloeb").context["openings"]
    assert [m.job.pk for m in forloeb.near] == [m.job.pk for m in match.near][:10]
    assert match.km == forloeb.km == selectors.NEAR_KM
    assert "Pakkehjælp Skagen" in {m.job.title for m in match.far}
    assert "Pakkehjælp Skagen" not in {m.job.title for m in match.near}


def test_opret_forloeb_on_a_match_fills_in_the_placement_and_starting_it_fills_the_opening(client, world,
                                                                                           job_broker):
    contact = contact_save(actor=None, company=world["company"], name="Mette Lund", role="Lagerchef")
    case, job = world["good"], world["job"]
    client.force_login(job_broker.user)
    tab = client.get(reverse("cases:detail", args=[case.pk]) + "?fane=match").content.decode()
    link = reverse("placements:create", args=[case.pk]) + f"?job={job.pk}"
    assert f'href="{link}"' in tab and "Opret forløb" in tab
    form = client.get(link).context["form"]
    assert form["company"].value() == world["company"].pk and form["title"].value() == "Lagerhjælp"
    assert form["tasks"].value() == ["pakke varer", "plukke ordrer", "køre truck"]
    today = timezone.localdate()
    data = {"company": world["company"].pk, "contact": contact.pk, "kind": "ordinaere_timer", "title": "Lagerhjælp",
            "start": today.isoformat(), "goal": "Ordinære timer", "tasks": job.tasks, "hours_per_week": "8",
            "conversion": "Efter 4 uger", "follow_up_weeks": "2"}
    assert client.post(link, data).status_code == 302
    placement = Placement.objects.get(case=case)
    assert placement.opening_id == job.pk and placement.status == "active"
    job.refresh_from_db()
    assert job.status == JobStatus.FILLED and job.filled_case_id == case.pk and job.filled_on == today
    assert Event.objects.filter(verb="job_filled", target_id=job.pk).exists()
    # The filled opening is no longer offered.
    assert job.pk not in {m.job.pk for m in engine.jobs_for_citizen(world["ok"])}


def test_a_planned_placement_from_an_opening_leaves_it_open_until_it_starts(world, job_broker):
    from jobspor.placements import services

    contact = contact_save(actor=None, company=world["company"], name="Mette Lund")
    later = timezone.localdate() + dt.timedelta(days=14)
    placement = services.placement_create(actor=None, case=world["good"], company=world["company"], contact=contact,
                                          kind="ordinaere_timer", start=later, opening=world["job"])
    world["job"].refresh_from_db()
    assert world["job"].status == JobStatus.OPEN
    services.placement_start(actor=None, placement=placement)
    world["job"].refresh_from_db()
    assert world["job"].status == JobStatus.FILLED


def test_the_command_says_why_a_citizen_has_no_match(job_broker):
    make_job(company=make_company(name="Byens Lager ApS", postal_code="8700"), title="Lagerhjælp",
             tasks=["pakke varer"], postal_code="8700")
    case = make_case(primary=job_broker, name="Uden Opgaver", postal_code="8700")
    make_cv(case=case)
    out, err = io.StringIO(), io.StringIO()
    call_command("match", "--citizen", case.citizen.external_id, "--format", "json", stdout=out, stderr=err)
    assert json.loads(out.getvalue())["jobs"] == []
    assert "CV'et har ingen opgaver endnu" in err.getvalue()


def test_an_opening_without_candidates_says_what_it_requires(client, fleks, job_broker):
    from jobspor.cases.models import Case as CaseModel

    CaseModel.objects.filter(pk__in=[fleks["V"].pk]).update(fleksjob_visitated=False)
    case_update(actor=None, case=fleks["L"], closed=dt.date(2025, 6, 1), close_reason="andet")
    client.force_login(job_broker.user)
    page = html.unescape(client.get(reverse("matching:job_candidates", args=[fleks["job"].pk])).content.decode())
    assert "Et fleksjob tilbydes kun borgere, der er visiteret til fleksjob" in page
    out, err = io.StringIO(), io.StringIO()
    call_command("match", "--job", fleks["job"].external_id, "--format", "json", stdout=out, stderr=err)
    assert json.loads(out.getvalue())["candidates"] == []
    assert "Et fleksjob tilbydes kun borgere, der er visiteret til fleksjob" in err.getvalue()
