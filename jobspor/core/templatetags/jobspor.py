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
def as_dkfds(field):
    """Render a field's widget with the DKFDS class for its kind."""
    css = field_css(field)
    if field.errors:
        css += " form-input--error"
    return field.as_widget(attrs={"class": css, "aria-describedby": f"{field.auto_id}-error"}
                           if field.errors else {"class": css})


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
