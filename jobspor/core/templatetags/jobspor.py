import datetime as dt

from django import forms, template
from django.utils.http import urlencode

from jobspor.core.weeks import week_label

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (pagination, sorting)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(sorted(params.lists()), doseq=True)


@register.filter
def field_css(field):
    """DKFDS class for a form field's widget."""
    # isinstance: django-filter's ordering and link widgets are Select subclasses.
    if isinstance(field.field.widget, forms.Select):
        return "form-select"
    return "form-input"


@register.filter
def described_by(field):
    """The ids of a field's hint and error message, space-separated, as Django names them when it renders a
    widget (`<auto_id>_helptext`, `<auto_id>_error`): includes/field_messages.html gives those elements these
    ids, so aria-describedby only ever names elements that are on the page. Templates that render a widget
    themselves (`{{ field }}`, `as_widget`) must give their hint and error elements the same ids."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.filter
def as_dkfds(field):
    """Render a field's widget with the DKFDS class for its kind, tied to its hint and error message."""
    css = field_css(field)
    attrs = {"class": css + (" form-input--error" if field.errors else "")}
    if ids := described_by(field):
        attrs["aria-describedby"] = ids
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def widget_type(field):
    return field.field.widget.__class__.__name__


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.filter
def index(sequence, i):
    try:
        return sequence[int(i)]
    except (IndexError, TypeError, ValueError):
        return ""


@register.filter
def week(value):
    """A date as the week it lies in: {{ row.week|week }} → uge 50 (2026); a YYYY-Www text is read as well."""
    if isinstance(value, dt.date):
        return week_label(value)
    if isinstance(value, str):
        try:
            return week_label(dt.date.fromisoformat(value))  # YYYY-MM-DD, YYYY-Www and YYYY-Www-D
        except ValueError:
            return value
    return "" if value is None else value


@register.filter
def pct(value) -> int:
    """A percent as a whole number from 0 to 100, for the classes of percent.css (`w-pct-N`, `left-pct-N`): the
    Content-Security-Policy allows no style="…" attribute, so a bar's width or a line's place is one of those
    classes. None, text that is no number, and values outside 0–100 give 0 or 100; a decimal comma is read too."""
    if value is None or value == "":
        return 0
    try:
        number = float(str(value).strip().rstrip("%").replace(",", "."))
    except (TypeError, ValueError):
        return 0
    if number != number:  # NaN
        return 0
    return int(max(0.0, min(100.0, number)) + 0.5)  # half up, as a reader rounds 37.5 %
