"""The "Diktér" button: on the journal's note fields when a speech server is configured, nowhere when not."""

import re

import pytest
from django import forms
from django.test import override_settings
from django.urls import reverse

from jobspor.dictation.widgets import DictationTextarea
from jobspor.testing.factories import EmployeeFactory, make_case, make_contact

SPEECH = {"JOBSPOR_SPEECH_URL": "http://whisper.intern:8000", "JOBSPOR_SPEECH_MAX_SECONDS": 240}


@pytest.fixture
def pages(client, db):
    anne = EmployeeFactory(roles=["jobformidler"])
    case = make_case(primary=anne)
    contact = make_contact(case=case, employee=anne)
    client.force_login(anne.user)
    return [reverse("cases:detail", args=[case.pk]) + "?fane=kontakter",
            reverse("contacts:edit", args=[case.pk, contact.pk])]


def note_tag(page):
    return re.search(r'<textarea name="note"[^>]*>', page).group(0)


def test_without_a_speech_server_no_button_anywhere(client, pages):
    with override_settings(JOBSPOR_SPEECH_URL=""):
        for url in pages:
            page = client.get(url).content.decode()
            assert "data-dictation" not in page and "dictation.js" not in page and "Diktér" not in page
            assert 'data-std-search="std-search"' in note_tag(page)  # the "//" standard texts are still there


def test_with_a_speech_server_the_note_fields_get_the_button(client, pages):
    with override_settings(**SPEECH):
        for url in pages:
            page = client.get(url).content.decode()
            tag = note_tag(page)
            assert 'data-dictation="/diktat/"' in tag and 'data-dictation-max-seconds="240"' in tag
            assert 'data-std-search="std-search"' in tag  # dictation and "//" standard texts on the same field
            assert page.count("dictation/dictation.js") == 1
            script = re.search(r'<script src="[^"]*dictation\.js"[^>]*>', page).group(0)
            assert "defer" in script and "Diktér" in script  # its words come translated from the server


def test_english_ui_gets_english_button_texts(client, pages):
    client.post(reverse("set_language"), {"language": "en"})
    with override_settings(**SPEECH):
        page = client.get(pages[0]).content.decode()
    script = re.search(r'<script src="[^"]*dictation\.js"[^>]*>', page).group(0)
    assert "Dictate" in script and "Diktér" not in script


class LetterForm(forms.Form):
    body = forms.CharField(widget=DictationTextarea(attrs={"rows": 12}))


def test_the_widget_puts_dictation_on_any_form_field():
    with override_settings(**SPEECH):
        html = str(LetterForm()["body"])
    assert 'data-dictation="/diktat/"' in html and 'rows="12"' in html and "dictation.js" in html
    with override_settings(JOBSPOR_SPEECH_URL=""):
        html = str(LetterForm()["body"])
    assert html.startswith("<textarea") and "dictation" not in html
