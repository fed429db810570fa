import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobspor.audit.models import AccessLog
from jobspor.cases.models import CaseStaff
from jobspor.cases.services import case_staff_add
from jobspor.testing.factories import EmployeeFactory, make_case


@pytest.fixture
def logged_in(client, job_broker):
    client.force_login(job_broker.user)
    return client


@pytest.mark.django_db
def test_case_list_query_count_does_not_grow_with_rows(logged_in, job_broker, caseworker):
    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            response = logged_in.get(reverse("cases:list"), {"scope": "alle"})
        assert response.status_code == 200
        return len(ctx.captured_queries)

    make_case(primary=job_broker, name="Første")
    few = count_queries()
    for i in range(20):
        case = make_case(primary=job_broker, name=f"Borger {i}")
        case_staff_add(actor=None, case=case, employee=caseworker, role="myndighedssagsbehandler")
    assert count_queries() == few
    assert few <= 15  # 15: the access log row links to the chain's head (jobspor/audit/chain.py)


@pytest.mark.django_db
def test_search_by_name_cpr_birthdate_and_case_id(logged_in, job_broker):
    a = make_case(primary=job_broker, name="Søren Ærø", birth="150390")
    b = make_case(primary=job_broker, name="Jens Hansen", birth="020285")
    url = reverse("cases:list")

    def names(q):
        body = logged_in.get(url, {"scope": "alle", "q": q}).content.decode()
        return {n for n in ("Søren Ærø", "Jens Hansen") if n in body}

    assert names("ærø") == {"Søren Ærø"}
    assert names("SØREN") == {"Søren Ærø"}
    assert names(a.citizen.cpr[:6] + "-" + a.citizen.cpr[6:]) == {"Søren Ærø"}
    assert names("020285") == {"Jens Hansen"}
    assert names(b.external_id.lower()) == {"Jens Hansen"}


@pytest.mark.django_db
def test_filters_and_pagination(logged_in, job_broker, caseworker):
    for i in range(30):
        make_case(primary=job_broker if i % 2 else caseworker, name=f"Borger {i:02d}",
                  benefit="sygedagpenge" if i < 10 else "a_dagpenge")
    url = reverse("cases:list")
    body = logged_in.get(url, {"scope": "alle", "benefit": "sygedagpenge"}).content.decode()
    assert "10 sager" in body
    body = logged_in.get(url, {"scope": "alle", "primary_contact": caseworker.pk}).content.decode()
    assert "15 sager" in body
    body = logged_in.get(url, {"scope": "alle", "order": "navn"}).content.decode()
    assert "Side 1 af 2" in body and body.index("Borger 00") < body.index("Borger 01")
    body = logged_in.get(url, {"scope": "alle", "order": "navn", "side": 2}).content.decode()
    assert "Borger 29" in body and "Borger 00" not in body
    body = logged_in.get(url, {"scope": "mine"}).content.decode()
    assert "15 sager" in body
    body = logged_in.get(url, {"scope": "alle", "benefit": "nonsense"}).content.decode()
    assert "Marker en gyldig valgmulighed" in body


@pytest.mark.django_db
def test_cpr_is_masked_in_list_and_shown_on_click_with_log(logged_in, job_broker):
    case = make_case(primary=job_broker, name="Jens Hansen")
    cpr = case.citizen.cpr
    body = logged_in.get(reverse("cases:list"), {"scope": "alle"}).content.decode()
    assert f"{cpr[:6]}-xxxx" in body and cpr[6:] not in body.replace(case.external_id, "")
    body = logged_in.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f"{cpr[:6]}-{cpr[6:]}" not in body
    response = logged_in.post(reverse("cases:cpr", args=[case.pk]), HTTP_HX_REQUEST="true")
    assert f"{cpr[:6]}-{cpr[6:]}" in response.content.decode()
    assert AccessLog.objects.filter(citizen_id=case.citizen_id, action="cpr_reveal").count() == 1


@pytest.mark.django_db
def test_staff_add_remove_and_primary_from_case_page(logged_in, job_broker, caseworker):
    case = make_case(primary=job_broker)
    url = reverse("cases:staff_add", args=[case.pk])
    response = logged_in.post(url, {"employee": caseworker.pk, "role": "myndighedssagsbehandler"})
    assert response.status_code == 302
    link = CaseStaff.objects.get(case=case, employee=caseworker)
    logged_in.post(reverse("cases:staff_primary", args=[case.pk, link.pk]))
    link.refresh_from_db()
    assert link.is_primary
    old = CaseStaff.objects.get(case=case, employee=job_broker)
    logged_in.post(reverse("cases:staff_remove", args=[case.pk, old.pk]))
    assert not CaseStaff.objects.filter(pk=old.pk).exists()
    response = logged_in.post(url, {"employee": "", "role": "mentor"})
    assert response.status_code == 400 and "Dette felt er påkrævet" in response.content.decode()


@pytest.mark.django_db
def test_create_case_with_bad_input_shows_danish_errors_and_saves_nothing(logged_in):
    from jobspor.cases.models import Case

    response = logged_in.post(reverse("cases:create"), {
        "cpr": "311387-1234", "name": "", "postal_code": "0001", "benefit": "xyz", "opened": "2025-01-01",
        "primary_role": "jobformidler"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "gyldig fødselsdato" in body and "Ukendt postnummer" in body and "Dette felt er påkrævet" in body
    assert Case.objects.count() == 0
    response = logged_in.post(reverse("cases:create"), {
        "cpr": "010387-4321", "name": "Jens Hansen", "postal_code": "8210", "benefit": "sygedagpenge",
        "opened": "2025-01-01", "primary_role": "jobformidler"})
    assert response.status_code == 302 and Case.objects.count() == 1


@pytest.mark.django_db
def test_case_edit_close_without_reason_is_refused(logged_in, job_broker):
    case = make_case(primary=job_broker)
    response = logged_in.post(reverse("cases:edit", args=[case.pk]), {
        "benefit": case.benefit, "opened": "2025-01-10", "closed": "2025-02-01", "close_reason": ""})
    assert response.status_code == 400 and "afslutningsårsag" in response.content.decode()
    case.refresh_from_db()
    assert case.closed is None


@pytest.mark.django_db
def test_other_team_member_in_same_team_sees_case(client, job_broker, team):
    case = make_case(primary=job_broker)
    colleague = EmployeeFactory(team=team, roles=["myndighedssagsbehandler"])
    client.force_login(colleague.user)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200


@pytest.mark.django_db
def test_mentor_sees_contact_details_but_not_assessments_or_history(client, job_broker, other_team):
    case = make_case(primary=job_broker, name="Mette Mentee")
    mentor = EmployeeFactory(team=other_team, roles=["mentor"])
    case_staff_add(actor=None, case=case, employee=mentor, role="mentor")
    client.force_login(mentor.user)
    url = reverse("cases:detail", args=[case.pk])

    page = client.get(url).content.decode()
    assert "Mette Mentee" in page
    assert "Vurderinger" not in page and "Historik" not in page
    assert "Ydelse" not in page  # the case itself (benefit, target group) is not the mentor's business
    assert client.get(url, {"fane": "vurderinger"}).status_code == 403
    assert client.get(url, {"fane": "historik"}).status_code == 403

    client.force_login(job_broker.user)
    page = client.get(url).content.decode()
    assert "Vurderinger" in page and "Ydelse" in page


@pytest.mark.django_db
def test_name_search_matches_the_start_of_any_name_word(logged_in, job_broker):
    from jobspor.citizens.services import citizen_save

    jens = make_case(primary=job_broker, name="Jens Hansen")
    hanne = make_case(primary=job_broker, name="Hanne Ærø-Berg")
    make_case(primary=job_broker, name="Ole Johansen")

    def found(term):
        page = logged_in.get(reverse("cases:list"), {"scope": "alle", "q": term}).content.decode()
        return {name for name in ("Jens Hansen", "Hanne Ærø-Berg", "Ole Johansen", "Hanne Holm") if name in page}

    assert found("han") == {"Jens Hansen", "Hanne Ærø-Berg"}
    assert found("jens han") == {"Jens Hansen"}
    assert found("ÆRØ") == {"Hanne Ærø-Berg"} == found("berg")
    citizen_save(actor=job_broker.user, citizen=hanne.citizen, cpr=hanne.citizen.cpr, name="Hanne Holm")
    assert found("berg") == set()
    assert found("holm") == {"Hanne Holm"}
    assert found(jens.external_id) == {"Jens Hansen"}
