"""The one endpoint of dictation: a recording in, its text out (JSON), for the page to put into the field.

The recording arrives as the raw request body (Content-Type audio/webm etc.), not as a multipart form, so Django
never parses it as a file upload and never spools it to a temporary file. It is read into memory (at most the size
limit), passed to the speech server and dropped when the request ends: no audio is written to disk or database.
"""

import logging
import time

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from jobspor.organisation.selectors import employee_for_user

from . import audio as audio_checks
from . import speech

logger = logging.getLogger("jobspor.dictation")


def _error(message, status):
    return JsonResponse({"error": message}, status=status)


def _declared_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


# Not LoginRequiredMiddleware's redirect to the login page: the page's script wants JSON it can show, and an
# expired session has no typed form to keep (KeepExpiredPostMiddleware). Staff only; CSRF is checked as always.
@login_not_required
@never_cache
@require_POST
def transcribe(request):
    if not request.user.is_authenticated:
        return _error(_("Du er blevet logget af. Log ind igen for at diktere; det, der står i feltet, er bevaret."),
                      401)
    if employee_for_user(request.user) is None:
        return _error(_("Diktering er kun for jobcentrets medarbejdere."), 403)
    if not speech.enabled():
        return _error(_("Diktering er ikke sat op i Jobspor."), 404)
    started = time.monotonic()
    size, outcome = 0, "ok"
    try:
        declared = audio_checks.check_declared(request.content_type or "", _declared_length(request))
        recording = request.read(audio_checks.max_bytes() + 1)  # in memory only; never request.FILES
        size = len(recording)
        content_type = audio_checks.check_audio(recording, declared)
        transcript = speech.transcribe(recording, content_type)
        del recording  # nothing keeps the audio once the server has answered
        return JsonResponse({"text": transcript.text})
    except audio_checks.AudioRefused as refused:
        outcome = f"refused {refused.status}"
        return _error(refused.message, refused.status)
    except speech.SpeechUnavailable as failure:
        outcome = f"unavailable {failure.status}"
        return _error(failure.message, failure.status)
    finally:
        # A usage line (who, how much, how it went) -- never the text or the audio.
        logger.info("dictation user=%s bytes=%d ms=%d outcome=%s", request.user.pk, size,
                    (time.monotonic() - started) * 1000, outcome)
