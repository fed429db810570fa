"""Freeze → hash → sign → verify for the plan and consent forms; bad input gives a Danish message and changes
nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from jobspor.audit.models import Event
from jobspor.citizen_portal.services import consent_current
from jobspor.plans import services as plan_services
from jobspor.signing import services
from jobspor.signing.hashing import document_hash
from jobspor.signing.models import DocumentSignature, SignableDocument

pytestmark = pytest.mark.django_db


def sign(actor, doc, name="Jens Hansen", **kwargs):
    return services.document_sign(actor=actor, doc=doc, signer_name=name,
                                  content_hash=kwargs.pop("content_hash", doc.content_hash),
                                  confirmed=kwargs.pop("confirmed", True), **kwargs)


def test_plan_is_frozen_hashed_and_signed(case, plan, job_broker):
    doc = services.plan_freeze(actor=job_broker.user, case=case)
    assert doc.version == 1 and len(doc.content_hash) == 64
    assert doc.content_hash == document_hash(doc.document)
    assert [g["text"] for g in doc.document["sub_goals"]] == ["Tage bussen selv til Nordlager",
                                                              "Søge tre job om ugen"]
    assert doc.document["sub_goals"][1]["responsible"] == job_broker.name
    # pressing the button again on an unchanged plan gives the same version
    assert services.plan_freeze(actor=job_broker.user, case=case).pk == doc.pk
    signature = sign(job_broker.user, doc, name="  jens   hansen ")
    assert signature.channel == "enhed" and signature.content_hash == doc.content_hash
    assert signature.signer_name == "jens hansen" and signature.created_by == job_broker.user
    assert services.document_verify(SignableDocument.objects.get(pk=doc.pk))["ok"]
    verbs = list(Event.objects.filter(case_id=case.pk, verb__startswith="document_").values_list("verb", flat=True))
    assert sorted(verbs) == ["document_frozen", "document_signed"]


def test_an_unchanged_signed_plan_is_not_frozen_again(case, plan, job_broker):
    sign(job_broker.user, services.plan_freeze(actor=job_broker.user, case=case))
    with pytest.raises(ValidationError, match="allerede underskrevet, som den er nu"):
        services.plan_freeze(actor=job_broker.user, case=case)
    assert SignableDocument.objects.count() == 1


def test_later_change_leaves_the_signed_version_and_a_new_one_can_be_signed(case, plan, job_broker):
    first = services.plan_freeze(actor=job_broker.user, case=case)
    sign(job_broker.user, first)
    goal = plan.sub_goals.first()
    plan_services.sub_goal_update(actor=job_broker.user, sub_goal=goal, text="Tage bussen og toget selv",
                                  due=goal.due, status="i_gang")
    first.refresh_from_db()
    assert first.document["sub_goals"][0]["text"] == "Tage bussen selv til Nordlager"
    assert services.document_verify(first)["ok"]
    second = services.plan_freeze(actor=job_broker.user, case=case)
    assert second.version == 2 and second.content_hash != first.content_hash
    sign(job_broker.user, second)
    assert list(SignableDocument.objects.filter(case=case, kind="plan").values_list("version", flat=True)
                .order_by("version")) == [1, 2]
    assert DocumentSignature.objects.filter(document__case=case).count() == 2


def test_changed_plan_cannot_be_signed_on_its_old_version(case, plan, job_broker):
    doc = services.plan_freeze(actor=job_broker.user, case=case)
    plan_services.sub_goal_add(actor=job_broker.user, plan=plan, text="Møde op til samtale", due=dt.date(2026, 4, 1))
    with pytest.raises(ValidationError, match="Planen er ændret"):
        sign(job_broker.user, doc)
    assert not DocumentSignature.objects.exists()


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"name": "   "}, "Skriv dit fulde navn"),
    ({"name": "Hans Jensen"}, "Navnet passer ikke"),
    ({"confirmed": False}, "Sæt kryds"),
    ({"content_hash": "0" * 64}, "ikke det, der blev vist"),
])
def test_bad_signatures_change_nothing(case, plan, job_broker, kwargs, message):
    doc = services.plan_freeze(actor=job_broker.user, case=case)
    with pytest.raises(ValidationError, match=message):
        sign(job_broker.user, doc, **kwargs)
    assert not DocumentSignature.objects.exists()
    assert not Event.objects.filter(verb="document_signed").exists()


def test_signing_twice_is_refused(case, plan, job_broker):
    doc = services.plan_freeze(actor=job_broker.user, case=case)
    sign(job_broker.user, doc)
    with pytest.raises(ValidationError, match="allerede skrevet under"):
        sign(job_broker.user, doc)
    assert DocumentSignature.objects.count() == 1


def test_an_older_version_cannot_be_signed(case, plan, job_broker):
    old = services.plan_freeze(actor=job_broker.user, case=case)
    plan_services.sub_goal_add(actor=job_broker.user, plan=plan, text="Møde op til samtale", due=dt.date(2026, 4, 1))
    services.plan_freeze(actor=job_broker.user, case=case)
    with pytest.raises(ValidationError, match="nyere version"):
        sign(job_broker.user, old)


def test_no_plan_or_no_sub_goals(case, job_broker):
    with pytest.raises(ValidationError, match="ingen plan"):
        services.plan_freeze(actor=job_broker.user, case=case)
    plan_services.plan_save(actor=job_broker.user, case=case, goal="job")
    with pytest.raises(ValidationError, match="ingen delmål"):
        services.plan_freeze(actor=job_broker.user, case=case)
    assert not SignableDocument.objects.exists()


def test_signed_candidate_consent_takes_effect(case, job_broker):
    doc = services.consent_freeze(actor=job_broker.user, case=case, kind="samtykke_virksomheder",
                                  chosen=["share_name", "share_tasks"])
    assert doc.document["text_version"] == 1
    assert [c["chosen"] for c in doc.document["choices"]] == [True, True, False]
    assert consent_current(case.citizen) is None
    sign(job_broker.user, doc)
    consent = consent_current(case.citizen)
    assert consent.share_name and consent.share_tasks and not consent.share_hours
    assert consent.on_behalf and doc.content_hash in consent.note


def test_information_consent_needs_a_choice(case, job_broker):
    with pytest.raises(ValidationError):
        services.consent_freeze(actor=job_broker.user, case=case, kind="samtykke_oplysninger", chosen=[])
    with pytest.raises(ValidationError):
        services.consent_freeze(actor=job_broker.user, case=case, kind="samtykke_oplysninger", chosen=["hacker"])
    doc = services.consent_freeze(actor=job_broker.user, case=case, kind="samtykke_oplysninger", chosen=["laege"])
    sign(job_broker.user, doc)
    assert consent_current(case.citizen) is None  # a consent to obtain information is not a sharing consent
    assert "Samtykke til at indhente oplysninger" == doc.title


def test_mitid_channel_from_the_citizens_own_login(case, plan, job_broker):
    from jobspor.citizen_portal.services import citizen_user_for

    user = citizen_user_for(case.citizen)
    doc = services.plan_freeze(actor=job_broker.user, case=case)
    signature = sign(user, doc, channel="mitid")
    assert signature.channel == "mitid" and signature.created_by == user
    assert signature.described == "underskrevet med MitID af Jens Hansen"
