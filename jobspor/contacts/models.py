"""Contacts with a case and their journal notes, standard texts, and planned actions."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jobspor.cases.models import Case
from jobspor.core.models import BaseModel
from jobspor.organisation.models import Employee

from .choices import ContactKind


class StandardText(BaseModel):
    """A reusable text inserted into journal notes (standardtekst). Managed by administrators."""

    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("tekst"))
    kind = models.CharField(_("kontaktform"), max_length=30, choices=ContactKind.choices, blank=True,
                            help_text=_("Den kontaktform teksten passer til (valgfri)."))
    tags = models.CharField(_("søgeord"), max_length=300, blank=True,
                            help_text=_("Ekstra ord, teksten skal kunne findes på, adskilt af mellemrum."))
    is_active = models.BooleanField(_("aktiv"), default=True)
    # Case-folded title, tags and text: what the short search looks in (kept by save()).
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("standardtekst")
        verbose_name_plural = _("standardtekster")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = " ".join([self.title, self.tags, self.text]).casefold()
        super().save(*args, **kwargs)


class Contact(BaseModel):
    """One contact with the citizen (a conversation, a call, a joint meeting …) with its journal note.

    `note` is the current text; every earlier text is kept in NoteVersion (a correction never loses one)."""

    external_id = models.CharField(_("kontakt-id"), max_length=64, unique=True)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("sag"))
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="contacts",
                                 verbose_name=_("medarbejder"))
    date = models.DateField(_("dato"))
    kind = models.CharField(_("kontaktform"), max_length=30, choices=ContactKind.choices)
    participants = models.ManyToManyField(Employee, blank=True, related_name="contacts_attended",
                                          verbose_name=_("andre medarbejdere"))
    other_participants = models.CharField(_("andre deltagere"), max_length=300, blank=True)
    note = models.TextField(_("journalnotat"), blank=True)
    note_version = models.PositiveIntegerField(_("version"), default=1)
    next_date = models.DateField(_("næste aftalte kontakt"), null=True, blank=True)
    next_kind = models.CharField(_("næste kontaktform"), max_length=30, choices=ContactKind.choices, blank=True)

    class Meta:
        verbose_name = _("kontakt")
        verbose_name_plural = _("kontakter")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["case", "date"]), models.Index(fields=["employee", "next_date"]),
                   models.Index(fields=["next_date"]),
                   # Cover the dashboard's sets of cases with a contact (of a kind) in a period: no table rows read.
                   models.Index(fields=["date", "case"], name="contact_date_case_cover"),
                   models.Index(fields=["kind", "date", "case"], name="contact_kind_date_cover")]
        constraints = [
            models.CheckConstraint(condition=Q(next_date__isnull=True) | Q(next_date__gte=F("date")),
                                   name="contact_next_after_date"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d.%m.%Y}"


class NoteVersion(BaseModel):
    """An earlier text of a journal note, kept when the note was corrected (append-only)."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="earlier_notes",
                                verbose_name=_("kontakt"))
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("tekst"), blank=True)
    written_at = models.DateTimeField(_("skrevet"))
    written_by = models.CharField(_("skrevet af"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("tidligere version af journalnotat")
        verbose_name_plural = _("tidligere versioner af journalnotater")
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["contact", "version"], name="note_version_once")]

    def __str__(self):
        return f"{self.contact_id} v{self.version}"


class PlannedAction(BaseModel):
    """The next concrete action on a case (planlagt handling): who does what by when."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="planned_actions",
                             verbose_name=_("sag"))
    title = models.CharField(_("handling"), max_length=300)
    owner = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="planned_actions",
                              verbose_name=_("ansvarlig"))
    due = models.DateField(_("frist"))
    done_on = models.DateField(_("udført"), null=True, blank=True)

    class Meta:
        verbose_name = _("planlagt handling")
        verbose_name_plural = _("planlagte handlinger")
        ordering = ["due", "id"]
        indexes = [models.Index(fields=["owner", "done_on", "due"]), models.Index(fields=["case", "done_on"]),
                   # Covers the dashboard's set of cases with an open action (done_on empty).
                   models.Index(fields=["done_on", "case"], name="action_open_case_cover")]

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_on is not None
