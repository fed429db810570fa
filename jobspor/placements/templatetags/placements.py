import datetime as dt
from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import date_format, number_format

register = template.Library()


@register.filter
def doc_date(value):
    """A date of the signed document (kept as YYYY-MM-DD text) in Danish: 3. marts 2025."""
    try:
        return date_format(dt.date.fromisoformat(value), "j. F Y")
    except (TypeError, ValueError):
        return value or ""


@register.filter
def doc_hours(value):
    """Hours as Danish text: 10, 7,5."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return value
    return number_format(int(number) if number == number.to_integral_value() else number, use_l10n=True)


@register.filter
def readable_document(doc):
    """An agreement document of any age with every key the template reads (see placements.documents)."""
    from jobspor.placements.documents import readable

    return readable(doc)
