"""The purpose of a read of personal data, as the UI's access log records it ("Sagsbehandling", "CV"): an
integrating system states it in the header X-Jobspor-Purpose on every read of citizen data."""

from django.utils.translation import gettext as _

from .errors import ApiError

HEADER = "X-Jobspor-Purpose"
MAX_LENGTH = 200


def purpose_header(request) -> str:
    raw = request.META.get("HTTP_X_JOBSPOR_PURPOSE", "")
    try:  # WSGI hands headers over as Latin-1; a client sending UTF-8 ("Opfølgning") means UTF-8
        raw = raw.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    return " ".join(raw.split())


def purpose_required(request) -> str:
    """The stated purpose, or a 400 in Danish: no citizen data without one."""
    purpose = purpose_header(request)
    if not purpose:
        raise ApiError(_("Angiv formålet med opslaget i headeren %(header)s (fx »Sagsbehandling«). Der udleveres "
                         "ingen borgerdata uden et formål, og formålet skrives i adgangsloggen.") % {"header": HEADER},
                       code="purpose_missing", status_code=400)
    if len(purpose) > MAX_LENGTH or not purpose.isprintable():
        raise ApiError(_("Formålet i %(header)s må højst være %(max)d tegn og kun almindelig tekst.")
                       % {"header": HEADER, "max": MAX_LENGTH}, code="purpose_invalid", status_code=400)
    return purpose
