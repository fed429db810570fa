from django.db import models
from django.utils.translation import gettext_lazy as _


class Strand(models.IntegerChoices):
    """The method's three strands (seed 004, "Hvordan arbejder man med JobFirst-metoden?")."""

    CITIZEN = 1, _("Spor 1: Borgersamarbejdet")
    COMPANY = 2, _("Spor 2: Virksomhedssamarbejdet")
    INTERNAL = 3, _("Spor 3: Internt i jobcentret")


class AnswerValue(models.TextChoices):
    YES = "yes", _("Ja")
    PARTLY = "partly", _("Delvist")
    NO = "no", _("Nej")


# The score of an answer: yes counts fully, partly half, no nothing (unanswered questions are left out).
POINTS = {AnswerValue.YES: 1.0, AnswerValue.PARTLY: 0.5, AnswerValue.NO: 0.0}


class FidelityVerb(models.TextChoices):
    ANSWERED = "fidelity_answered", _("Test praksis besvaret")
    ANSWER_CHANGED = "fidelity_answer_changed", _("Svar i Test praksis ændret")
    NORM_SET = "caseload_norm_set", _("Norm for sagsstamme sat")
