"""URLs of placements for the project's URL matrix (jobspor/core/tests/test_url_matrix.py)."""

import datetime as dt

from django.urls import reverse

from jobspor.companies.services import contact_save
from jobspor.placements import services
from jobspor.placements.models import Placement
from jobspor.testing.factories import make_company

CITIZEN_URLS = {
    "placements:create": "get",
    "placements:detail": "get",
    "placements:start": "post",
    "placements:end": "get",
    "placements:agreement_edit": "get",
    "placements:agreement": "get",
    "placements:agreement_pdf": "get",
    "placements:sign": "get",
    "placements:hours": "get",
    "placements:follow_up": "get",
    # the case is checked (and a refusal logged) before the week is looked up
    "placements:hours_review": "post",
}
# The queue of company-reported hours: scoped to the user's cases and logged (tests/test_company_portal.py).
OTHER_URLS = {"placements:flagged", "placements:reported_hours"}


def placement_for(case) -> Placement:
    placement = Placement.objects.filter(case=case).first()
    if placement is None:
        company = make_company(name=f"Matrix {case.pk} ApS")
        contact = contact_save(actor=None, company=company, name="Kim Kontakt")
        placement = services.placement_create(
            actor=None, case=case, company=company, contact=contact, kind="ordinaere_timer", start=dt.date(2025, 3, 3),
            agreement={"goal": "Mål", "tasks": ["pakke varer"], "hours_per_week": 5, "conversion": "Løntimer",
                       "start": dt.date(2025, 3, 3)})
    return placement


def url_for(name, case) -> str:
    if name == "placements:create":
        return reverse(name, args=[case.pk])
    placement = placement_for(case)
    if name in {"placements:agreement", "placements:agreement_pdf", "placements:hours_review"}:
        return reverse(name, args=[case.pk, placement.pk, 1])
    return reverse(name, args=[case.pk, placement.pk])
