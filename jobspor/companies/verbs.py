"""Event verbs of the company side (stored in audit.Event.verb; kept here so audit's migrations stay as they are)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CompanyVerb(models.TextChoices):
    COMPANY_CREATED = "company_created", _("Virksomhed oprettet")
    COMPANY_UPDATED = "company_updated", _("Virksomhed ændret")
    OWNER_CHANGED = "company_owner_changed", _("Virksomhedens ejer skiftet")
    CONTACT_SAVED = "company_contact_saved", _("Kontaktperson gemt")
    CONTACT_REMOVED = "company_contact_removed", _("Kontaktperson fjernet")
    WORKPLACE_SAVED = "workplace_saved", _("Arbejdssted gemt")
    AGREEMENT_SAVED = "agreement_saved", _("Partnerskabsaftale gemt")
    INTERACTION_LOGGED = "interaction_logged", _("Kontakt med virksomhed registreret")
    STRATEGY_CHANGED = "contact_strategy_changed", _("Kontaktstrategi ændret")
