"""Event verbs of letters (stored in audit.Event.verb)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterVerb(models.TextChoices):
    DRAFTED = "letter_drafted", _("Brev oprettet som kladde")
    EDITED = "letter_edited", _("Brevkladde rettet")
    DISCARDED = "letter_discarded", _("Brevkladde slettet")
    QUEUED = "letter_queued", _("Brev lagt i udbakken")
    SENT = "letter_sent", _("Brev sendt")
    FAILED = "letter_failed", _("Afsendelse af brev fejlede")
    EXEMPTION_SET = "digital_post_exemption", _("Fritagelse for Digital Post registreret")
    EXEMPTION_ENDED = "digital_post_exemption_ended", _("Fritagelse for Digital Post ophævet")
