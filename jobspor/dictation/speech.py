"""The speech-to-text server: the OpenAI transcription API, as self-hosted faster-whisper and whisper.cpp speak it.

POST {JOBSPOR_SPEECH_URL}/v1/audio/transcriptions, multipart with `file`, `model`, `language=da`; the answer is
JSON {"text": ...}. The audio is handed over from memory and forgotten: nothing here writes it anywhere.
"""

import logging
from dataclasses import dataclass

import requests
from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger("jobspor.dictation")

LANGUAGE = "da"
SUFFIX = {"audio/webm": "webm", "audio/ogg": "ogg", "audio/mp4": "m4a", "audio/mpeg": "mp3", "audio/wav": "wav"}


class SpeechUnavailable(Exception):
    """The server could not be reached or gave no usable answer; `message` is Danish, for the user."""

    def __init__(self, message: str, *, status: int):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Transcript:
    text: str


def enabled() -> bool:
    """Dictation is offered only when a server is configured: without one the button is never shown."""
    return bool(settings.JOBSPOR_SPEECH_URL)


def endpoint() -> str:
    base = settings.JOBSPOR_SPEECH_URL.rstrip("/")
    if base.endswith("/v1"):  # a base given with the API version already on it
        base = base[: -len("/v1")]
    return f"{base}/v1/audio/transcriptions"


def _kept_text_hint() -> str:
    return _("Det, der står i feltet, er bevaret. Prøv igen om lidt, eller skriv teksten.")


def transcribe(audio: bytes, content_type: str) -> Transcript:
    """The Danish text spoken in `audio` (bytes of one recording, of an accepted audio type)."""
    headers = {"Accept": "application/json"}
    if settings.JOBSPOR_SPEECH_API_KEY:
        headers["Authorization"] = f"Bearer {settings.JOBSPOR_SPEECH_API_KEY}"
    name = f"diktat.{SUFFIX.get(content_type, 'webm')}"
    try:
        response = requests.post(
            endpoint(),
            headers=headers,
            files={"file": (name, audio, content_type)},  # bytes from memory, sent as they are
            data={"model": settings.JOBSPOR_SPEECH_MODEL, "language": LANGUAGE, "response_format": "json"},
            timeout=(5, settings.JOBSPOR_SPEECH_TIMEOUT_SECONDS),
        )
    except requests.Timeout:
        logger.warning("dictation: the speech server did not answer in time (%s)", endpoint())
        raise SpeechUnavailable(_("Talegenkendelsen svarede ikke i tide.") + " " + _kept_text_hint(), status=503)
    except requests.RequestException as error:
        logger.warning("dictation: the speech server cannot be reached (%s): %s", endpoint(), error)
        raise SpeechUnavailable(_("Talegenkendelsen kan ikke nås lige nu.") + " " + _kept_text_hint(), status=503)
    if response.status_code != 200:
        logger.warning("dictation: the speech server answered %s: %.200s", response.status_code, response.text)
        raise SpeechUnavailable(_("Talegenkendelsen gav en fejl.") + " " + _kept_text_hint(), status=502)
    try:
        text = response.json()["text"]
        if not isinstance(text, str):
            raise TypeError(type(text).__name__)
    except (ValueError, KeyError, TypeError) as error:
        logger.warning("dictation: the speech server's answer is not {'text': ...}: %s", error)
        raise SpeechUnavailable(_("Talegenkendelsen gav et svar, Jobspor ikke kan læse.") + " " + _kept_text_hint(),
                                status=502)
    return Transcript(text=" ".join(text.split()))
