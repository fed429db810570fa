from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    """What came of proposing a candidate to the company."""

    PENDING = "afventer", _("Afventer")
    DECLINED_BY_CITIZEN = "afvist_af_borger", _("Afvist af borger")
    DECLINED_BY_COMPANY = "afvist_af_virksomhed", _("Afvist af virksomhed")
    INTERVIEW = "samtale", _("Samtale")
    PLACEMENT_STARTED = "forloeb_startet", _("Forløb startet")
    HIRED = "ansat", _("Ansat")


# Outcomes that count as the company accepting the candidate (feeds the company's history in the score).
ACCEPTED = {Outcome.INTERVIEW, Outcome.PLACEMENT_STARTED, Outcome.HIRED}


class MatchVerb(models.TextChoices):
    SHORTLIST_ADDED = "shortlist_added", _("Kandidat sat på shortliste")
    SHORTLIST_SENT = "shortlist_sent", _("Shortliste sendt til virksomheden")
    SHORTLIST_OUTCOME = "shortlist_outcome", _("Udfald af kandidatforslag registreret")
    PLACES_SET = "opening_places_set", _("Antal pladser på jobåbning sat")
