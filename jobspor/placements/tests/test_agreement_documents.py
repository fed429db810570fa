"""An agreement document of any shape renders: made in Jobspor, imported, or frozen by an older version (the demo
once froze short documents without `follow_up_weeks`, and every page showing one answered 500)."""

import datetime as dt
import subprocess

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from jobspor.placements import services
from jobspor.placements.documents import readable
from jobspor.placements.models import WorkAgreement

# What the demo froze before documents were built by services.agreement_document.
OLD_DEMO = {"agreement": {"placement": "DEMO-P000001", "version": 1}, "goal": "Ordinære timer",
            "tasks": ["pakke varer", "rengøre lager"], "hours_per_week": "10.0", "start": "2025-03-03",
            "company": {"name": "Nordlager ApS", "contact": "Mette Lund"}, "citizen": {"name": "Jens Hansen"}}
IMPORTED = {"imported": True, "placement": "P1", "signed_on": "2025-03-03"}


@pytest.mark.parametrize("doc, shown", [
    (OLD_DEMO, ["Jens Hansen", "Nordlager ApS", "pakke varer", "3. marts 2025",
                "Hvor ofte der følges op på arbejdspladsen, er ikke angivet.", "Ikke angivet"]),
    (IMPORTED, ["Importeret: aftalen blev underskrevet af alle parter 3. marts 2025."]),
    ({}, ["Ikke angivet"]),
    (None, ["Ikke angivet"]),
    (OLD_DEMO | {"follow_up_weeks": "3", "tasks": "pakke varer\nrengøre lager"}, ["hver 3. uge", "rengøre lager"]),
    (OLD_DEMO | {"follow_up_weeks": 1, "company": "Nordlager"}, ["Opfølgning på arbejdspladsen hver uge."]),
])
def test_every_document_shape_renders(doc, shown):
    html = render_to_string("placements/_document.html", {"doc": doc})
    for text in shown:
        assert text in html


def test_readable_fills_every_key_the_template_reads():
    full = readable(OLD_DEMO)
    assert full["follow_up_weeks"] is None and full["sub_goals"] == [] and full["company"]["cvr"] is None
    assert readable({"follow_up_weeks": 0})["follow_up_weeks"] is None
    assert readable({"follow_up_weeks": 2})["follow_up_weeks"] == 2


@pytest.fixture
def logged_in(client, job_broker):
    client.force_login(job_broker.user)
    return client


def _pages(placement, version):
    args = [placement.case_id, placement.pk]
    return [reverse("placements:detail", args=args), reverse("placements:agreement", args=[*args, version]),
            reverse("placements:agreement_pdf", args=[*args, version])]


def _pdf_text(content, tmp_path):
    (tmp_path / "a.pdf").write_bytes(content)
    return subprocess.run(["pdftotext", str(tmp_path / "a.pdf"), "-"], capture_output=True, text=True).stdout


def test_an_imported_agreement_shows_on_every_page(logged_in, case, company, contact, job_broker, tmp_path):
    placement = services.placement_upsert(
        actor=None, external_id="P1", case=case, company=company, kind="virksomhedspraktik", purpose=1,
        start=dt.date(2025, 3, 3), end=None, end_reason="", agreement_signed=dt.date(2025, 3, 3))
    detail, view, pdf = _pages(placement, 1)
    for url in (detail, view):
        response = logged_in.get(url)
        assert response.status_code == 200, url
        assert "Importeret: aftalen blev underskrevet af alle parter 3. marts 2025" in response.content.decode()
    response = logged_in.get(pdf)
    assert response.status_code == 200
    assert "Importeret" in _pdf_text(response.content, tmp_path)


def test_a_document_frozen_by_an_older_version_shows_on_every_page(logged_in, case, company, contact, job_broker,
                                                                   tmp_path):
    placement = services.placement_create(actor=job_broker.user, case=case, company=company, contact=contact,
                                          kind="virksomhedspraktik", purpose=1, start=dt.date(2025, 3, 3))
    WorkAgreement.objects.create(placement=placement, version=1, goal="Ordinære timer", tasks=["pakke varer"],
                                 hours_per_week=10, conversion="Se aftalen.", start=dt.date(2025, 3, 3),
                                 signed_on=dt.date(2025, 3, 3), document=OLD_DEMO,
                                 content_hash=services.document_hash(OLD_DEMO))
    detail, view, pdf = _pages(placement, 1)
    for url in (detail, view):
        response = logged_in.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "pakke varer" in body and "Hvor ofte der følges op på arbejdspladsen, er ikke angivet." in body
    response = logged_in.get(pdf)
    assert response.status_code == 200
    assert "rengøre lager" in _pdf_text(response.content, tmp_path)

