"""The placement's vocabularies. Kind and purpose codes as in interchange.md."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlacementKind(models.TextChoices):
    INTERNSHIP = "virksomhedspraktik", _("Virksomhedspraktik")
    WAGE_SUBSIDY_PRIVATE = "loentilskud_privat", _("Løntilskud, privat")
    WAGE_SUBSIDY_PUBLIC = "loentilskud_offentlig", _("Løntilskud, offentlig")
    ORDINARY_HOURS = "ordinaere_timer", _("Ordinære timer")
    FLEX_JOB = "fleksjob", _("Fleksjob")
    JOB_ROTATION = "jobrotation", _("Jobrotation")
    ADULT_APPRENTICE = "voksenlaerling", _("Voksenlærling")
    ORDINARY_EDUCATION = "ordinaer_uddannelse", _("Ordinær uddannelse")
    UTILITY_JOB = "nytteindsats", _("Nytteindsats")


class Purpose(models.IntegerChoices):
    """Why an internship (seed 004): the purpose must be clear to citizen, company and jobcentre."""

    ORDINARY_HOURS = 1, _("1 – På vej mod ordinære timer")
    COMPETENCIES = 2, _("2 – Optræne kompetencer (dokumentation til CV)")
    JOB_GOAL = 3, _("3 – Afklare jobmål: er det noget for mig?")


class PlacementStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    ACTIVE = "active", _("I gang")
    ENDED = "ended", _("Afsluttet")


class EndReason(models.TextChoices):
    ORDINARY_EMPLOYMENT = "ordinaer_beskaeftigelse", _("Ordinær beskæftigelse")
    MORE_HOURS_ELSEWHERE = "flere_timer_andetsteds", _("Flere ordinære timer andetsteds")
    NO_PROGRESSION = "ingen_progression", _("Ingen progression – ny virksomhed")
    ILLNESS = "sygdom", _("Sygdom")
    STOPPED_BY_CITIZEN = "stoppet_af_borger", _("Stoppet af borger")
    STOPPED_BY_COMPANY = "stoppet_af_virksomhed", _("Stoppet af virksomhed")
    OTHER = "andet", _("Andet")


class SignatureChannel(models.TextChoices):
    """How the signer proved who they were."""

    DEVICE = "enhed", _("På jobcentrets enhed (navn og evt. tegnet underskrift)")
    MITID = "mitid", _("Med eget MitID på Min side")
    MITID_ERHVERV = "mitid_erhverv", _("Med eget MitID Erhverv på Virksomhedsindgangen")


class HoursStatus(models.TextChoices):
    """Where a week's hours come from and whether the jobcentre has checked them."""

    RECORDED = "recorded", _("Registreret af jobcentret")
    REPORTED = "reported", _("Indberettet af virksomheden – venter på bekræftelse")
    CONFIRMED = "confirmed", _("Indberettet af virksomheden – bekræftet")
    QUERIED = "queried", _("Indberettet af virksomheden – jobcentret har et spørgsmål")


class SignerRole(models.TextChoices):
    CITIZEN = "borger", _("Borger")
    COMPANY = "virksomhed", _("Virksomhed")
    JOBCENTRE = "jobcenter", _("Jobcenter")


# Company placements in kpi.md's sense (nytteindsats is not one).
COMPANY_PLACEMENT_KINDS = [k for k in PlacementKind.values if k != PlacementKind.UTILITY_JOB]

# Which kind of CV experience a placement becomes when it ends.
CV_EXPERIENCE_KIND = {PlacementKind.INTERNSHIP: "praktik", PlacementKind.UTILITY_JOB: "praktik",
                      PlacementKind.ORDINARY_EDUCATION: "uddannelse"}

# A job opening's kind → the placement kind it most likely starts (wage subsidy: by the company's sector).
KIND_FROM_JOB = {"ordinaer_stilling": PlacementKind.ORDINARY_HOURS, "smaajob": PlacementKind.ORDINARY_HOURS,
                 "virksomhedspraktik": PlacementKind.INTERNSHIP, "jobrotation": PlacementKind.JOB_ROTATION,
                 "voksenlaerling": PlacementKind.ADULT_APPRENTICE, "fleksjob": PlacementKind.FLEX_JOB}

HOURS_MAX = 60
RATING_MIN, RATING_MAX = 1, 10
MASTERED_RATING = 8  # a company rating from which a task counts as mastered (seed 004: convert to paid hours)
MASTERED_WEEKS = 4
