"""Freeze and sign the plan and consent forms. Every function takes the acting user, validates with a Danish
message, runs in one transaction and records its event (with case and citizen) in that same transaction.

freeze: the content as it is now becomes a version (canonical JSON + SHA-256) — the same content as the latest
        unsigned version gives that version back, so pressing the button twice makes one version;
sign:   the citizen confirms exactly that version (typed name, a tick, the hash they were shown); only the newest
        version of its kind may be signed, once, and a plan only while it still reads as it was frozen;
verify: the stored document still gives the stored hash, and every signature names that hash."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.audit.services import event_record

from .choices import CONSENT_KINDS, DocumentKind, SigningChannel, SigningVerb
from .hashing import document_hash, hash_matches, same_name, signer_name_clean
from .models import DocumentSignature, SignableDocument
from .texts import current_text

# --- what is signed -----------------------------------------------------------------------------------------------


def plan_document(plan) -> dict:
    """The plan as the citizen signs it: goal and every sub-goal with due date, who is responsible and status.
    Follow-up notes and comments are the conversation about the plan, not its terms: left out."""
    case = plan.case
    sub_goals = sorted(plan.sub_goals.all(), key=lambda g: (g.due, g.pk))
    return {
        "form": DocumentKind.PLAN.value,
        "case": case.external_id,
        "citizen": {"name": case.citizen.name},
        "goal": plan.goal,
        "goal_name": str(plan.get_goal_display()),
        "goal_text": plan.goal_text,
        "made": plan.made.isoformat(),
        "sub_goals": [{"text": g.text, "due": g.due.isoformat(),
                       "responsible": g.owner.name if g.owner_id else None,
                       "status": g.status, "status_name": str(g.get_status_display())} for g in sub_goals],
    }


def consent_document(case, kind: str, chosen: list[str]) -> dict:
    text = current_text(kind)
    labels = text.choice_labels
    return {
        "form": kind,
        "text_version": text.version,
        "title": text.title,
        "case": case.external_id,
        "citizen": {"name": case.citizen.name},
        "paragraphs": list(text.paragraphs),
        # every choice with whether it was ticked: what was left out is part of what is signed
        "choices": [{"key": key, "label": labels[key], "chosen": key in chosen} for key, _label in text.choices],
    }


def _plan_for(case):
    from jobspor.plans.models import Plan

    return (Plan.objects.select_related("case__citizen").prefetch_related("sub_goals__owner")
            .filter(case=case).first())


def current_document(case, kind: str) -> dict | None:
    """What the citizen would sign now. For a consent form that is the frozen version itself (its text does not
    follow anything), so None."""
    if kind == DocumentKind.PLAN:
        plan = _plan_for(case)
        return plan_document(plan) if plan else None
    return None


# --- freeze -------------------------------------------------------------------------------------------------------

def latest_version(case, kind: str) -> SignableDocument | None:
    return (SignableDocument.objects.filter(case=case, kind=kind).select_related("signature")
            .order_by("-version").first())


def _record(actor, verb, doc, after):
    event_record(actor=actor, verb=verb, target=doc, citizen_id=doc.case.citizen_id, case_id=doc.case_id,
                 after={"kind": doc.kind, "version": doc.version, "hash": doc.content_hash} | after)


def _lock_case(case):
    from jobspor.cases.models import Case

    # Freezing and signing on one case never interleave: version numbers and "newest" stay true.
    return Case.objects.select_for_update().select_related("citizen").get(pk=case.pk)


def _freeze(*, actor, case, kind: str, title: str, document: dict) -> SignableDocument:
    content_hash = document_hash(document)
    latest = latest_version(case, kind)
    if latest is not None and not hasattr(latest, "signature") and latest.content_hash == content_hash:
        return latest  # already ready for signing, unchanged
    number = (SignableDocument.objects.filter(case=case, kind=kind).aggregate(n=Max("version"))["n"] or 0) + 1
    doc = SignableDocument(case=case, kind=kind, version=number, title=title, document=document,
                           content_hash=content_hash)
    doc.stamp(actor)
    doc.save()
    _record(actor, SigningVerb.FROZEN, doc, {"title": title})
    return doc


@transaction.atomic
def plan_freeze(*, actor, case) -> SignableDocument:
    case = _lock_case(case)
    plan = _plan_for(case)
    if plan is None:
        raise ValidationError(_("Sagen har ingen plan endnu. Læg planen først."))
    if not plan.sub_goals.all():
        raise ValidationError(_("Planen har ingen delmål. Tilføj mindst ét delmål, før den skrives under."))
    latest = latest_version(case, DocumentKind.PLAN)
    document = plan_document(plan)
    if latest is not None and hasattr(latest, "signature") and latest.content_hash == document_hash(document):
        raise ValidationError(_("Planen er allerede underskrevet, som den er nu (version %(v)d). Ret planen først, "
                                "hvis borgeren skal skrive under på en ny udgave.") % {"v": latest.version})
    title = _("Plan: %(goal)s") % {"goal": plan.get_goal_display()}
    return _freeze(actor=actor, case=case, kind=DocumentKind.PLAN, title=title, document=document)


@transaction.atomic
def consent_freeze(*, actor, case, kind: str, chosen: list[str]) -> SignableDocument:
    if kind not in CONSENT_KINDS:
        raise ValidationError({"kind": _("Vælg en samtykkeerklæring.")})
    text = current_text(kind)
    unknown = set(chosen) - set(text.choice_labels)
    if unknown:
        raise ValidationError({"chosen": _("Ukendt valg: %(keys)s.") % {"keys": ", ".join(sorted(unknown))}})
    if text.at_least_one and not chosen:
        raise ValidationError({"chosen": _("Sæt kryds ved mindst én slags oplysninger, samtykket skal gælde.")})
    case = _lock_case(case)
    return _freeze(actor=actor, case=case, kind=kind, title=text.title,
                   document=consent_document(case, kind, list(chosen)))


# --- sign ---------------------------------------------------------------------------------------------------------

def stale_reason(doc: SignableDocument) -> str | None:
    """Why this version can no longer be signed, in Danish (None: it can, as far as its content goes)."""
    latest = latest_version(doc.case, doc.kind)
    if latest is not None and latest.pk != doc.pk:
        return _("Der er kommet en nyere version (version %(v)d). Skriv under på den.") % {"v": latest.version}
    if doc.kind == DocumentKind.PLAN:
        now = current_document(doc.case, doc.kind)
        if now is None or document_hash(now) != doc.content_hash:
            return _("Planen er ændret, efter den blev gjort klar til underskrift. Gør den nye udgave klar, og "
                     "skriv under på den.")
    return None


@transaction.atomic
def document_sign(*, actor, doc: SignableDocument, signer_name: str, content_hash: str, confirmed: bool,
                  channel: str = SigningChannel.DEVICE, at: dt.datetime | None = None) -> DocumentSignature:
    """The citizen signs this version. `content_hash` is the hash of the document they were shown."""
    case = _lock_case(doc.case)
    doc = SignableDocument.objects.select_related("case__citizen").get(pk=doc.pk)  # read under the lock
    doc.case = case
    if channel not in SigningChannel.values:
        raise ValidationError(_("Ukendt måde at skrive under på."))
    if DocumentSignature.objects.filter(document=doc).exists():
        raise ValidationError(_("Borgeren har allerede skrevet under på denne version."))
    if content_hash != doc.content_hash:
        raise ValidationError(_("Dokumentet er ikke det, der blev vist. Hent siden igen, læs dokumentet, og skriv "
                                "under igen."))
    reason = stale_reason(doc)
    if reason:
        raise ValidationError(reason)
    signer_name = signer_name_clean(signer_name)
    if not signer_name:
        raise ValidationError({"signer_name": _("Skriv dit fulde navn for at skrive under.")})
    # The message never tells which name was expected: typing it is the citizen's own confirmation.
    if not same_name(signer_name, case.citizen.name):
        raise ValidationError({"signer_name": _("Navnet passer ikke til borgeren på sagen. Skriv dit eget fulde "
                                                "navn.")})
    if not confirmed:
        raise ValidationError({"confirmed": _("Sæt kryds for at bekræfte, at du har læst dokumentet og er enig.")})
    at = at or timezone.now()
    signature = DocumentSignature(document=doc, signer_name=signer_name, signed_at=at,
                                  content_hash=doc.content_hash, channel=channel)
    signature.stamp(actor)
    signature.save()
    after = {"signer": signer_name, "channel": channel}
    if doc.kind == DocumentKind.CONSENT_COMPANIES:
        after["candidate_consent"] = _candidate_consent_from(actor, doc, channel).pk
    _record(actor, SigningVerb.SIGNED, doc, after)
    return signature


def _candidate_consent_from(actor, doc, channel):
    """A signed consent to share with companies takes effect as the consent on Min side does: a new
    CandidateConsent row, in force from now."""
    from jobspor.citizen_portal.services import consent_record

    chosen = {c["key"] for c in doc.document["choices"] if c["chosen"]}
    on_behalf = channel == SigningChannel.DEVICE  # recorded by the jobcentre's user on its own device
    note = _("Underskrevet af borgeren på jobcentrets enhed: %(title)s, version %(v)d (SHA-256 %(hash)s).") % {
        "title": doc.title, "v": doc.version, "hash": doc.content_hash} if on_behalf else ""
    return consent_record(citizen=doc.case.citizen, actor=actor, share_name="share_name" in chosen,
                          share_tasks="share_tasks" in chosen, share_hours="share_hours" in chosen,
                          on_behalf=on_behalf, note=note)


# --- verify -------------------------------------------------------------------------------------------------------

def document_verify(doc: SignableDocument) -> dict:
    """Recompute the hash from the stored document: `ok` when it matches the stored hash and the signature's."""
    signature = getattr(doc, "signature", None) if hasattr(doc, "signature") else None
    computed = document_hash(doc.document)
    document_ok = hash_matches(doc.document, doc.content_hash)
    signature_ok = signature is None or signature.content_hash == computed
    return {"ok": document_ok and signature_ok, "computed": computed, "stored": doc.content_hash,
            "signed": signature is not None}
