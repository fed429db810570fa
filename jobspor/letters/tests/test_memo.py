"""Every MeMo message Jobspor builds is checked against the MeMo 1.1 schema in jobspor/letters/data (see its README:
written from the official examples and the classes generated from the official XSD, since the official XSD itself
could not be fetched here)."""

import base64
import datetime as dt
import uuid
from xml.etree import ElementTree as etree

import pytest
from django.utils import timezone

from jobspor.letters import memo, services
from jobspor.letters.choices import LetterKind

pytestmark = pytest.mark.django_db
NS = {"memo": "https://DigitalPost.dk/MeMo-1"}

# A minimal MeMo 1.1 message of the shape of the official minimum example (only the required elements).
MINIMAL = """<memo:Message xmlns:memo="https://DigitalPost.dk/MeMo-1" memoVersion="1.1" memoSchVersion="1.1.0">
 <memo:MessageHeader>
  <memo:messageType>DIGITALPOST</memo:messageType>
  <memo:messageUUID>6f0c1a52-3b7e-4c1d-9a7e-2f1b5c3d4e5f</memo:messageUUID>
  <memo:label>Indkaldelse</memo:label>
  <memo:mandatory>false</memo:mandatory>
  <memo:legalNotification>false</memo:legalNotification>
  <memo:Sender><memo:senderID>11111111</memo:senderID><memo:idType>CVR</memo:idType><memo:label>Jobcentret</memo:label></memo:Sender>
  <memo:Recipient><memo:recipientID>0101901234</memo:recipientID><memo:idType>CPR</memo:idType></memo:Recipient>
 </memo:MessageHeader>
 <memo:MessageBody>
  <memo:createdDateTime>2026-03-02T09:00:00Z</memo:createdDateTime>
  <memo:MainDocument><memo:File><memo:encodingFormat>application/pdf</memo:encodingFormat>
   <memo:filename>brev.pdf</memo:filename><memo:language>da</memo:language><memo:content>JVBERi0=</memo:content>
  </memo:File></memo:MainDocument>
 </memo:MessageBody>
</memo:Message>"""


def test_the_schema_accepts_a_minimal_memo_message():
    memo.validate(MINIMAL)


@pytest.mark.parametrize("change, why", [
    (("<memo:label>Indkaldelse</memo:label>", ""), "label is required"),
    (("2026-03-02T09:00:00Z", "2026-03-02T10:00:00+01:00"), "date-times are UTC"),
    (("6f0c1a52-3b7e-4c1d", "6f0c1a52-3b7e-1c1d"), "message ids are UUID version 4"),
    (("<memo:language>da</memo:language>", "<memo:language>dansk</memo:language>"), "language is a 2-letter code"),
    (("<memo:idType>CPR</memo:idType>", "<memo:idType>MyndighedsID</memo:idType>"), "MeMo 1.1 has no MyndighedsID"),
    ((' memoSchVersion="1.1.0"', ""), "the schema version is required"),
    (("<memo:mandatory>false</memo:mandatory>\n  <memo:legalNotification>false</memo:legalNotification>",
      "<memo:legalNotification>false</memo:legalNotification>\n  <memo:mandatory>false</memo:mandatory>"),
     "elements come in MeMo's order"),
])
def test_the_schema_refuses_what_memo_does_not_allow(change, why):
    with pytest.raises(memo.MemoInvalid):
        memo.validate(MINIMAL.replace(*change))


def _queued(letter):
    letter.memo_uuid, letter.queued_at, letter.recipient_name = uuid.uuid4(), timezone.now(), letter.case.citizen.name
    return letter


@pytest.mark.parametrize("kind", [LetterKind.FREE, LetterKind.MEETING])
def test_every_letter_kind_builds_valid_memo_with_its_pdf(case, job_broker, kind):
    if kind == LetterKind.MEETING:
        start = timezone.make_aware(dt.datetime(2026, 3, 2, 13, 30))
        letter = services.draft_meeting_invitation(case, actor=job_broker.user, start=start,
                                                   end=start + dt.timedelta(minutes=45), place="",
                                                   video_link="https://video.example/rum/7")
    else:
        letter = services.letter_draft(actor=job_broker.user, case=case, kind=kind)
        letter.subject = "Æ" * 250 + " – et langt emne med ø og å"  # longer than MeMo's 256: cut, not refused
    xml = memo.memo_xml(_queued(letter), pdf=b"%PDF-1.7 test", sender_label="Jobcenter Test")
    root = etree.fromstring(xml.encode())
    assert root.get("memoVersion") == "1.1"
    assert root.findtext("memo:MessageHeader/memo:Recipient/memo:recipientID", namespaces=NS) == case.citizen.cpr
    assert root.findtext("memo:MessageHeader/memo:ContentData/memo:CaseID/memo:caseID",
                         namespaces=NS) == case.external_id
    content = root.findtext("memo:MessageBody/memo:MainDocument/memo:File/memo:content", namespaces=NS)
    assert base64.b64decode(content) == b"%PDF-1.7 test"
    assert len(root.findtext("memo:MessageHeader/memo:label", namespaces=NS)) <= 256
    if kind == LetterKind.MEETING:
        location = root.findtext(".//memo:Reservation/memo:location", namespaces=NS)
        assert location == "https://video.example/rum/7"


def test_memo_without_the_senders_cvr_is_not_built(case, job_broker, settings):
    settings.JOBSPOR_LETTER_SENDER_CVR = ""
    letter = _queued(services.letter_draft(actor=job_broker.user, case=case, kind=LetterKind.FREE))
    with pytest.raises(memo.MemoInvalid, match="CVR"):
        memo.build(letter, pdf=b"%PDF", sender_label="Jobcentret")
