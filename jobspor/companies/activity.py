"""The activity score of a company: what it has given in the last 6 months, from every app that counts.

An app registers a source in its AppConfig.ready():

    from jobspor.companies.activity import register_source
    register_source(placement_points)   # placement_points(company_ids, since) -> {company_id: points}

jobs counts openings (1 point each, 1 more when filled); placements (issue 5) should count 3 points for
each placement started and hook in the same way. The score suggests raising or lowering the relation level."""

import datetime as dt
from collections import Counter
from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from .cadence import add_months
from .choices import LEVEL_ORDER, RelationLevel

WINDOW_MONTHS = 6
# Raise when the score reaches this for the level; lower when it is below the floor.
RAISE_AT = {RelationLevel.PASSIVE: 1, RelationLevel.CONTACT: 3, RelationLevel.COOPERATION: 6}
LOWER_BELOW = {RelationLevel.COOPERATION: 1, RelationLevel.PARTNERSHIP: 3}

_SOURCES: list[Callable] = []


def register_source(source: Callable) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def scores(company_ids, today: dt.date) -> Counter:
    since = add_months(today, -WINDOW_MONTHS)
    total = Counter()
    ids = list(company_ids)
    if not ids:
        return total
    for source in _SOURCES:
        total.update(source(ids, since))
    return total


def suggestion(level: str, score: int):
    """(new level, Danish reason) or None."""
    index = LEVEL_ORDER.index(level)
    if level in RAISE_AT and score >= RAISE_AT[level]:
        new = LEVEL_ORDER[index + 1]
        return new, _("Aktiv virksomhed: overvej at hæve niveauet til %(level)s.") % {"level": new.label}
    if level in LOWER_BELOW and score < LOWER_BELOW[level]:
        new = LEVEL_ORDER[index - 1]
        return new, _("Lav aktivitet: overvej at sænke niveauet til %(level)s.") % {"level": new.label}
    return None
