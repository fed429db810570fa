"""Min side, "Hvem har set mine oplysninger": every look-up of my data by others (when, organisation unit, role,
purpose), never my own reads; names only where the municipality has decided so; filterable, downloadable, paged,
and a page costs the same number of queries however many rows there are."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobspor.audit.models import AccessLog
from jobspor.audit.services import access_log_write, actor_unit
from jobspor.testing.factories import EmployeeFactory, TeamFactory, citizen_login, make_case

URL = "/min-side/hvem-har-set/"


@pytest.fixture
def case(job_broker):
    return make_case(primary=job_broker, name="Jens Hansen")


def staff_read(employee, case, *, purpose="Sagsbehandling", action="view", at=None, subject="cv:pdf"):
    if at is None:
        access_log_write(actor=employee.user, action=action, purpose=purpose, citizen_ids=[case.citizen_id],
                         case_ids=[case.pk], subject=subject)
        return
    # The log is append-only: a row from the past is written as such.
    organisation, role = actor_unit(employee.user)
    AccessLog.objects.create(at=at, user_id=employee.user.pk, actor=employee.name, citizen_id=case.citizen_id,
                             case_id=case.pk, action=action, purpose=purpose, subject=subject,
                             organisation=organisation, role=role)


def test_i_see_others_look_ups_not_my_own(client, case, job_broker, team):
    staff_read(job_broker, case)
    user = citizen_login(client, case.citizen)
    client.get(reverse("minside:home"))  # my own reads
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "1 opslag" in page
    assert f"{team.department.name} – Team Nord · Jobformidler" in page
    assert "Så dine oplysninger (CV som PDF)" in page and "Sagsbehandling" in page
    assert "Anne Holm" not in page  # names are off by default
    assert AccessLog.objects.filter(user_id=user.pk, citizen_id=case.citizen_id).count() >= 2  # logged, not shown


def test_names_when_the_municipality_says_so(client, case, job_broker):
    staff_read(job_broker, case)
    citizen_login(client, case.citizen)
    with override_settings(JOBSPOR_ACCESS_LOG_SHOW_NAMES=True):
        page = client.get(URL).content.decode()
    assert "Anne Holm" in page and "anne" not in page.split("Anne Holm")[1][:5]


def test_old_rows_without_organisation_show_the_team_or_jobcentret(client, case, job_broker):
    AccessLog.objects.create(user_id=job_broker.user.pk, actor="Anne Holm (anne)", citizen_id=case.citizen_id,
                             action="view", purpose="Sagsbehandling")
    AccessLog.objects.create(user_id=None, actor="kommando (root)", citizen_id=case.citizen_id,
                             action="export", purpose="Eksport")
    citizen_login(client, case.citizen)
    page = client.get(URL).content.decode()
    assert "Team Nord" in page
    assert "Jobcentret" in page and "Hentede dine oplysninger ud af systemet" in page


def test_filter_by_period_and_organisation_and_download(client, case, job_broker):
    south = EmployeeFactory(name="Sofie Syd", team=TeamFactory(name="Team Syd"), roles=["virksomhedskonsulent"])
    now = timezone.now()
    staff_read(job_broker, case, at=now - dt.timedelta(days=40))
    staff_read(south, case, purpose="Match til virksomhed")
    citizen_login(client, case.citizen)
    recent = client.get(URL, {"fra": (now - dt.timedelta(days=7)).date().isoformat()}).content.decode()
    assert "1 opslag" in recent and "Team Syd" in recent and "Team Nord ·" not in recent
    unit = AccessLog.objects.filter(user_id=south.user.pk).get().organisation
    only_south = client.get(URL, {"enhed": unit}).content.decode()
    assert "1 opslag" in only_south and "Virksomhedskonsulent" in only_south
    download = client.get(URL, {"enhed": unit, "format": "csv"})
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Tidspunkt", "Organisation", "Rolle"]
    assert len(rows) == 2 and rows[1][1] == unit and rows[1][-1] == "Match til virksomhed"
    excel = client.get(URL, {"format": "xlsx"})
    assert excel.status_code == 200 and excel.content.startswith(b"PK")


def test_a_period_that_makes_no_sense_is_refused(client, case, job_broker):
    staff_read(job_broker, case)
    citizen_login(client, case.citizen)
    response = client.get(URL, {"fra": "2026-05-01", "til": "2026-04-01"})
    assert response.status_code == 400
    assert "Til-datoen ligger før fra-datoen" in response.content.decode()
    assert client.get(URL, {"fra": "i går"}).status_code == 400


def test_another_citizens_log_is_not_mine(client, case, job_broker):
    other = make_case(primary=job_broker, name="Karen Andersen")
    staff_read(job_broker, other)
    citizen_login(client, case.citizen)
    assert "0 opslag" in client.get(URL).content.decode()


def test_paged_and_the_query_count_does_not_grow_with_rows(client, case, job_broker):
    others = [EmployeeFactory(team=TeamFactory(name=f"Team {n}")) for n in range(3)]
    citizen_login(client, case.citizen)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    staff_read(job_broker, case)
    few = queries()
    for n in range(40):
        staff_read(others[n % 3], case)
    AccessLog.objects.create(user_id=None, actor="kommando", citizen_id=case.citizen_id, action="command",
                             purpose="Match")
    many = queries()
    assert many == few, (few, many)
    page = client.get(URL).content.decode()
    assert "42 opslag" in page and "Side 1 af 2" in page
    assert "Side 2 af 2" in client.get(URL, {"side": 2}).content.decode()


def test_a_download_holds_no_formulas(client, case):
    AccessLog.objects.create(user_id=None, actor="x", citizen_id=case.citizen_id, action="view",
                             purpose="=HYPERLINK(\"http://x\")", organisation="@Firma ApS (CVR 12345678)",
                             role="Virksomhed")
    citizen_login(client, case.citizen)
    text = client.get(URL, {"format": "csv"}).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@Firma" in text
