"""Dictation on any textarea: `{% dictation_attrs %}` inside the tag, `{% dictation_assets %}` once on the page.

    {% load dictation %}{% dictation_assets %}
    <textarea name="note" id="id_note"{% dictation_attrs %}></textarea>

Both render nothing when no speech server is configured, so there is no button. Forms can use
`jobspor.dictation.widgets.DictationTextarea` instead, which does both.
"""

import json

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from jobspor.dictation import speech

register = template.Library()


def attrs() -> dict:
    """The attributes that put a "Diktér" button on a textarea (empty when dictation is not set up)."""
    if not speech.enabled():
        return {}
    return {"data-dictation": reverse("dictation:transcribe"),
            "data-dictation-max-seconds": str(settings.JOBSPOR_SPEECH_MAX_SECONDS)}


@register.simple_tag
def dictation_attrs():
    found = attrs()
    return format_html("".join(f' {name}="{{}}"' for name in found), *found.values()) if found else ""


def texts() -> dict:
    """What the script says, translated here (the script itself holds no words)."""
    return {
        "start": _("Diktér"),
        "stop": _("Stop"),
        "recording": _("Optager – tal nu, og tryk Stop, når du er færdig."),
        "working": _("Skriver det dikterede ud …"),
        "done": _("Teksten er sat ind. Læs den igennem, og ret den til."),
        "empty": _("Der blev ikke hørt noget tale. Prøv igen tættere på mikrofonen."),
        "no_mic": _("Jobspor kan ikke bruge mikrofonen. Tillad mikrofonen i browseren, og prøv igen."),
        "failed": _("Talegenkendelsen kan ikke nås lige nu. Det, der står i feltet, er bevaret."),
    }


@register.simple_tag
def dictation_assets():
    if not speech.enabled():
        return ""
    return format_html('<link rel="stylesheet" href="{}"><script src="{}" data-texts="{}" defer></script>',
                       static("dictation/dictation.css"), static("dictation/dictation.js"),
                       json.dumps(texts(), ensure_ascii=False))
