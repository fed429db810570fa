"""Dictation: a jobformidler dictates into the journal note with Diktér and Stop; Chromium's fake microphone
(a tone) is recorded by MediaRecorder, Jobspor passes it to the test's own speech server (a real HTTP server that
answers as faster-whisper does), and the text lands in the note after what was typed, ready to edit; a "//"
standard text goes in after it. Then the speech server is down: a Danish message, and the note is untouched."""

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import expect

from conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, Journey, _context, _warm_up
from jobspor.contacts.models import Contact, StandardText
from jobspor.testing.factories import EmployeeFactory, make_case
from jobspor.testing.speech_server import SpeechServer, unreachable_url

# Chromium grants the microphone without asking and feeds it a generated tone: for this test's browser only.
FAKE_MICROPHONE = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]
SPOKEN = "Borgeren møder stabilt og vil gerne have flere timer på lageret."
TYPED = "Opfølgning på arbejdspladsen."
STANDARD = ("Jobsamtale afholdt. Vi talte om borgerens jobønsker og konkrete muligheder for ordinære timer. "
            "Borgeren er motiveret for at komme i gang på en rigtig arbejdsplads.")
# From the case page: "Kontakter" tab (1) · Diktér (1) · Stop (1) · "Gem kontakt" (1)
CLICK_BUDGET = 4
# The first words typed (1) · "//fokus job" and Enter after the dictated text (1)
FIELD_BUDGET = 2


@pytest.fixture
def standard_texts(transactional_db):
    if not StandardText.objects.exists():
        import_module("jobspor.contacts.migrations.0002_standard_texts").load(django_apps, None)


@pytest.fixture
def microphone_journey(browser, live_server, transactional_db, reference_data, request):
    """A desktop browser with a fake microphone, launched from the session's Playwright (one per thread)."""
    _warm_up(live_server)
    with_microphone = browser.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + FAKE_MICROPHONE,
                                                  headless=True)
    context = _context(with_microphone, live_server, DESKTOP)
    context.grant_permissions(["microphone"], origin=live_server.url)
    yield Journey(context.new_page(), live_server.url, request.node)
    context.close()
    with_microphone.close()


@pytest.fixture
def speech_server():
    with SpeechServer(text=SPOKEN) as server, override_settings(JOBSPOR_SPEECH_URL=server.url):
        yield server


def record(journey, page):
    journey.click(page.get_by_role("button", name="Diktér"))
    stop = page.get_by_role("button", name="Stop")
    expect(stop).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Optager")).to_be_visible()
    page.wait_for_timeout(1500)  # speak for a moment
    journey.click(stop)


@pytest.mark.e2e
def test_jobformidler_dictates_a_journal_note(microphone_journey, speech_server, standard_texts):
    journey = microphone_journey
    anne = EmployeeFactory(name="Anne Holm", roles=["jobformidler"], user__username="anne")
    case = make_case(primary=anne, name="Jens Hansen", opened=timezone.localdate() - dt.timedelta(days=30))
    page = journey.page

    journey.login("anne")
    journey.goto(f"/sag/{case.pk}/")
    journey.clicks = journey.fields = 0  # the budget counts from the case page

    journey.click(page.locator(".jobspor-tabs").get_by_role("link", name="Kontakter"))
    note = page.locator("#id_note")
    journey.fill(note, TYPED)
    record(journey, page)
    expect(note).to_have_value(f"{TYPED} {SPOKEN}")
    expect(page.get_by_role("status").filter(has_text="Teksten er sat ind")).to_be_visible()
    expect(page.get_by_role("button", name="Diktér")).to_be_enabled()
    journey.screenshot("dictation-1-text-in-the-note")

    [received] = speech_server.requests  # a real recording from the browser, in Danish
    filename, content_type, audio = received["fields"]["file"]
    assert content_type == "audio/webm" and audio.startswith(b"\x1a\x45\xdf\xa3") and len(audio) > 1000
    assert received["fields"]["language"][2] == "da"

    journey.fields += 1  # "//" and a few words after the dictated text, then Enter: the standard text goes in
    note.press("End")
    page.keyboard.type(" //fokus job")
    expect(page.locator("#std-results").get_by_role("button", name="Jobsamtale afholdt – fokus på job")).to_be_visible()
    note.press("Enter")
    expect(note).to_have_value(f"{TYPED} {SPOKEN} {STANDARD}")
    journey.click("#save-contact")

    expect(page.locator(".alert-success")).to_contain_text("Kontakten er registreret.")
    assert Contact.objects.get(case=case).note == f"{TYPED} {SPOKEN} {STANDARD}"
    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)

    # The speech server is down: a Danish message, and what is in the note stays as it was.
    with override_settings(JOBSPOR_SPEECH_URL=unreachable_url()):
        journey.fill(note, TYPED)
        note.press("Home")  # the cursor at the start: nothing may be put in there either
        record(journey, page)
        expect(page.get_by_role("status").filter(has_text="Talegenkendelsen kan ikke nås lige nu.")).to_be_visible()
    expect(note).to_have_value(TYPED)
    expect(page.get_by_role("button", name="Diktér")).to_be_enabled()
    journey.screenshot("dictation-2-speech-server-down")
    assert not journey.js_errors and len(speech_server.requests) == 1
