from django.db import models
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    """Codes as in interchange.md (job `kind`)."""

    ORDINARY = "ordinaer_stilling", _("Ordinær stilling")
    SMALL_JOB = "smaajob", _("Småjob")
    WAGE_SUBSIDY = "loentilskud", _("Løntilskud")
    INTERNSHIP = "virksomhedspraktik", _("Virksomhedspraktik")
    JOB_ROTATION = "jobrotation", _("Jobrotation (vikar)")
    ADULT_APPRENTICE = "voksenlaerling", _("Voksenlærling")
    FLEX_JOB = "fleksjob", _("Fleksjob")


class JobStatus(models.TextChoices):
    OPEN = "open", _("Åben")
    FILLED = "filled", _("Besat")
    CANCELLED = "cancelled", _("Annulleret")
    EXPIRED = "expired", _("Udløbet")


class FillChannel(models.TextChoices):
    """How the opening was filled."""

    JOBCENTRE_MATCH = "jobcentret", _("Formidlet af jobcentret")
    PLACEMENT = "virksomhedsforloeb", _("Efter virksomhedsforløb")
    SMALL_JOB_EFFORT = "smaajobindsats", _("Småjobindsats")
    COMPANY_OWN = "virksomheden", _("Virksomhedens egen rekruttering")
    OTHER = "andet", _("Andet")


SMALL_JOB_MAX_HOURS = 37
