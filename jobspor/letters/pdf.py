"""A letter as an A4 PDF, made as the other PDFs of Jobspor are (WeasyPrint, nothing fetched from outside:
placements/pdf.py)."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.placements.pdf import html_to_pdf

from .texts import sender_for


def letter_html(letter, *, recipient_lines=(), dated=None) -> str:
    case = letter.case
    sender = sender_for(case)
    # Page footer: a CSS string, so no quotes or backslashes (autoescaping is for HTML, not for CSS).
    footer = "".join(c for c in f"{sender.jobcentre} · {_('Sag')} {case.external_id}" if c not in '"\\\n<>')
    return render_to_string("letters/letter_pdf.html", {
        "letter": letter, "case": case, "sender": sender, "footer": footer, "recipient_name": case.citizen.name,
        "recipient_lines": recipient_lines, "dated": dated or timezone.localdate(),
        "paragraphs": [p.strip("\n") for p in letter.body.replace("\r\n", "\n").split("\n\n")]})


def letter_pdf(letter, *, recipient_lines=(), dated=None) -> bytes:
    return html_to_pdf(letter_html(letter, recipient_lines=recipient_lines, dated=dated))
