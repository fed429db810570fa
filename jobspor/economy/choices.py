"""The vocabulary of the calculator: benefit schemes, their rate categories and the kinds of rates.

The STRUCTURE of the rules (which categories a scheme has, who gets which supplement) is code; every AMOUNT and
percentage is data (models.Rate, models.EarningsRule), dated and sourced, so next year's rates need no code."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jobspor.cases.choices import Benefit


class Scheme(models.TextChoices):
    KONTANTHJAELP = "kontanthjaelp", _("Kontanthjælp")
    LEDIGHEDSYDELSE = "ledighedsydelse", _("Ledighedsydelse")
    RESSOURCEFORLOEBSYDELSE = "ressourceforloebsydelse", _("Ressourceforløbsydelse")
    SYGEDAGPENGE = "sygedagpenge", _("Sygedagpenge")


class Category(models.TextChoices):
    # Kontanthjælp from 1 July 2025 (aalborg.dk, "Det skal du vide om det nye kontanthjælpssystem").
    MINDSTESATS = "mindstesats", _("Mindstesats")
    GRUNDSATS = "grundsats", _("Grundsats")
    FORHOEJET = "forhoejet_sats", _("Forhøjet sats")
    HJEMMEBOENDE = "hjemmeboende", _("Hjemmeboende under 30 år")
    # The other schemes have one rate here (the sources give no categories for them).
    STANDARD = "standard", _("Almindelig sats")


SCHEME_CATEGORIES = {
    Scheme.KONTANTHJAELP: [Category.MINDSTESATS, Category.GRUNDSATS, Category.FORHOEJET, Category.HJEMMEBOENDE],
    Scheme.LEDIGHEDSYDELSE: [Category.STANDARD],
    Scheme.RESSOURCEFORLOEBSYDELSE: [Category.STANDARD],
    Scheme.SYGEDAGPENGE: [Category.STANDARD],
}


class RateKind(models.TextChoices):
    BASE = "sats", _("Sats (grundbeløb)")
    # Kontanthjælp's supplements (kalundborg.dk, "Tillæg til kontanthjælp").
    CHILD = "boernetillaeg", _("Børnetillæg")
    SINGLE_PROVIDER = "enlig_forsoerger", _("Tillæg til enlige forsørgere")
    SINGLE_NON_PROVIDER = "enlig_ikke_forsoerger", _("Tillæg til enlige ikke-forsørgere")
    YOUTH_18_24 = "ungetillaeg_18_24", _("Særligt ungetillæg, 18–24 år, ikke-forsørger")
    YOUTH_25_29 = "ungetillaeg_25_29", _("Særligt ungetillæg, 25–29 år, ikke-forsørger")
    YOUTH_PROVIDER = "ungetillaeg_forsoerger", _("Særligt ungetillæg, under 30 år, forsørger")
    # Not paid to anyone: the limit the earnings rule counts from (a percentage of it, per category).
    MAX_DAGPENGE = "hoejeste_dagpengesats", _("Højeste dagpengesats pr. måned (grænse for fuldt fradrag)")


SUPPLEMENTS = [RateKind.CHILD, RateKind.SINGLE_PROVIDER, RateKind.SINGLE_NON_PROVIDER, RateKind.YOUTH_18_24,
               RateKind.YOUTH_25_29, RateKind.YOUTH_PROVIDER]


class AgeBand(models.TextChoices):
    UNDER_25 = "18_24", _("18–24 år")
    FROM_25_TO_29 = "25_29", _("25–29 år")
    FROM_30 = "30_plus", _("30 år eller ældre")


# The case's benefit (cases.choices.Benefit, the codes of interchange.md) → the scheme it is paid under today.
# Uddannelseshjælp and selvforsørgelses- og hjemrejseydelse became kontanthjælp on 1 July 2025.
BENEFIT_SCHEME = {
    Benefit.KONTANTHJAELP_JOBPARAT: Scheme.KONTANTHJAELP,
    Benefit.KONTANTHJAELP_AKTIVITETSPARAT: Scheme.KONTANTHJAELP,
    Benefit.UDDANNELSESHJAELP_AABENLYST: Scheme.KONTANTHJAELP,
    Benefit.UDDANNELSESHJAELP_UDDANNELSESPARAT: Scheme.KONTANTHJAELP,
    Benefit.UDDANNELSESHJAELP_AKTIVITETSPARAT: Scheme.KONTANTHJAELP,
    Benefit.SELVFORSOERGELSESYDELSE: Scheme.KONTANTHJAELP,
    Benefit.LEDIGHEDSYDELSE: Scheme.LEDIGHEDSYDELSE,
    Benefit.RESSOURCEFORLOEB: Scheme.RESSOURCEFORLOEBSYDELSE,
    Benefit.SYGEDAGPENGE: Scheme.SYGEDAGPENGE,
}
ACTIVITY_READY_BENEFITS = {Benefit.KONTANTHJAELP_AKTIVITETSPARAT, Benefit.UDDANNELSESHJAELP_AKTIVITETSPARAT}
