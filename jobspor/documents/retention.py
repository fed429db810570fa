"""How long a document on a case is kept, per document type, counted from the day the case was closed.

The periods below are Jobspor's defaults with the reason for each. They are a starting point, not legal advice:
the municipality sets its own in its retention plan (bevaringsplan, arkivloven) and overrides them in
settings.JOBSPOR_DOCUMENT_RETENTION_YEARS (environment JOBSPOR_DOCUMENT_RETENTION_YEARS="helbred=2,andet=5").

Only a document on a closed case is ever due; a company's documents (not on a case) are not handled here. Past the
period the file content is erased and the row stays, marked (services.document_erase)."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import DocumentKind

JOURNAL_YEARS = 5


@dataclass(frozen=True)
class Rule:
    kind: str
    years: int
    basis: str


DEFAULTS = {
    DocumentKind.HEALTH: Rule(DocumentKind.HEALTH, 2, _(
        "Helbredsoplysninger er følsomme (databeskyttelsesforordningen art. 9) og må kun gemmes, så længe de er "
        "nødvendige (art. 5, stk. 1, litra e): 2 år efter sagens afslutning dækker klage og genoptagelse.")),
    DocumentKind.FROM_CITIZEN: Rule(DocumentKind.FROM_CITIZEN, JOURNAL_YEARS, _(
        "Journalmateriale: gemmes som sagen, 5 år efter dens afslutning (forældelse, klage og revision).")),
    DocumentKind.SIGNED_FORM: Rule(DocumentKind.SIGNED_FORM, JOURNAL_YEARS, _(
        "Underskrevne aftaler og blanketter dokumenterer sagens afgørelser: 5 år efter sagens afslutning.")),
    DocumentKind.CERTIFICATE: Rule(DocumentKind.CERTIFICATE, JOURNAL_YEARS, _(
        "Journalmateriale: gemmes som sagen, 5 år efter dens afslutning.")),
    DocumentKind.CORRESPONDENCE: Rule(DocumentKind.CORRESPONDENCE, JOURNAL_YEARS, _(
        "Bilag til beskeder er journalmateriale: 5 år efter sagens afslutning. Er bilaget helbredsoplysninger, "
        "gælder reglen for dem.")),
    DocumentKind.OTHER: Rule(DocumentKind.OTHER, JOURNAL_YEARS, _(
        "Journalmateriale: gemmes som sagen, 5 år efter dens afslutning.")),
}


def rule_for(kind: str) -> Rule:
    base = DEFAULTS.get(kind, DEFAULTS[DocumentKind.OTHER])
    years = getattr(settings, "JOBSPOR_DOCUMENT_RETENTION_YEARS", {}).get(str(kind))
    if years is None:
        return base
    return Rule(base.kind, int(years), _("Kommunens egen frist (indstillingen JOBSPOR_DOCUMENT_RETENTION_YEARS)."))


def rules() -> list[tuple[str, Rule]]:
    """(type label, rule) for every type, for the page that shows them."""
    return [(label, rule_for(value)) for value, label in DocumentKind.choices]


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def retention_end(kind: str, closed: dt.date | None) -> dt.date | None:
    """The last day a document of this type on a case closed on `closed` is kept; None while the case is open."""
    if closed is None:
        return None
    return _add_years(closed, rule_for(kind).years)
