"""The parts of a company that are edited on a page of their own: contact persons, workplaces (P-units) and
partnership agreements. One table so that the edit view, its URL and the "Ret" links stay one way of doing it."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from . import services
from .forms import AgreementForm, ContactForm, WorkplaceForm
from .models import CompanyContact, PartnershipAgreement, Workplace


@dataclass(frozen=True)
class Part:
    model: Any
    form: Any
    save: Any  # the service; takes the object as `keyword`
    keyword: str
    fields: tuple
    tab: str  # the company page's tab to go back to
    title: Any
    saved: Any


PARTS = {
    "kontaktperson": Part(CompanyContact, ContactForm, services.contact_save, "contact",
                          ("name", "role", "phone", "email"), "kontakter", _("Ret kontaktperson"),
                          _("Kontaktpersonen er gemt.")),
    "arbejdssted": Part(Workplace, WorkplaceForm, services.workplace_save, "workplace",
                        ("p_number", "name", "address", "postal_code_id"), "kontakter", _("Ret arbejdssted"),
                        _("Arbejdsstedet er gemt.")),
    "aftale": Part(PartnershipAgreement, AgreementForm, services.agreement_save, "agreement",
                   ("starts", "ends", "company_commits", "jobcentre_commits", "placements_per_year",
                    "ordinary_hours_per_week"), "aftaler", _("Ret partnerskabsaftale"),
                   _("Partnerskabsaftalen er gemt.")),
}


def initial(part: Part, obj) -> dict:
    return {name.removesuffix("_id"): getattr(obj, name) for name in part.fields}
