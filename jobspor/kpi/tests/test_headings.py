"""Issue 14, point 8: every dashboard, drill-down and export names the unit, period and filters it shows, and
dates in Excel are dates. And the bad input: a unit or period the viewer may not see gives a Danish message and
no number."""

import csv
import datetime as dt
import html
import io

from django.urls import reverse
from openpyxl import load_workbook

from jobspor.audit.models import AccessLog
from jobspor.testing.factories import EmployeeFactory, make_case

PARAMS = {"start": "2025-01-01", "end": "2025-12-31", "fsm_group": "1", "benefit": "kontanthjaelp_aktivitetsparat"}
LINES = ["Periode: 1. januar 2025–31. december 2025",
         "Filtre: 'Flere skal med'-gruppe: 1 – Indsats; Ydelse: Kontanthjælp, aktivitetsparat"]


def test_dashboard_and_drill_down_name_unit_period_and_filters(client, job_broker, team):
    leader = EmployeeFactory(team=team, roles=["leder"])
    make_case(primary=job_broker, fsm_group=1)
    client.force_login(leader.user)
    body = client.get(reverse("kpi:dashboard"), {**PARAMS, "team": team.pk}).content.decode()
    scope = html.unescape(body.split('id="kpi-scope">')[1].split("</p>")[0])
    assert "Enhed: Team Nord" in scope and all(line in scope for line in LINES)
    body = client.get(reverse("kpi:drill"), {**PARAMS, "team": team.pk, "measure": "population"}).content.decode()
    scope = html.unescape(body.split('id="kpi-scope">')[1].split("</p>")[0])
    assert "Enhed: Team Nord" in scope and all(line in scope for line in LINES)


def test_exported_cases_carry_a_heading_and_real_dates(client, job_broker, team):
    leader = EmployeeFactory(team=team, roles=["leder"])
    case = make_case(primary=job_broker, fsm_group=1, opened=dt.date(2025, 2, 3))
    client.force_login(leader.user)
    response = client.get(reverse("kpi:export"), {**PARAMS, "team": team.pk, "table": "cases",
                                                  "measure": "population", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    column = [sheet.cell(row=r, column=1).value for r in range(1, 9)]
    assert column[:5] == ["Sager i perioden", "Nøgletal: Sager i perioden", "Enhed: Team Nord", *LINES]
    assert column[5].startswith("Udtrukket ") and column[6] is None and column[7] == "Sag"
    opened = sheet.cell(row=9, column=5)
    assert sheet.cell(row=9, column=1).value == case.external_id
    assert opened.is_date and opened.value.date() == dt.date(2025, 2, 3) and opened.number_format == "DD-MM-YYYY"
    text = client.get(reverse("kpi:export"), {**PARAMS, "team": team.pk, "table": "cases", "measure": "population",
                                              "format": "csv"}).content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert lines[2] == ["Enhed: Team Nord"] and lines[-1][4] == "2025-02-03"


def test_a_team_outside_the_viewers_access_gives_no_number_and_is_logged(client, job_broker, other_team):
    client.force_login(job_broker.user)
    for name, extra in (("kpi:dashboard", {}), ("kpi:drill", {"measure": "population"}),
                        ("kpi:export", {"table": "kpi", "format": "csv"})):
        response = client.get(reverse(name), {**PARAMS, "team": other_team.pk, **extra})
        assert response.status_code == 403
        assert "Du kan kun se tal for dit eget team (Team Nord)" in response.content.decode()
        assert "attachment" not in response.get("Content-Disposition", "")
    assert AccessLog.objects.filter(user_id=job_broker.user.pk, action="denied").count() == 3


def test_a_period_not_begun_gives_a_danish_message_and_no_number(client, job_broker):
    client.force_login(job_broker.user)
    start = dt.date.today() + dt.timedelta(days=10)
    response = client.get(reverse("kpi:dashboard"), {"start": start.isoformat(),
                                                     "end": (start + dt.timedelta(days=30)).isoformat()})
    body = response.content.decode()
    assert response.status_code == 400 and "Perioden er ikke begyndt endnu" in body and 'id="table-kpi"' not in body
