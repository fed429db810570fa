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


def test_the_other_note_fields_plan_follow_up_and_mentor_follow_up_have_it_too(client, db):
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from jobspor.mentors.services import mentor_assign
    from jobspor.plans.services import plan_save, sub_goal_add

    anne = EmployeeFactory(roles=["jobformidler"])
    case = make_case(primary=anne)
    plan = plan_save(actor=anne.user, case=case, goal="job", goal_text="Lagermedarbejder")
    goal = sub_goal_add(actor=None, plan=plan, text="Møde til tiden", due=timezone.localdate())
    mentor = mentor_assign(actor=None, case=case, areas=["praktiske_opgaver"], tasks="Øve busturen",
                           hours_per_week=Decimal("2"), starts=dt.date(2025, 2, 1),
                           employee=EmployeeFactory(roles=["mentor"], team=anne.team))
    client.force_login(anne.user)
    urls = {reverse("plans:note_add", args=[case.pk, goal.pk]): "text",
            reverse("mentors:follow_up_add", args=[case.pk, mentor.pk]): "notes"}
    for url, name in urls.items():
        with override_settings(**SPEECH):
            page = client.get(url).content.decode()
        tag = re.search(rf'<textarea name="{name}"[^>]*>', page).group(0)
        assert 'data-dictation="/diktat/"' in tag and page.count("dictation/dictation.js") == 1
        with override_settings(JOBSPOR_SPEECH_URL=""):
            page = client.get(url).content.decode()
        assert "dictation" not in page


def test_the_letter_body_gets_the_button_too(client, db, settings, tmp_path):
    from jobspor.letters.services import letter_draft

    settings.JOBSPOR_DOCUMENTS_DIR = tmp_path
    anne = EmployeeFactory(roles=["jobformidler"])
    case = make_case(primary=anne)
    letter = letter_draft(actor=anne.user, case=case, kind="frit")
    client.force_login(anne.user)
    url = reverse("letters:detail", args=[case.pk, letter.pk])
    with override_settings(**SPEECH):
        tag = re.search(r'<textarea name="body"[^>]*>', client.get(url).content.decode()).group(0)
        assert 'data-dictation="/diktat/"' in tag and 'data-std-search="std-search"' in tag
    with override_settings(JOBSPOR_SPEECH_URL=""):
        assert "data-dictation" not in client.get(url).content.decode()
