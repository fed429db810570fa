import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobspor.audit.models import AccessLog
from jobspor.cases.services import case_staff_add
from jobspor.companies.services import contact_save
from jobspor.placements import services
from jobspor.placements.models import FollowUp, Placement, WeekHours
from jobspor.testing.factories import EmployeeFactory, make_case, make_company, make_job

from .conftest import AGREEMENT, sign_all


@pytest.fixture
def logged_in(client, job_broker):
    client.force_login(job_broker.user)
    return client


def _url(name, placement, *extra):
    return reverse(f"placements:{name}", args=[placement.case_id, placement.pk, *extra])


def test_every_placement_page_renders_and_logs(logged_in, placement, job_broker):
    for name, extra in [("detail", ()), ("end", ()), ("agreement_edit", ()), ("agreement", (1,)), ("sign", ()),
                        ("hours", ()), ("follow_up", ())]:
        response = logged_in.get(_url(name, placement, *extra))
        assert response.status_code == 200, name
        assert AccessLog.objects.filter(user_id=job_broker.user.pk, citizen_id=placement.case.citizen_id,
                                        action="view").exists()
    body = logged_in.get(reverse("cases:detail", args=[placement.case_id]) + "?fane=forloeb").content.decode()
    assert "Nordlager ApS" in body and "Nyt virksomhedsforløb" in body


def test_a_mentor_does_not_see_placements(client, placement, team):
    mentor = EmployeeFactory(team=team, roles=["mentor"])
    case_staff_add(actor=None, case=placement.case, employee=mentor, role="mentor")
    client.force_login(mentor.user)
    assert client.get(_url("detail", placement)).status_code == 403
    assert client.get(reverse("cases:detail", args=[placement.case_id]) + "?fane=forloeb").status_code == 403
    assert AccessLog.objects.filter(user_id=mentor.user.pk, action="denied").exists()


def test_create_with_agreement_in_one_post(logged_in, case, company, contact):
    data = {"company": company.pk, "contact": contact.pk, "kind": "virksomhedspraktik", "purpose": "1",
            "title": "Lagerhjælp", "start": "2025-03-03", "goal": "Ordinære timer", "tasks": ["pakke varer"],
            "tasks_extra": "tømme paller\n", "hours_per_week": "7,5", "conversion": "Efter 4 uger",
            "follow_up_weeks": "2"}
    response = logged_in.post(reverse("placements:create", args=[case.pk]), data)
    placement = Placement.objects.get()
    assert response.status_code == 302 and response.url == _url("detail", placement)
    agreement = services.current_agreement(placement)
    assert agreement.tasks == ["pakke varer", "tømme paller"] and str(agreement.hours_per_week) == "7.5"


@pytest.mark.parametrize("change, field, message", [
    ({"contact": ""}, "contact", "der skal altid være en fast kontaktperson"),
    ({"planned_end": "2025-02-01"}, "planned_end", "Forløbet kan ikke slutte, før det starter."),
    ({"hours_per_week": "70"}, "hours_per_week", "Højst 60 timer."),
    ({"purpose": ""}, "purpose", "Angiv formålet med praktikken"),
    ({"tasks": [], "tasks_extra": ""}, "tasks", "Vælg eller skriv mindst én arbejdsopgave."),
])
def test_create_shows_danish_errors_at_the_field_and_saves_nothing(logged_in, case, company, contact, change, field,
                                                                   message):
    data = {"company": company.pk, "contact": contact.pk, "kind": "virksomhedspraktik", "purpose": "1",
            "start": "2025-03-03", "goal": "Mål", "tasks": ["pakke varer"], "hours_per_week": "10",
            "conversion": "Efter 4 uger", "follow_up_weeks": "2"} | change
    response = logged_in.post(reverse("placements:create", args=[case.pk]), data)
    assert response.status_code == 400
    assert message in " ".join(str(e) for e in response.context["form"].errors[field])
    assert message in response.content.decode()
    assert not Placement.objects.exists()


def test_the_purpose_follows_the_kind(logged_in, case, company, contact):
    url = reverse("placements:create", args=[case.pk])
    page = logged_in.get(url).content.decode()  # an internship is the default: pick its purpose, no 'not internship'
    assert 'name="purpose"' in page and "Vælg formål" in page and "Ikke praktik" not in page
    assert 'name="purpose"' not in logged_in.get(url + "?kind=ordinaere_timer").content.decode()
    data = {"company": company.pk, "contact": contact.pk, "kind": "ordinaere_timer", "purpose": "2",
            "start": "2025-03-03", "goal": "Mål", "tasks": ["pakke varer"], "hours_per_week": "10",
            "conversion": "x", "follow_up_weeks": "2"}
    assert logged_in.post(url, data).status_code == 302  # a purpose left over from an internship is dropped
    assert Placement.objects.get().purpose is None


def test_a_contact_of_another_company_is_refused_in_the_form(logged_in, case, company):
    stranger = contact_save(actor=None, company=make_company(name="Sydlager A/S"), name="Ole Sørensen")
    data = {"company": company.pk, "contact": stranger.pk, "kind": "ordinaere_timer", "start": "2025-03-03",
            "goal": "Mål", "tasks": ["pakke varer"], "hours_per_week": "10", "conversion": "x", "follow_up_weeks": "2"}
    response = logged_in.post(reverse("placements:create", args=[case.pk]), data)
    assert response.status_code == 400
    assert "Kontaktpersonen hører ikke til den valgte virksomhed." in response.context["form"].errors["contact"]
    assert not Placement.objects.exists()


def test_an_opening_prefills_the_form(logged_in, case, company, contact):
    job = make_job(company=company, title="Pakkehjælp", kind="smaajob", hours_per_week=8, tasks=["pakke varer"])
    response = logged_in.get(reverse("placements:create", args=[case.pk]) + f"?job={job.pk}")
    form = response.context["form"]
    assert form["company"].value() == company.pk and form["title"].value() == "Pakkehjælp"
    assert form["kind"].value() == "ordinaere_timer" and form["tasks"].value() == ["pakke varer"]
    assert form["contact"].value() == contact.pk


def test_signing_on_one_device(logged_in, placement):
    agreement = services.current_agreement(placement)
    h = services.agreement_hash(agreement)
    url = _url("sign", placement)
    bad = logged_in.post(url, {"role": "borger", "content_hash": h, "signer_name": "Hans Jensen"})
    assert bad.status_code == 400 and "Navnet passer ikke til den, der skal skrive under som borger" in \
        bad.content.decode()
    for role, name in (("borger", "Jens Hansen"), ("virksomhed", "Mette Lund")):
        assert logged_in.post(url, {"role": role, "content_hash": h, "signer_name": name}).status_code == 302
    last = logged_in.post(url, {"role": "jobcenter", "content_hash": h, "signer_name": "Anne Holm"})
    assert last.url == _url("detail", placement)
    placement.refresh_from_db()
    assert placement.agreement_signed_on == dt.date.today()


def test_a_signed_agreement_changes_only_as_a_new_version(logged_in, placement, job_broker):
    sign_all(placement, job_broker.user)
    data = {"goal": "Nyt mål", "tasks_text": "pakke varer\nfeje", "hours_per_week": "12", "conversion": "x",
            "follow_up_weeks": "2", "start": "2025-03-03"}
    response = logged_in.post(_url("agreement_edit", placement), data)
    assert response.status_code == 302
    versions = list(placement.agreements.order_by("version").values_list("version", "goal", "signed_on"))
    assert versions == [(1, AGREEMENT["goal"], dt.date.today()), (2, "Nyt mål", None)]
    assert logged_in.get(_url("agreement", placement, 1)).status_code == 200


def test_the_agreement_pdf(logged_in, placement, job_broker, tmp_path):
    agreement = sign_all(placement, job_broker.user)
    response = logged_in.get(_url("agreement_pdf", placement, 1))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    (tmp_path / "a.pdf").write_bytes(response.content)
    import subprocess

    text = subprocess.run(["pdftotext", str(tmp_path / "a.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Arbejdsaftale" in text and "Mette Lund" in text and agreement.content_hash[:12] in text
    assert "Sådan bliver mestrede opgaver til ordinære timer" in text


def test_a_month_of_hours_in_one_submit(logged_in, placement):
    url = _url("hours", placement) + "?maaned=2025-03"
    response = logged_in.get(url)
    assert [r["label"] for r in response.context["form"].rows()] == ["2025-W10", "2025-W11", "2025-W12", "2025-W13",
                                                                    "2025-W14"]
    data = {"maaned": "2025-03"} | {f"i-2025-W{w}": "10" for w in range(10, 15)} | {"o-2025-W14": "2,5"}
    assert logged_in.post(url, data).status_code == 302
    assert WeekHours.objects.filter(placement=placement).count() == 5
    assert str(WeekHours.objects.get(week=dt.date(2025, 3, 31)).ordinary_hours) == "2.5"


def test_bad_hours_show_danish_errors_and_save_nothing(logged_in, placement):
    url = _url("hours", placement) + "?maaned=2025-02"
    data = {"maaned": "2025-02", "i-2025-W09": "10", "i-2025-W08": "5", "o-2025-W07": "61"}
    response = logged_in.post(url, data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["o-2025-W07"] == ["Højst 60 timer."]
    assert not WeekHours.objects.exists()
    response = logged_in.post(url, {"maaned": "2025-02", "i-2025-W09": "10", "i-2025-W08": "5"})
    assert response.status_code == 400
    assert "uden for forløbets periode" in response.context["form"].errors["i-2025-W08"][0]
    assert not WeekHours.objects.exists()


def test_a_follow_up_with_ratings(logged_in, placement):
    data = {"date": "2025-03-17", "place": "Nordlager", "participants": "Jens, Mette, Anne", "next_date": "2025-03-31",
            "c0": "6", "k0": "8", "c1": "5", "k1": "11"}
    response = logged_in.post(_url("follow_up", placement), data)
    assert response.status_code == 400 and response.context["form"].errors["k1"] == ["Fra 1 til 10."]
    assert not FollowUp.objects.exists()
    data["k1"] = "4"
    assert logged_in.post(_url("follow_up", placement), data).status_code == 302
    body = logged_in.get(_url("detail", placement)).content.decode()
    assert "Mestring af pakke varer over tid" in body


def test_ending_from_the_page(logged_in, placement):
    response = logged_in.post(_url("end", placement), {"end": "2025-01-01", "end_reason": "sygdom"})
    assert response.status_code == 400 and "før det starter" in response.content.decode()
    response = logged_in.post(_url("end", placement), {"end": "2025-05-30", "end_reason": "ordinaer_beskaeftigelse",
                                                       "statement": "Stabil.", "statement_by": "Mette Lund"})
    assert response.status_code == 302
    body = logged_in.get(reverse("cases:detail", args=[placement.case_id]) + "?fane=forloeb").content.decode()
    assert 'id="lifeline"' in body


def test_openings_near_the_citizen_with_the_same_tasks(logged_in, case, contact):
    near = make_company(name="Nær Lager ApS", postal_code="8200")
    far = make_company(name="Fjern Lager ApS", postal_code="9990")
    make_job(company=near, title="Pakning af varer", tasks=["Pakning af varer"])  # same task, other words
    make_job(company=near, title="Kontorhjælp", tasks=["arkivering"])
    make_job(company=far, title="Pakkehjælp Skagen", tasks=["pakke varer"])
    body = logged_in.get(reverse("cases:detail", args=[case.pk]) + "?fane=forloeb").content.decode()
    assert "Pakning af varer" in body and "Kontorhjælp" not in body and "Pakkehjælp Skagen" not in body
    assert "Start forløb herfra" in body


def _many(job_broker, n, company, contact):
    for i in range(n):
        case = make_case(primary=job_broker, name=f"Borger {i}")
        p = services.placement_create(actor=None, case=case, company=company, contact=contact, kind="ordinaere_timer",
                                      start=dt.date(2025, 3, 3), agreement=dict(AGREEMENT))
        services.hours_save(actor=None, placement=p, weeks=[{"week": dt.date(2025, 3, 3), "internship_hours": 1,
                                                             "ordinary_hours": 1}])


def test_query_counts_do_not_grow_with_rows(logged_in, job_broker, company, contact, case):
    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert logged_in.get(url).status_code == 200
        return len(ctx.captured_queries)

    p = services.placement_create(actor=None, case=case, company=company, contact=contact, kind="ordinaere_timer",
                                  start=dt.date(2025, 3, 3), agreement=dict(AGREEMENT))
    services.follow_up_record(actor=None, placement=p, date=dt.date(2025, 3, 7), place="x", participants="y",
                              ratings=[{"task": "pakke varer", "citizen_rating": 5, "company_rating": 9}])
    tab = reverse("cases:detail", args=[case.pk]) + "?fane=forloeb"
    flagged = reverse("placements:flagged")
    detail = _url("detail", p)
    count(tab)  # warm the matching tables the tab's openings are read from
    before = (count(tab), count(flagged), count(detail))
    _many(job_broker, 4, company, contact)
    for i in range(3):
        services.placement_create(actor=None, case=case, company=company, contact=contact, kind="ordinaere_timer",
                                  start=dt.date(2025, 3, 3 + i), agreement=dict(AGREEMENT))
        services.follow_up_record(actor=None, placement=p, date=dt.date(2025, 3, 10 + i), place="x", participants="y",
                                  ratings=[{"task": "pakke varer", "citizen_rating": 5, "company_rating": 9}])
    services.hours_save(actor=None, placement=p, weeks=[{"week": dt.date(2025, 3, 3 + 7 * w), "internship_hours": 5,
                                                         "ordinary_hours": 0} for w in range(4)])
    count(tab)  # the matching index applies the writes since (matching/index.py): once, not per row shown
    assert (count(tab), count(flagged), count(detail)) == before
    assert len(logged_in.get(flagged).context["placements"]) >= 5  # every one is overdue by now


def test_company_picker_searches_by_name_or_cvr_and_keeps_the_list_short(logged_in, case, company, contact,
                                                                         monkeypatch):
    from jobspor.placements import views

    monkeypatch.setattr(views, "COMPANY_OPTIONS", 2)
    for name in ("Bageriet Aps", "Cykelhandlen", "Dagligvarer A/S"):
        other = make_company(name=name)
        contact_save(actor=None, company=other, name="Kontakt", role="Leder", phone="20304050", email="k@x.dk")
    url = reverse("placements:create", args=[case.pk])
    page = logged_in.get(url)
    assert [label for _, label in page.context["company_options"]] == ["Bageriet Aps", "Cykelhandlen"]
    assert "Viser 2 af 4" in page.content.decode()
    found = logged_in.get(url, {"find": "NORDLAG"}).context["company_options"]
    assert found == [(company.pk, "Nordlager ApS")]
    assert logged_in.get(url, {"find": company.cvr}).context["company_options"] == [(company.pk, company.name)]
    nothing = logged_in.get(url, {"find": "zzz"})
    assert nothing.context["company_options"] == [] and "Ingen virksomheder passer" in nothing.content.decode()
    # The chosen company stays in the select even when the search would hide it.
    chosen = logged_in.get(url, {"find": "bager", "company": company.pk}).context["company_options"]
    assert chosen[0] == (company.pk, "Nordlager ApS")


def test_a_stale_agreement_form_is_refused_and_changes_nothing(logged_in, placement):
    url = _url("agreement_edit", placement)
    seen = logged_in.get(url).context["form"]["seen"].value()
    agreement = services.current_agreement(placement)
    data = {"goal": "Ordinære timer", "tasks_text": "pakke varer", "hours_per_week": "10", "conversion": "x",
            "follow_up_weeks": "2", "start": f"{agreement.start:%Y-%m-%d}", "seen": seen}
    assert logged_in.post(url, data | {"goal": "Første mål"}).status_code == 302  # the other user saves first
    response = logged_in.post(url, data | {"goal": "Andet mål"})  # a save from the form opened before
    assert response.status_code == 400
    assert "arbejdsaftalen er ændret, siden du åbnede den" in response.content.decode()
    assert services.current_agreement(placement).goal == "Første mål"
    fresh = response.context["form"]["seen"].value()
    assert fresh != seen and logged_in.post(url, data | {"goal": "Andet mål", "seen": fresh}).status_code == 302
