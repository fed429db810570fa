"""The dictation endpoint against a real HTTP server that answers as a self-hosted whisper server does."""

import builtins
import io
import logging
import os

import pytest
from django.apps import apps
from django.test import Client, override_settings
from django.urls import reverse

from jobspor.testing.factories import EmployeeFactory, citizen_login, make_case
from jobspor.testing.speech_server import SpeechServer, unreachable_url

URL = "/diktat/"
# The first bytes of a WebM file (an EBML header), as Chromium's MediaRecorder makes them; the rest is filler.
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04webm" + bytes(range(256)) * 8
SPOKEN = "Borgeren møder fast om mandagen og vil gerne prøve lager."


@pytest.fixture
def staff(client, db):
    employee = EmployeeFactory(roles=["jobformidler"])
    client.force_login(employee.user)
    return employee


@pytest.fixture
def server():
    with SpeechServer(text=SPOKEN) as running, override_settings(JOBSPOR_SPEECH_URL=running.url):
        yield running


def post(client, body=WEBM, content_type="audio/webm;codecs=opus"):
    return client.post(URL, data=body, content_type=content_type, HTTP_ACCEPT="application/json")


def test_the_url_is_the_named_one():
    assert reverse("dictation:transcribe") == URL


def test_the_spoken_text_comes_back_and_the_server_got_the_recording_in_danish(client, staff, server):
    with override_settings(JOBSPOR_SPEECH_MODEL="Systran/faster-whisper-small", JOBSPOR_SPEECH_API_KEY="hemmelig"):
        response = post(client)
    assert response.status_code == 200
    assert response.json() == {"text": SPOKEN}
    [received] = server.requests
    filename, content_type, data = received["fields"]["file"]
    assert (filename, content_type, data) == ("diktat.webm", "audio/webm", WEBM)
    assert received["fields"]["model"][2] == "Systran/faster-whisper-small"
    assert received["fields"]["language"][2] == "da"
    assert received["headers"]["Authorization"] == "Bearer hemmelig"


def test_no_key_no_authorization_header_and_a_base_url_with_v1_works(client, staff, server):
    with override_settings(JOBSPOR_SPEECH_URL=server.url + "/v1/", JOBSPOR_SPEECH_API_KEY=""):
        response = post(client)
    assert response.json() == {"text": SPOKEN}
    assert "Authorization" not in server.requests[0]["headers"]


def test_the_text_is_tidied_to_one_line_of_words(client, staff, server):
    server.text = "  Borgeren møder\nfast   om mandagen. "
    assert post(client).json() == {"text": "Borgeren møder fast om mandagen."}


@pytest.mark.parametrize("answer, status, words", [
    ("error", 502, "Talegenkendelsen gav en fejl."),
    ("not_json", 502, "Talegenkendelsen gav et svar, Jobspor ikke kan læse."),
])
def test_a_failing_server_gives_a_danish_message(client, staff, server, answer, status, words):
    server.answer = answer
    response = post(client)
    assert response.status_code == status
    message = response.json()["error"]
    assert words in message and "Det, der står i feltet, er bevaret." in message
    assert "text" not in response.json()


def test_an_unreachable_server_gives_a_danish_message(client, staff):
    with override_settings(JOBSPOR_SPEECH_URL=unreachable_url()):
        response = post(client)
    assert response.status_code == 503
    assert response.json()["error"].startswith("Talegenkendelsen kan ikke nås lige nu.")


def test_a_server_that_does_not_answer_in_time(client, staff):
    with SpeechServer(answer="slow", delay=3) as slow, \
            override_settings(JOBSPOR_SPEECH_URL=slow.url, JOBSPOR_SPEECH_TIMEOUT_SECONDS=1):
        response = post(client)
    assert response.status_code == 503
    assert response.json()["error"].startswith("Talegenkendelsen svarede ikke i tide.")


@pytest.mark.parametrize("body, content_type", [
    (WEBM, "text/plain"),  # declared as something else than sound
    (b"%PDF-1.7\n" + bytes(500), "audio/webm"),  # called sound, but a PDF
    (b"RIFF\x00\x00\x00\x00WAVEfmt " + bytes(100), "audio/webm"),  # sound, but not what it says
    (WEBM, "application/octet-stream"),
])
def test_what_is_not_a_recording_is_refused_and_never_sent_on(client, staff, server, body, content_type):
    response = post(client, body, content_type)
    assert response.status_code == 415
    assert response.json() == {"error": "Optagelsen kunne ikke læses som lyd. Prøv at diktere igen."}
    assert server.requests == []


def test_a_wav_or_an_ogg_recording_is_accepted(client, staff, server):
    assert post(client, b"OggS" + bytes(200), "audio/ogg;codecs=opus").status_code == 200
    assert post(client, b"RIFF\x00\x00\x00\x00WAVEfmt " + bytes(100), "audio/wav").status_code == 200
    assert [r["fields"]["file"][:2] for r in server.requests] == [("diktat.ogg", "audio/ogg"),
                                                                  ("diktat.wav", "audio/wav")]


def test_a_recording_over_the_limit_is_refused_and_never_sent_on(client, staff, server):
    with override_settings(JOBSPOR_SPEECH_MAX_BYTES=len(WEBM) - 1, JOBSPOR_SPEECH_MAX_SECONDS=180):
        response = post(client)
    assert response.status_code == 413
    assert response.json() == {"error": "Optagelsen er for lang. Diktér i kortere bidder "
                                        "(højst 3 minutter ad gangen)."}
    assert server.requests == []
    with override_settings(JOBSPOR_SPEECH_MAX_BYTES=len(WEBM)):
        assert post(client).status_code == 200  # exactly at the limit is fine


def test_an_empty_recording_is_refused(client, staff, server):
    response = post(client, b"")
    assert response.status_code == 400
    assert response.json() == {"error": "Der kom ingen lyd med. Prøv at diktere igen."}
    assert server.requests == []


def test_without_a_configured_server_there_is_no_dictation(client, staff):
    with override_settings(JOBSPOR_SPEECH_URL=""):
        response = post(client)
    assert response.status_code == 404
    assert response.json() == {"error": "Diktering er ikke sat op i Jobspor."}


def test_only_logged_in_staff_may_dictate(client, db, server):
    response = post(client)
    assert response.status_code == 401
    assert response.json()["error"].startswith("Du er blevet logget af.")
    case = make_case(primary=EmployeeFactory())
    citizen_login(client, case.citizen)
    assert post(client).status_code == 403  # Min side's citizens stay in their own part of the site
    assert server.requests == []


def test_only_post(client, staff, server):
    assert client.get(URL).status_code == 405


def test_csrf_is_checked(db, server):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(EmployeeFactory().user)
    assert post(browser).status_code == 403
    browser.get(reverse("contacts:standard_texts"))  # any page sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    response = browser.post(URL, data=WEBM, content_type="audio/webm", HTTP_X_CSRFTOKEN=token)
    assert response.json() == {"text": SPOKEN}
    assert len(server.requests) == 1


def _row_counts():
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def test_no_audio_is_kept_no_file_written_no_row_stored(client, staff, server, monkeypatch, tmp_path, caplog):
    """The recording passes through memory only: no file is opened for writing while the request runs (not even
    a temporary upload file), no row is added anywhere, and the usage line names neither text nor audio."""
    written = []
    real_open, real_os_open = builtins.open, os.open

    def spy_open(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+"):
            written.append(str(file))
        return real_open(file, mode, *args, **kwargs)

    def spy_os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            written.append(str(path))
        return real_os_open(path, flags, *args, **kwargs)

    big = WEBM * 2000  # ~4 MB: over Django's 2.5 MB in-memory upload limit, under ours
    before = _row_counts()
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    with override_settings(FILE_UPLOAD_TEMP_DIR=str(tmp_path)), caplog.at_level(logging.INFO, "jobspor.dictation"):
        monkeypatch.setattr(builtins, "open", spy_open)
        monkeypatch.setattr(io, "open", spy_open)
        monkeypatch.setattr(os, "open", spy_os_open)
        response = post(client, big)
        monkeypatch.undo()
    assert response.json() == {"text": SPOKEN}
    assert server.requests[0]["fields"]["file"][2] == big  # all of it reached the server
    assert written == []
    assert list(tmp_path.iterdir()) == []
    assert _row_counts() == before
    usage = [r.getMessage() for r in caplog.records if r.name == "jobspor.dictation"]
    assert usage == [f"dictation user={staff.user.pk} bytes={len(big)} ms={usage[0].split('ms=')[1].split()[0]} "
                     f"outcome=ok"]
    assert SPOKEN not in caplog.text
