"""Widgets for long lists. Django renders each <option> through two template includes; a select of a few hundred
colleagues then costs more than the rest of the page (the case list's "Primær kontaktperson" for a leader: 435
options, about 880 includes, most of the page's time on 100,000 cases)."""

from html import escape

from django import forms
from django.utils.safestring import mark_safe


def _text(value) -> str:
    """Escaped as the template would (autoescape; safe strings as they are)."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: in order, True as a bare name, False and None left out."""
    return "".join(f" {_text(k)}" if v is True else f' {_text(k)}="{_text(v)}"'
                   for k, v in attrs.items() if v is not False and v is not None)


class QuickSelect(forms.Select):
    """A Select rendered in Python: the same markup as Django's select.html (name, attributes, option groups,
    `selected`), without a template per option."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'<optgroup label="{_text(group_name)}">')
            parts += [f'<option value="{_text(o["value"])}"{_attrs(o["attrs"])}>{_text(o["label"])}</option>'
                      for o in options]
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # noqa: S308 - every value above is escaped
