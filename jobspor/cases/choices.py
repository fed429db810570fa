"""Vocabularies of a case. Codes exactly as interchange.md; Danish names for the UI."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Benefit(models.TextChoices):
    A_DAGPENGE = "a_dagpenge", _("A-dagpenge")
    KONTANTHJAELP_JOBPARAT = "kontanthjaelp_jobparat", _("Kontanthjælp, jobparat")
    KONTANTHJAELP_AKTIVITETSPARAT = "kontanthjaelp_aktivitetsparat", _("Kontanthjælp, aktivitetsparat")
    UDDANNELSESHJAELP_AABENLYST = (
        "uddannelseshjaelp_aabenlyst_uddannelsesparat", _("Uddannelseshjælp, åbenlyst uddannelsesparat"))
    UDDANNELSESHJAELP_UDDANNELSESPARAT = (
        "uddannelseshjaelp_uddannelsesparat", _("Uddannelseshjælp, uddannelsesparat"))
    UDDANNELSESHJAELP_AKTIVITETSPARAT = (
        "uddannelseshjaelp_aktivitetsparat", _("Uddannelseshjælp, aktivitetsparat"))
    SELVFORSOERGELSESYDELSE = (
        "selvforsoergelses_og_hjemrejseydelse", _("Selvforsørgelses- og hjemrejseydelse"))
    SYGEDAGPENGE = "sygedagpenge", _("Sygedagpenge")
    JOBAFKLARINGSFORLOEB = "jobafklaringsforloeb", _("Jobafklaringsforløb")
    RESSOURCEFORLOEB = "ressourceforloeb", _("Ressourceforløb")
    LEDIGHEDSYDELSE = "ledighedsydelse", _("Ledighedsydelse")
    REVALIDERING = "revalidering", _("Revalidering")
    INGEN_YDELSE = "ingen_ydelse", _("Ingen ydelse")


class TargetGroup(models.IntegerChoices):
    CLOSEST = 1, _("1 – Tættest på arbejdsmarkedet")
    VULNERABLE = 2, _("2 – Udsatte borgere")
    EDUCATION_READY = 3, _("3 – Uddannelsesparate unge")


class FsmGroup(models.IntegerChoices):
    EFFORT = 1, _("1 – Indsats")
    REHABILITATION = 2, _("2 – Rehabilitering")
    CANNOT_TAKE_PART = 3, _("3 – Kan ikke deltage nu (underretning)")


class CloseReason(models.TextChoices):
    ORDINARY_EMPLOYMENT = "ordinaer_beskaeftigelse", _("Ordinær beskæftigelse")
    ORDINARY_EDUCATION = "ordinaer_uddannelse", _("Ordinær uddannelse")
    FLEX_JOB = "fleksjob", _("Fleksjob")
    DISABILITY_PENSION = "foertidspension", _("Førtidspension")
    RESOURCE_PROGRAMME = "ressourceforloeb", _("Ressourceforløb")
    JOB_CLARIFICATION = "jobafklaringsforloeb", _("Jobafklaringsforløb")
    MOVED = "flyttet", _("Flyttet")
    OTHER_SUPPORT = "anden_forsoergelse", _("Anden forsørgelse")
    STATE_PENSION = "folkepension", _("Folkepension")
    OTHER = "andet", _("Andet")


class CaseStatus(models.TextChoices):
    ACTIVE = "active", _("Aktiv")
    CLOSED = "closed", _("Afsluttet")
