"""The Digital Post transport (SF1601 through python-serviceplatformen) against a local HTTP server started by the
test — no internet: what it posts is a valid MeMo message in a kombi_request; a 5xx answer or a refused connection
leaves the letter failed with a Danish reason and waiting in the outbox, and a later run sends it."""

import datetime as dt
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.utils import timezone

from jobspor.letters import memo, services
from jobspor.letters.choices import LetterKind, LetterStatus
from jobspor.letters.transports import digital_post

pytestmark = pytest.mark.django_db


class FakeServiceplatform:
    """Answers POST /service/KombiPostAfsend_1/memos with the status set on it; keeps what it got."""

    def __init__(self):
        self.status = 200
        self.received = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                fake.received.append({"path": self.path, "headers": dict(self.headers), "body": body.decode()})
                self.send_response(fake.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"status": "ok"}' if fake.status < 400 else b'{"fejl": "midlertidig fejl"}')

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class StubAccess:
    """The client's KombitAccess without the SAML token exchange (that needs the real STS and a certificate)."""

    cert_path = None
    cvr = "11111111"

    def __init__(self, environment):
        self.environment = environment

    def get_access_token(self, entity_id):
        return "Holder-of-key test-token"


@pytest.fixture
def serviceplatform(settings, monkeypatch):
    settings.JOBSPOR_LETTER_TRANSPORT = "digital_post"
    with FakeServiceplatform() as fake:
        monkeypatch.setattr(digital_post, "kombit_access", lambda: StubAccess(fake.url))
        yield fake


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"  # nothing listens there now: connection refused


def letter(case, actor):
    draft = services.letter_draft(actor=actor, case=case, kind=LetterKind.FREE)
    return services.letter_update(actor=actor, letter=draft, subject="Husk dit CV", body="Kære Jens\n\nHusk CV.")


def test_letter_is_posted_to_sf1601_as_valid_memo(case, job_broker, serviceplatform):
    sent = services.letter_send(actor=job_broker.user, letter=letter(case, job_broker.user))
    assert sent.status == LetterStatus.SENT and sent.transport == "digital_post"
    [request] = serviceplatform.received
    assert request["path"] == "/service/KombiPostAfsend_1/memos"
    assert request["headers"]["authorization"] == "Holder-of-key test-token"
    assert sent.message_id == request["headers"]["X-TransaktionsId"]
    kombi = ElementTree.fromstring(request["body"])
    assert kombi.tag == "kombi_request" and kombi.findtext("KombiValgKode") == "Digital Post"
    message = kombi.find("{https://DigitalPost.dk/MeMo-1}Message")
    memo.validate(ElementTree.tostring(message, encoding="unicode"))  # exactly what was sent is valid MeMo
    assert message.findtext(".//{https://DigitalPost.dk/MeMo-1}messageUUID") == str(sent.memo_uuid)


def test_a_5xx_answer_leaves_the_letter_failed_with_a_danish_reason_and_it_is_sent_later(case, job_broker,
                                                                                         serviceplatform):
    serviceplatform.status = 503
    failed = services.letter_send(actor=job_broker.user, letter=letter(case, job_broker.user))
    assert failed.status == LetterStatus.FAILED and failed.is_pending
    assert failed.last_error.startswith("Digital Post svarede med en fejl (HTTP 503)")
    serviceplatform.status = 200
    sent, still_failing = services.letters_send_pending(now=timezone.now() + dt.timedelta(minutes=2))
    failed.refresh_from_db()
    assert (sent, still_failing) == (1, 0) and failed.status == LetterStatus.SENT and failed.attempts == 2
    uuids = {ElementTree.fromstring(r["body"]).findtext(".//{https://DigitalPost.dk/MeMo-1}messageUUID")
             for r in serviceplatform.received}
    assert uuids == {str(failed.memo_uuid)}  # the same message both times: the receiver can tell a repeat


def test_a_refused_connection_leaves_the_letter_waiting_and_the_command_sends_it(case, job_broker, settings,
                                                                                  monkeypatch):
    settings.JOBSPOR_LETTER_TRANSPORT = "digital_post"
    monkeypatch.setattr(digital_post, "kombit_access", lambda: StubAccess(closed_port_url()))
    failed = services.letter_send(actor=job_broker.user, letter=letter(case, job_broker.user))
    assert failed.status == LetterStatus.FAILED
    assert failed.last_error.startswith("Digital Post kunne ikke nås")
    with FakeServiceplatform() as fake:
        monkeypatch.setattr(digital_post, "kombit_access", lambda: StubAccess(fake.url))
        services.letters_send_pending(now=timezone.now() + dt.timedelta(minutes=2))  # its turn has come
    failed.refresh_from_db()
    assert failed.status == LetterStatus.SENT


def test_a_4xx_answer_is_shown_with_the_services_own_words(case, job_broker, serviceplatform):
    serviceplatform.status = 400
    failed = services.letter_send(actor=job_broker.user, letter=letter(case, job_broker.user))
    assert failed.last_error.startswith("Digital Post afviste brevet (HTTP 400)")
    assert "midlertidig fejl" in failed.last_error


def test_without_a_certificate_digital_post_says_it_is_not_set_up(case, job_broker, settings):
    settings.JOBSPOR_LETTER_TRANSPORT = "digital_post"
    settings.JOBSPOR_DIGITAL_POST_CERT_FILE = ""
    failed = services.letter_send(actor=job_broker.user, letter=letter(case, job_broker.user))
    assert failed.status == LetterStatus.FAILED and "ikke sat op" in failed.last_error


def test_send_letters_command_reports(case, job_broker, serviceplatform, capsys):
    serviceplatform.status = 503
    services.letter_send(actor=job_broker.user, letter=letter(case, job_broker.user))
    call_command("send_letters")  # not its turn yet
    assert "0 sendt, 0 fejlede" in capsys.readouterr().out
