from django.db import models
from django.utils.translation import gettext_lazy as _

from jobspor.core.models import BaseModel

from .cpr import cpr_mask


class PostalCode(models.Model):
    """Danish postal code → town, municipality, coordinate (GeoNames, CC BY 4.0; see data/README.md)."""

    code = models.CharField(_("postnummer"), max_length=4, primary_key=True)
    town = models.CharField(_("by"), max_length=100)
    municipality_code = models.CharField(_("kommunekode"), max_length=3)
    municipality = models.CharField(_("kommune"), max_length=100)
    region = models.CharField(_("region"), max_length=100)
    latitude = models.FloatField(_("breddegrad"))
    longitude = models.FloatField(_("længdegrad"))

    class Meta:
        verbose_name = _("postnummer")
        verbose_name_plural = _("postnumre")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.town}"


class Sex(models.TextChoices):
    MALE = "M", _("Mand")
    FEMALE = "K", _("Kvinde")


class Citizen(BaseModel):
    external_id = models.CharField(_("borger-id"), max_length=64, unique=True)
    cpr = models.CharField(_("CPR-nummer"), max_length=10, unique=True)
    name = models.CharField(_("navn"), max_length=200)
    # Case-folded name for search that treats æ/ø/å like other letters on SQLite and PostgreSQL alike.
    search_name = models.CharField(max_length=200, db_index=True, editable=False)
    birth_date = models.DateField(_("fødselsdato"), editable=False)
    sex = models.CharField(_("køn"), max_length=1, choices=Sex.choices, editable=False)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postal_code = models.ForeignKey(PostalCode, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("postnummer"))
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("borger")
        verbose_name_plural = _("borgere")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def masked_cpr(self) -> str:
        return cpr_mask(self.cpr)


class CitizenNameWord(models.Model):
    """One case-folded word of a citizen's name, for fast name search (see search.py). Derived data:
    rewritten whenever the name is saved."""

    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="+")
    word = models.CharField(max_length=100)

    class Meta:
        indexes = [models.Index(fields=["word", "citizen"], name="citizen_name_word_idx")]

    def __str__(self):
        return self.word
