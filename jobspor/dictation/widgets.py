from django import forms

from .templatetags.dictation import attrs


class DictationTextarea(forms.Textarea):
    """A textarea with a "Diktér" button (when a speech server is configured; otherwise a plain textarea).

    The script and its stylesheet come with the widget, so a form field needs nothing else:
    `body = forms.CharField(widget=DictationTextarea(attrs={"rows": 12}))`."""

    template_name = "dictation/widgets/textarea.html"

    def get_context(self, name, value, attrs_):
        context = super().get_context(name, value, {**(attrs_ or {}), **attrs()})
        context["widget"]["dictation"] = bool(attrs())
        return context
