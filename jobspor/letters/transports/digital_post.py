"""Digital Post through Serviceplatformen's SF1601 (KombiPostAfsend), with the municipal open-source client
python-serviceplatformen (itk-dev-rpa): it gets the SAML and access tokens with the municipality's OCES system
certificate (SF1514) and posts the MeMo message; we only turn its errors into Danish reasons.

Settings: JOBSPOR_LETTER_SENDER_CVR, JOBSPOR_DIGITAL_POST_CERT_FILE (certificate and key in one PEM file),
JOBSPOR_DIGITAL_POST_TEST (Serviceplatformen's test environment), JOBSPOR_DIGITAL_POST_URL (another address)."""

from pathlib import Path

import requests
from django.conf import settings
from django.utils.translation import gettext as _

from . import Delivery, TransportError


def kombit_access():
    """The client's access object for the configured environment (tests replace this with a stub)."""
    from python_serviceplatformen.authentication import KombitAccess

    cert = settings.JOBSPOR_DIGITAL_POST_CERT_FILE
    if not cert or not Path(cert).is_file():
        raise TransportError(_("Digital Post er ikke sat op: kommunens certifikat til Serviceplatformen "
                               "(JOBSPOR_DIGITAL_POST_CERT_FILE) findes ikke."))
    access = KombitAccess(cvr=settings.JOBSPOR_LETTER_SENDER_CVR, cert_path=cert,
                          test=settings.JOBSPOR_DIGITAL_POST_TEST)
    if settings.JOBSPOR_DIGITAL_POST_URL:
        access.environment = settings.JOBSPOR_DIGITAL_POST_URL
    return access


def _answer(response) -> str:
    text = " ".join((getattr(response, "text", "") or "").split())
    return text[:300]


class DigitalPostTransport:
    name = "digital_post"

    def send(self, letter, *, pdf: bytes, message=None, memo_xml: str | None = None) -> Delivery:
        from python_serviceplatformen import digital_post

        if message is None:
            raise TransportError(_("Brevet har ingen MeMo-besked og kan ikke sendes som Digital Post."))
        access = kombit_access()
        try:
            transaction_id = digital_post.send_message("Digital Post", message, access)
        except requests.HTTPError as exc:
            status = exc.response.status_code if exc.response is not None else 0
            if status >= 500:
                raise TransportError(_("Digital Post svarede med en fejl (HTTP %(status)s) og tog ikke imod brevet. "
                                       "Det prøves igen.") % {"status": status}) from exc
            raise TransportError(_("Digital Post afviste brevet (HTTP %(status)s): %(answer)s") % {
                "status": status, "answer": _answer(exc.response) or "–"}) from exc
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise TransportError(_("Digital Post kunne ikke nås (Serviceplatformen svarer ikke). Brevet venter i "
                                   "udbakken og prøves igen.")) from exc
        except ValueError as exc:  # the client's: no access token from Serviceplatformen
            raise TransportError(_("Jobspor fik ikke adgang til Serviceplatformen: %(error)s") % {
                "error": str(exc)[:300]}) from exc
        except requests.RequestException as exc:
            raise TransportError(_("Digital Post kunne ikke modtage brevet: %(error)s") % {
                "error": str(exc)[:300]}) from exc
        return Delivery(transport=self.name, message_id=transaction_id)
