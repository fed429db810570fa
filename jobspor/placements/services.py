"""Writes to placements: every function takes the acting user, validates with Danish messages at the field,
runs in one transaction and records its event (with the case and citizen) in that same transaction.

Status changes only here: placement_start (planned → active) and placement_end (→ ended)."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from jobspor.audit.services import event_record, event_row, events_insert
from jobspor.core.bulk import objects_insert
from jobspor.core.codes import codes
from jobspor.core.instances import instance_new
from jobspor.core.models import new_external_id
from jobspor.core.validators import EARLIEST_RECORD, date_errors
from jobspor.core.versioning import StaleEdit, who_and_when
from jobspor.core.weeks import week_label
from jobspor.signing.hashing import canonical_json, document_hash, same_name  # noqa: F401  (canonical_json: API)

from .choices import (
    CV_EXPERIENCE_KIND,
    HOURS_MAX,
    MASTERED_RATING,
    MASTERED_WEEKS,
    RATING_MAX,
    RATING_MIN,
    EndReason,
    HoursStatus,
    PlacementKind,
    PlacementStatus,
    Purpose,
    SignatureChannel,
    SignerRole,
)
from .drawing import drawing_clean
from .models import FollowUp, Placement, Signature, TaskRating, WeekHours, WorkAgreement
from .periods import stranded_message, stranded_weeks, week_outside_period
from .verbs import PlacementVerb
from .weeks import iso_week, monday_of

PLACEMENT_FIELDS = ["kind", "purpose", "title", "start", "planned_end", "end", "status", "end_reason",
                    "company_id", "workplace_id", "contact_id", "opening_id"]
AGREEMENT_FIELDS = ["goal", "sub_goals", "tasks", "hours_per_week", "accommodations", "conversion", "support",
                    "follow_up_weeks", "contact_info", "start"]
TEXT_LIST_MAX = 200


def _record(actor, verb, placement, *, before=None, after=None, target=None):
    event_record(actor=actor, verb=verb, target=target or placement, before=before, after=after,
                 citizen_id=placement.case.citizen_id, case_id=placement.case_id)


def _snapshot(obj, fields):
    return {f: getattr(obj, f) for f in fields}


def _changed(before, after):
    keys = [k for k in after if before.get(k) != after[k]]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


# --- the placement ----------------------------------------------------------------------------------------------

def _placement_errors(*, case, company, contact, workplace, kind, purpose, start, planned_end, end=None,
                      contact_required=True) -> dict:
    errors = {}
    if kind not in codes(PlacementKind):
        errors["kind"] = _("Vælg hvilken slags virksomhedsforløb det er.")
    if kind == PlacementKind.INTERNSHIP and purpose is None:
        errors["purpose"] = _("Angiv formålet med praktikken (1, 2 eller 3) – det skal stå knivskarpt for alle.")
    if purpose is not None and kind != PlacementKind.INTERNSHIP:
        errors["purpose"] = _("Kun en virksomhedspraktik har et formål (1, 2 eller 3).")
    if purpose is not None and purpose not in codes(Purpose):
        errors["purpose"] = _("Formålet skal være 1, 2 eller 3.")
    if company is None:
        errors["company"] = _("Vælg virksomheden.")
    if contact is None:
        if contact_required:
            errors["contact"] = _("Vælg borgerens kontaktperson på virksomheden – der skal altid være en fast "
                                  "kontaktperson.")
    elif company is not None and contact.company_id != company.pk:
        errors["contact"] = _("Kontaktpersonen hører til en anden virksomhed. Vælg en kontaktperson fra %(name)s.") \
            % {"name": company.name}
    if workplace is not None and company is not None and workplace.company_id != company.pk:
        errors["workplace"] = _("Arbejdsstedet hører til en anden virksomhed.")
    if start is None:
        errors["start"] = _("Angiv startdato.")
    else:
        if planned_end is not None and planned_end < start:
            errors["planned_end"] = _("Forløbet kan ikke slutte, før det starter.")
        if end is not None and end < start:
            errors["end"] = _("Forløbet kan ikke slutte, før det starter.")
        if case is not None and start < case.opened:
            errors["start"] = _("Forløbet kan ikke starte, før sagen er oprettet (%(date)s).") \
                % {"date": f"{case.opened:%d.%m.%Y}"}
    for name, problem in date_errors(start=start, planned_end=planned_end, end=end).items():
        errors.setdefault(name, problem)
    return errors


@transaction.atomic
def placement_create(*, actor, case, company, contact, kind: str, start: dt.date, purpose=None, workplace=None,
                     planned_end=None, title: str = "", opening=None, external_id=None,
                     agreement: dict | None = None) -> Placement:
    """A planned placement (active at once if it starts today or earlier), with its first agreement version
    when `agreement` holds the agreement's fields."""
    errors = _placement_errors(case=case, company=company, contact=contact, workplace=workplace, kind=kind,
                               purpose=purpose, start=start, planned_end=planned_end)
    if case is not None and case.closed is not None:
        errors.setdefault("__all__", _("Sagen er afsluttet; der kan ikke oprettes nye forløb."))
    if agreement is not None:
        errors.update(_agreement_errors(agreement))
    if errors:
        raise ValidationError(errors)
    placement = Placement(
        external_id=external_id or new_external_id("P"), case=case, company=company, contact=contact,
        workplace=workplace, kind=kind, purpose=purpose, title=(title or "").strip(), start=start,
        planned_end=planned_end, opening=opening, status=PlacementStatus.PLANNED)
    placement.stamp(actor)
    placement.full_clean(exclude=["case", "company"])
    placement.save()
    _record(actor, PlacementVerb.PLACEMENT_CREATED, placement, after=_snapshot(placement, PLACEMENT_FIELDS))
    if agreement is not None:
        _agreement_write(actor=actor, placement=placement, version=1, content=agreement)
    if start <= timezone.localdate():
        placement = placement_start(actor=actor, placement=placement, on=start)
    _refresh_flags(placement)
    return placement


@transaction.atomic
def placement_update(*, actor, placement: Placement, new_version: bool = False, remove_stranded: bool = False,
                     **fields) -> Placement:
    """Change company, contact, kind, purpose, title or dates (not the status: see start and end). A new start
    that would leave hours outside the period is refused, or deletes them with `remove_stranded` (the user's
    explicit consent).

    Signed means frozen: once the current agreement version is signed, changing a term it states (contact,
    workplace, kind, purpose, start) needs `new_version=True`, which makes a new, unsigned version that all three
    must sign again; the company of an agreement signed by all never changes (that is a new placement)."""
    allowed = {"company", "contact", "workplace", "kind", "purpose", "title", "start", "planned_end"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"placement_update cannot set {', '.join(sorted(unknown))}")
    placement = Placement.objects.select_for_update(of=("self",)).select_related("case").get(pk=placement.pk)
    before = _snapshot(placement, PLACEMENT_FIELDS)
    terms = _changed_terms(placement, fields)
    frozen_errors = _frozen_errors(placement, terms, new_version=new_version)
    if frozen_errors:
        raise ValidationError(frozen_errors)
    for key, value in fields.items():
        setattr(placement, key, value)
    errors = _placement_errors(case=placement.case, company=placement.company, contact=placement.contact,
                               workplace=placement.workplace, kind=placement.kind, purpose=placement.purpose,
                               start=placement.start, planned_end=placement.planned_end, end=placement.end,
                               contact_required="contact" in fields)
    if errors:
        raise ValidationError(errors)
    if placement.start != before["start"]:
        _period_keep(actor=actor, placement=placement, start=placement.start, end=placement.end, field="start",
                     remove_stranded=remove_stranded)
    if terms and frozen_version(placement) is not None:
        _version_for_new_terms(actor, placement)  # first: the database refuses new terms under a signed version
    placement.stamp(actor)
    placement.save()
    old, new = _changed(before, _snapshot(placement, PLACEMENT_FIELDS))
    if new:
        _record(actor, PlacementVerb.PLACEMENT_UPDATED, placement, before=old, after=new)
    _refresh_flags(placement)
    return placement


# --- signed means frozen ----------------------------------------------------------------------------------------

FROZEN_TERMS = ("company", "contact", "workplace", "kind", "purpose", "start")  # as stated in the signed document


def frozen_version(placement) -> WorkAgreement | None:
    """The version whose signatures freeze the placement's terms: the latest version made in Jobspor, once somebody
    has signed it (the document is frozen at the first signature). None: the terms may change."""
    latest = WorkAgreement.objects.filter(placement=placement, imported=False).order_by("-version").first()
    return latest if latest is not None and latest.document is not None else None


def signed_by_all(placement) -> bool:
    """Some version made in Jobspor has been signed by all three parties."""
    return WorkAgreement.objects.filter(placement=placement, imported=False, signed_on__isnull=False).exists()


def _changed_terms(placement, fields) -> list[str]:
    changed = []
    for term in FROZEN_TERMS:
        if term not in fields:
            continue
        if term in ("company", "contact", "workplace"):
            new, old = getattr(fields[term], "pk", fields[term]), getattr(placement, f"{term}_id")
        else:
            new, old = fields[term], getattr(placement, term)
        if new != old:
            changed.append(term)
    return changed


def _frozen_errors(placement, terms, *, new_version=False) -> dict:
    """Danish messages for changing the terms of a signed placement (nothing is changed)."""
    errors = {}
    if "company" in terms and signed_by_all(placement):
        errors["company"] = _("Arbejdsaftalen er underskrevet af alle tre parter, så virksomheden kan ikke skiftes. "
                              "Afslut dette forløb, og opret et nyt forløb med den nye virksomhed.")
    frozen = frozen_version(placement) if terms else None
    if frozen is not None and not new_version:
        message = _("Arbejdsaftalen (version %(v)d) er underskrevet og kan ikke ændres. Ændringen kræver en ny "
                    "version af aftalen, som skal underskrives igen af alle tre parter.") % {"v": frozen.version}
        for term in terms:
            errors.setdefault(term, message)
    return errors


def _version_for_new_terms(actor, placement) -> WorkAgreement:
    """A new, unsigned version with the same content as the current one, for terms changed on the placement."""
    latest = current_agreement(placement)
    content = {f: getattr(latest, f) for f in AGREEMENT_FIELDS}
    return _agreement_write(actor=actor, placement=placement, version=latest.version + 1, content=content,
                            verb=PlacementVerb.AGREEMENT_VERSIONED)


@transaction.atomic
def placement_start(*, actor, placement: Placement, on: dt.date | None = None,
                    remove_stranded: bool = False) -> Placement:
    placement = Placement.objects.select_for_update(of=("self",)).select_related("case").get(pk=placement.pk)
    if placement.status != PlacementStatus.PLANNED:
        raise ValidationError(_("Kun et planlagt forløb kan startes."))
    today = timezone.localdate()
    frozen = frozen_version(placement)
    # A signed agreement states the start: the placement starts on that day, or the start changes in a new version.
    on = on or (placement.start if frozen is not None and placement.start <= today else today)
    if on > today:
        raise ValidationError({"start": _("Et forløb kan ikke startes i fremtiden.")})
    if frozen is not None and on != placement.start:
        raise ValidationError({"start": _(
            "Arbejdsaftalen er underskrevet med startdatoen %(date)s, så forløbet starter den dag. Skal det starte "
            "en anden dag, så ret startdatoen – det giver en ny version af aftalen, som skal underskrives igen.")
            % {"date": f"{placement.start:%d.%m.%Y}"}})
    _period_keep(actor=actor, placement=placement, start=on, end=placement.end, field="start",
                 remove_stranded=remove_stranded)
    before = _snapshot(placement, ["status", "start"])
    placement.status, placement.start = PlacementStatus.ACTIVE, on
    placement.stamp(actor)
    placement.save(update_fields=["status", "start", "updated_at", "updated_by"])
    _record(actor, PlacementVerb.PLACEMENT_STARTED, placement, before=before,
            after=_snapshot(placement, ["status", "start"]))
    _fill_opening(actor=actor, placement=placement, on=on)
    _refresh_flags(placement)
    return placement


def _fill_opening(*, actor, placement: Placement, on: dt.date) -> None:
    """A placement started from an open opening of the same company fills it (jobs service, with its event) once
    as many placements from it have started as it has places."""
    from jobspor.jobs.choices import FillChannel, JobStatus
    from jobspor.jobs.models import JobOpening
    from jobspor.jobs.services import job_fill
    from jobspor.matching.selectors import places_of

    if placement.opening_id is None:
        return
    opening = JobOpening.objects.select_for_update().filter(pk=placement.opening_id).first()
    if opening is None or opening.status != JobStatus.OPEN or opening.company_id != placement.company_id:
        return
    started = Placement.objects.filter(opening=opening, status__in=[PlacementStatus.ACTIVE, PlacementStatus.ENDED]
                                       ).count()
    if started >= places_of(opening):
        job_fill(actor=actor, job=opening, filled_on=max(on, opening.posted), channel=FillChannel.JOBCENTRE_MATCH,
                 case=placement.case)


@transaction.atomic
def placement_end(*, actor, placement: Placement, end: dt.date, end_reason: str, statement: str = "",
                  statement_by: str = "", add_to_cv: bool = True, remove_stranded: bool = False) -> Placement:
    """End the placement. The citizen's CV gets it as experience, with the company's statement if given.
    Hours in weeks after the end refuse it (naming the weeks) unless the user confirmed their deletion
    (`remove_stranded`)."""
    placement = Placement.objects.select_for_update(of=("self",)) \
        .select_related("case__citizen", "company", "contact").get(pk=placement.pk)
    errors = {}
    if placement.status == PlacementStatus.ENDED:
        raise ValidationError(_("Forløbet er allerede afsluttet."))
    if end_reason not in EndReason.values:
        errors["end_reason"] = _("Vælg hvorfor forløbet slutter.")
    if end is None:
        errors["end"] = _("Angiv slutdato.")
    elif end < placement.start:
        errors["end"] = _("Forløbet kan ikke slutte, før det starter (%(date)s).") \
            % {"date": f"{placement.start:%d.%m.%Y}"}
    elif end > timezone.localdate():
        errors["end"] = _("Slutdatoen kan ikke ligge i fremtiden.")
    statement = (statement or "").strip()
    if statement and not (statement_by or "").strip() and placement.contact is None:
        errors["statement_by"] = _("Skriv hvem på virksomheden der giver udtalelsen.")
    if errors:
        raise ValidationError(errors)
    _period_keep(actor=actor, placement=placement, start=placement.start, end=end, field="end",
                 remove_stranded=remove_stranded)
    before = _snapshot(placement, ["status", "end", "end_reason"])
    placement.status, placement.end, placement.end_reason = PlacementStatus.ENDED, end, end_reason
    placement.stamp(actor)
    placement.save(update_fields=["status", "end", "end_reason", "updated_at", "updated_by"])
    _record(actor, PlacementVerb.PLACEMENT_ENDED, placement, before=before,
            after=_snapshot(placement, ["status", "end", "end_reason"]))
    if add_to_cv:
        by = (statement_by or "").strip() or (placement.contact.name if placement.contact else "")
        _to_cv(actor, placement, statement, by)
    _refresh_flags(placement)
    return placement


def _to_cv(actor, placement, statement, statement_by):
    from jobspor.cv.services import cv_experience_add, cv_statement_add

    citizen = placement.case.citizen
    kind = CV_EXPERIENCE_KIND.get(placement.kind, "job")
    title = placement.title or placement.get_kind_display()
    cv_experience_add(actor=actor, citizen=citizen, kind=kind, title=title[:200], place=placement.company.name,
                      start=placement.start, end=placement.end)
    if statement:
        cv_statement_add(actor=actor, citizen=citizen, company_name=placement.company.name,
                         given_on=min(placement.end, timezone.localdate()), given_by=statement_by, text=statement)


# --- the work agreement -----------------------------------------------------------------------------------------

def _text_list(values) -> list[str]:
    if isinstance(values, str):
        values = values.splitlines()
    out = []
    for value in values or []:
        value = " ".join(str(value).split())
        if value and value not in out:
            out.append(value[:TEXT_LIST_MAX])
    return out


def _hours(value, field, errors, *, maximum=HOURS_MAX):
    if value in (None, ""):
        return Decimal(0)
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        errors[field] = _("Skriv et tal, fx 7,5.")
        return None
    if not number.is_finite() or number < 0 or number > maximum:
        errors[field] = _("Timer skal være mellem 0 og %(max)d.") % {"max": maximum}
        return None
    if number != number.quantize(Decimal("0.1")):
        errors[field] = _("Højst én decimal, fx 7,5.")
        return None
    return number.quantize(Decimal("0.1"))


def _agreement_errors(content: dict) -> dict:
    errors = {}
    if not (content.get("goal") or "").strip():
        errors["goal"] = _("Skriv målet med forløbet.")
    if not (content.get("conversion") or "").strip():
        errors["conversion"] = _("Skriv hvordan og hvornår mestrede opgaver bliver til ordinære timer.")
    if not _text_list(content.get("tasks")):
        errors["tasks"] = _("Vælg eller skriv mindst én arbejdsopgave.")
    hours = content.get("hours_per_week")
    if hours in (None, ""):
        errors["hours_per_week"] = _("Angiv timer pr. uge ved start.")
    else:
        _hours(hours, "hours_per_week", errors)
    weeks = content.get("follow_up_weeks")
    if weeks is not None and not (isinstance(weeks, int) and 1 <= weeks <= 26):
        errors["follow_up_weeks"] = _("Opfølgning skal være hver 1. til 26. uge.")
    if not content.get("start"):
        errors["agreement_start"] = _("Angiv aftalens startdato.")
    return errors


def _clean_content(content: dict) -> dict:
    errors = {}
    cleaned = {
        "goal": (content.get("goal") or "").strip(),
        "sub_goals": _text_list(content.get("sub_goals")),
        "tasks": _text_list(content.get("tasks")),
        "hours_per_week": _hours(content.get("hours_per_week"), "hours_per_week", errors),
        "accommodations": (content.get("accommodations") or "").strip(),
        "conversion": (content.get("conversion") or "").strip(),
        "support": (content.get("support") or "").strip(),
        "follow_up_weeks": content.get("follow_up_weeks") or 2,
        "contact_info": (content.get("contact_info") or "").strip()[:300],
        "start": content.get("start"),
    }
    return cleaned


def _agreement_write(*, actor, placement, version, content, agreement=None, verb=PlacementVerb.AGREEMENT_SAVED):
    errors = _agreement_errors(content)
    if errors:
        raise ValidationError(errors)
    cleaned = _clean_content(content)
    creating = agreement is None
    agreement = agreement or WorkAgreement(placement=placement, version=version)
    before = {} if creating else _snapshot(agreement, AGREEMENT_FIELDS)
    for key, value in cleaned.items():
        setattr(agreement, key, value)
    agreement.stamp(actor)
    agreement.save()
    old, new = _changed(before, _snapshot(agreement, AGREEMENT_FIELDS))
    if new or creating:
        _record(actor, verb, placement, before=old or None, after={"version": agreement.version, **new},
                target=agreement)
    _refresh_flags(placement)
    return agreement


def current_agreement(placement) -> WorkAgreement | None:
    return WorkAgreement.objects.filter(placement=placement).order_by("-version").first()


def agreement_seen(agreement: WorkAgreement | None) -> str:
    """What an edit form of the agreement was based on: version and content hash ("" before the first)."""
    return "" if agreement is None else f"{agreement.version}:{agreement_hash(agreement)}"


def _agreement_unchanged_since(latest: WorkAgreement | None, seen: str | None) -> None:
    """No lost updates: refuse a save based on an agreement that has changed since the form was opened."""
    if seen is None or seen == agreement_seen(latest):
        return
    who = latest.updated_by.get_full_name() or latest.updated_by.username if latest and latest.updated_by else ""
    when = timezone.localtime(latest.updated_at).strftime("%d.%m.%Y kl. %H.%M") if latest else ""
    raise ValidationError(
        _("Ikke gemt: arbejdsaftalen er ændret, siden du åbnede den (nu version %(version)s%(by)s). Dine ændringer "
          "står stadig i formularen – sammenlign med den gemte aftale, og gem igen.")
        % {"version": latest.version if latest else "–",
           "by": (_(", gemt af %(who)s den %(when)s") % {"who": who, "when": when}) if who else ""},
        code="stale")


@transaction.atomic
def agreement_save(*, actor, placement: Placement, seen: str | None = None, **content) -> WorkAgreement:
    """Write the current, unsigned version (the first if there is none). A signed version is read-only:
    use agreement_new_version. `seen` (agreement_seen of what the form showed) refuses a stale save."""
    placement = Placement.objects.select_for_update(of=("self",)).select_related("case").get(pk=placement.pk)
    agreement = current_agreement(placement)
    _agreement_unchanged_since(agreement, seen)
    if agreement is not None and agreement.signatures.exists():
        raise ValidationError(_("Arbejdsaftalen er underskrevet og kan ikke ændres. Lav en ny version – den skal "
                                "underskrives igen."))
    return _agreement_write(actor=actor, placement=placement, version=1 if agreement is None else agreement.version,
                            content=content, agreement=agreement)


@transaction.atomic
def agreement_new_version(*, actor, placement: Placement, seen: str | None = None, **content) -> WorkAgreement:
    """A new version of the agreement (the old ones are kept as they are); it needs new signatures."""
    placement = Placement.objects.select_for_update(of=("self",)).select_related("case").get(pk=placement.pk)
    latest = current_agreement(placement)
    _agreement_unchanged_since(latest, seen)
    if latest is not None and not latest.signatures.exists():
        return _agreement_write(actor=actor, placement=placement, version=latest.version, content=content,
                                agreement=latest)
    base = {f: getattr(latest, f) for f in AGREEMENT_FIELDS} if latest else {}
    return _agreement_write(actor=actor, placement=placement, version=(latest.version + 1) if latest else 1,
                            content=base | content, verb=PlacementVerb.AGREEMENT_VERSIONED)


def agreement_document(agreement: WorkAgreement) -> dict:
    """The exact content that is signed: frozen at the first signature, before that built from the rows."""
    if agreement.document is not None:
        return agreement.document
    placement = agreement.placement
    case, company, contact = placement.case, placement.company, placement.contact
    return {
        "agreement": {"placement": placement.external_id, "version": agreement.version},
        "citizen": {"name": case.citizen.name, "case": case.external_id},
        "company": {"name": company.name, "cvr": company.cvr,
                    "workplace": str(placement.workplace) if placement.workplace_id else None,
                    "contact": contact.name if contact else None,
                    "contact_phone": contact.phone if contact else None,
                    "contact_email": contact.email if contact else None},
        "placement": {"kind": placement.kind, "kind_name": str(placement.get_kind_display()),
                      "purpose": placement.purpose,
                      "purpose_name": str(placement.get_purpose_display()) if placement.purpose else None,
                      "title": placement.title,
                      "start": placement.start.isoformat(),
                      "planned_end": placement.planned_end.isoformat() if placement.planned_end else None},
        "goal": agreement.goal,
        "sub_goals": list(agreement.sub_goals),
        "tasks": list(agreement.tasks),
        "hours_per_week": str(Decimal(agreement.hours_per_week).quantize(Decimal("0.1"))),
        "accommodations": agreement.accommodations,
        "conversion": agreement.conversion,
        "support": agreement.support,
        "follow_up_weeks": agreement.follow_up_weeks,
        "contact_info": agreement.contact_info,
        "start": agreement.start.isoformat() if isinstance(agreement.start, dt.date) else agreement.start,
    }


def agreement_hash(agreement: WorkAgreement) -> str:
    return agreement.content_hash or document_hash(agreement_document(agreement))


def expected_signer(agreement: WorkAgreement, role: str, actor=None,
                    channel: str = SignatureChannel.DEVICE) -> str | None:
    """Whose name the party's signer must type: the citizen's, the company contact's, the jobcentre's employee.
    With MitID Erhverv the company signs through the logged-in company user, who need not be the placement's
    contact person: any user the company has given the right to sign may (their own name is expected)."""
    placement = agreement.placement
    if role == SignerRole.CITIZEN:
        return placement.case.citizen.name
    if role == SignerRole.COMPANY:
        if channel == SignatureChannel.MITID_ERHVERV:
            link = getattr(actor, "company_user", None) if getattr(actor, "pk", None) else None
            return link.name if link is not None else None
        return placement.contact.name if placement.contact_id else None
    employee = getattr(actor, "employee", None) if getattr(actor, "pk", None) else None
    return employee.name if employee else None


def _company_signer_check(actor, placement, role) -> None:
    """A signature with MitID Erhverv is the company's, given by an active user of the placement's own company
    who has the right to sign."""
    link = getattr(actor, "company_user", None) if getattr(actor, "pk", None) else None
    if role != SignerRole.COMPANY or link is None or not link.is_active \
            or link.company_id != placement.company_id:
        raise ValidationError(_("Kun virksomheden selv kan skrive under med MitID Erhverv."))
    if not link.can_sign:
        raise ValidationError(_("Du har ikke ret til at underskrive arbejdsaftaler for virksomheden. Spørg "
                                "virksomhedens administrator."))


@transaction.atomic
def agreement_sign(*, actor, agreement: WorkAgreement, role: str, signer_name: str, content_hash: str,
                   drawing: str = "", at: dt.datetime | None = None,
                   channel: str = SignatureChannel.DEVICE) -> Signature:
    """One party confirms the agreement version with their typed name (and, if drawn on the screen, a drawing).
    `content_hash` is the hash of the document the signer was shown; if the document has changed since, nothing is
    signed. Takes the placement's lock, as every write to the agreement does, so a save and a signature never
    interleave: whichever comes second sees the first."""
    placement = Placement.objects.select_for_update(of=("self",)) \
        .select_related("case__citizen", "company", "contact", "workplace").get(pk=agreement.placement_id)
    agreement = WorkAgreement.objects.get(pk=agreement.pk)  # read under the lock
    agreement.placement = placement
    latest = current_agreement(placement)
    if role not in SignerRole.values:
        raise ValidationError({"role": _("Ukendt part.")})
    if latest.pk != agreement.pk:
        raise ValidationError(_("Der er kommet en nyere version af aftalen (version %(v)d). Skriv under på den.")
                              % {"v": latest.version})
    if agreement.signatures.filter(role=role).exists():
        raise ValidationError({"signer_name": _("%(role)s har allerede skrevet under på denne version.")
                               % {"role": SignerRole(role).label}})
    current = agreement_hash(agreement)
    if content_hash != current:
        raise ValidationError(_("Aftalen er ændret, efter den blev vist. Læs den nye udgave igennem, og skriv "
                                "under igen."))
    if channel == SignatureChannel.MITID_ERHVERV:
        _company_signer_check(actor, placement, role)
    signer_name = " ".join((signer_name or "").split())
    expected = expected_signer(agreement, role, actor, channel)
    if not signer_name:
        raise ValidationError({"signer_name": _("Skriv dit fulde navn for at skrive under.")})
    if expected is None and role == SignerRole.COMPANY:
        raise ValidationError({"signer_name": _("Forløbet har ingen kontaktperson på virksomheden. Vælg en først.")})
    # The message never tells which name was expected: typing it is the signer's own confirmation.
    if expected is not None and not same_name(signer_name, expected):
        raise ValidationError({"signer_name": _("Navnet passer ikke til den, der skal skrive under som %(role)s. "
                                                "Skriv dit eget fulde navn.")
                               % {"role": SignerRole(role).label.lower()}})
    drawing = drawing_clean(drawing)
    fields = ["updated_at", "updated_by"]
    if agreement.document is None:  # the first signature freezes the document
        agreement.document = agreement_document(agreement)
        agreement.content_hash = document_hash(agreement.document)
        fields += ["document", "content_hash"]
    at = at or timezone.now()
    signature = Signature(agreement=agreement, role=role, signer_name=signer_name, signed_at=at,
                          content_hash=agreement.content_hash, drawing=drawing, channel=channel)
    signature.stamp(actor)
    signature.save()
    roles = set(agreement.signatures.values_list("role", flat=True))
    if roles == set(SignerRole.values) and agreement.signed_on is None:
        agreement.signed_on = timezone.localtime(at).date() if timezone.is_aware(at) else at.date()
        fields.append("signed_on")
        if placement.agreement_signed_on is None or agreement.signed_on < placement.agreement_signed_on:
            placement.agreement_signed_on = agreement.signed_on
            placement.save(update_fields=["agreement_signed_on"])
    agreement.stamp(actor)
    agreement.save(update_fields=fields)
    _record(actor, PlacementVerb.AGREEMENT_SIGNED, placement, target=agreement,
            after={"version": agreement.version, "role": role, "signer": signer_name,
                   "hash": agreement.content_hash, "signed_by_all": agreement.signed_on is not None,
                   "drawn": bool(drawing), "channel": channel})
    return signature


@transaction.atomic
def agreement_signed_set(*, actor, placement: Placement, signed_on: dt.date | None) -> None:
    """Import: record that the agreement was signed by all parties on `signed_on` (or not at all: None).
    Keeps versions signed in Jobspor; otherwise one imported version, signed by all three on that date."""
    placement = Placement.objects.select_for_update(of=("self",)) \
        .select_related("case__citizen", "company", "contact").get(pk=placement.pk)
    real = WorkAgreement.objects.filter(placement=placement, imported=False, signed_on__isnull=False)
    first_real = real.order_by("signed_on").values_list("signed_on", flat=True).first()
    imported = WorkAgreement.objects.filter(placement=placement, imported=True).first()
    wanted = signed_on if first_real is None or (signed_on and signed_on < first_real) else None
    if wanted is None:
        if imported is not None:
            Signature.objects.filter(agreement=imported).delete()
            imported.delete()
    elif imported is None or imported.signed_on != wanted:
        if imported is None:
            latest = current_agreement(placement)
            imported = WorkAgreement(
                placement=placement, version=(latest.version + 1) if latest else 1, imported=True,
                goal=_("Importeret arbejdsaftale"), conversion=_("Se den oprindelige aftale."),
                tasks=[], hours_per_week=0, start=placement.start)
        imported.signed_on = wanted
        imported.document = {"imported": True, "placement": placement.external_id, "signed_on": wanted.isoformat()}
        imported.content_hash = document_hash(imported.document)
        imported.stamp(actor)
        imported.save()
        Signature.objects.filter(agreement=imported).delete()
        at = timezone.make_aware(dt.datetime.combine(wanted, dt.time(12)))
        for role in SignerRole.values:
            Signature.objects.create(agreement=imported, role=role, signer_name=_("(importeret)"), signed_at=at,
                                     content_hash=imported.content_hash)
    first = first_real if wanted is None else wanted
    if placement.agreement_signed_on != first:
        before = placement.agreement_signed_on
        placement.agreement_signed_on = first
        placement.save(update_fields=["agreement_signed_on"])
        _record(actor, PlacementVerb.AGREEMENT_SIGNED, placement, before={"agreement_signed_on": before},
                after={"agreement_signed_on": first})


# --- hours week by week -----------------------------------------------------------------------------------------

def week_errors(placement: Placement, week: dt.date) -> str | None:
    """Why hours cannot be recorded for the week starting `week` (a Monday), or None."""
    if week.weekday() != 0:
        return _("En uge angives ved sin mandag.")
    if week > timezone.localdate():
        return _("%(week)s er ikke begyndt endnu – timer registreres for uger, der er gået.") % {
            "week": capfirst(week_label(week))}
    if week < EARLIEST_RECORD:
        return _("Timer kan ikke registreres før %(year)d.") % {"year": EARLIEST_RECORD.year}
    return week_outside_period(placement.start, placement.end, week)


def _period_keep(*, actor, placement: Placement, start: dt.date, end: dt.date | None, field: str,
                 remove_stranded: bool, importing: bool = False) -> None:
    """kpi.md v2: hours lie inside their placement's period. Before the period becomes start..end: refuse if
    hours would be stranded outside it (naming the weeks), or — only when the user confirmed it
    (`remove_stranded`) — delete those weeks, each recorded with its values in the history."""
    weeks = stranded_weeks(placement, start, end)
    if not weeks:
        return
    if not remove_stranded:
        message = stranded_message(weeks, start, end, importing=importing)
        raise ValidationError({field: ValidationError(message, code="stranded_weeks")})
    for row in WeekHours.objects.filter(placement=placement, week__in=weeks).order_by("week"):
        _record(actor, PlacementVerb.HOURS_SAVED, placement, target=row,
                before={"week": iso_week(row.week), "internship_hours": row.internship_hours,
                        "ordinary_hours": row.ordinary_hours})
        row.delete()


def _week_name(week: dt.date) -> str:
    year, number, _day = week.isocalendar()
    return _("uge %(n)d (%(year)d)") % {"n": number, "year": year}


def _hours_text(values) -> str:
    if values is None:
        return _("ingen timer")
    return _("%(i)s praktiktimer, %(o)s ordinære") % {"i": _number_text(values[0]), "o": _number_text(values[1])}


def _number_text(value) -> str:
    return f"{Decimal(str(value)).normalize():f}".replace(".", ",")


def _stale_weeks(placement, rows, existing) -> None:
    """Refuse the save (StaleEdit) if a week the user changed has other hours now than when the grid was shown."""
    lines = []
    for row in rows:
        if "expected" not in row:
            continue
        current = existing.get(row["week"])
        now = (current.internship_hours, current.ordinary_hours) if current is not None else None
        expected = row["expected"]
        if expected is not None:
            expected = (Decimal(str(expected[0])), Decimal(str(expected[1])))
        if now == expected:
            continue
        if current is not None:
            who, when = who_and_when(current)
        else:
            who, when = _("en anden"), ""
        lines.append(_("%(week)s: %(old)s → %(new)s (%(who)s %(when)s)")
                     % {"week": capfirst(_week_name(row["week"])), "old": _hours_text(expected),
                        "new": _hours_text(now), "who": who, "when": when})
    if lines:
        raise StaleEdit([_("Ikke gemt: timerne i disse uger er ændret, efter du åbnede siden. Intet er overskrevet.")]
                        + lines + [_("Skemaet viser nu de gemte timer for ugerne – skriv dine ændringer igen og gem.")])


@transaction.atomic
def hours_save(*, actor, placement: Placement, weeks: list[dict]) -> int:
    """Save several weeks at once: [{"week": Monday, "internship_hours": …, "ordinary_hours": …}]. A week is removed
    only when asked ({"week": Monday, "clear": True}); a week with both values empty (None) is left as it is.
    With "expected": the hours the user saw ((internship, ordinary), or None for no row): if the week has other
    hours now, nothing is saved (StaleEdit). All weeks are checked first; on any error nothing is saved.
    Errors are keyed "<YYYY-Www>.<field>"."""
    placement = Placement.objects.select_for_update(of=("self",)).select_related("case").get(pk=placement.pk)
    errors, clean = {}, []
    for row in weeks:
        week = row["week"]
        label = iso_week(week)
        problem = week_errors(placement, week)
        internship, ordinary = row.get("internship_hours"), row.get("ordinary_hours")
        if row.get("clear"):
            clean.append((week, None, None))
            continue
        if internship in (None, "") and ordinary in (None, ""):
            continue
        if problem:
            errors[f"{label}.internship_hours"] = problem
            continue
        field_errors = {}
        a = _hours(internship, f"{label}.internship_hours", field_errors)
        b = _hours(ordinary, f"{label}.ordinary_hours", field_errors)
        if not field_errors and a + b > HOURS_MAX:
            field_errors[f"{label}.ordinary_hours"] = _("Højst %(max)d timer i alt i en uge.") % {"max": HOURS_MAX}
        errors.update(field_errors)
        clean.append((week, a, b))
    if errors:
        raise ValidationError(errors)
    existing = {h.week: h for h in WeekHours.objects.select_related("updated_by__employee")
                .filter(placement=placement, week__in=[w for w, *_ in clean])}
    _stale_weeks(placement, weeks, existing)
    changed = 0
    for week, a, b in clean:
        row = existing.get(week)
        if a is None:
            if row is not None:
                _record(actor, PlacementVerb.HOURS_SAVED, placement, target=row,
                        before={"week": iso_week(week), "internship_hours": row.internship_hours,
                                "ordinary_hours": row.ordinary_hours})
                row.delete()
                changed += 1
            continue
        if row is not None and row.internship_hours == a and row.ordinary_hours == b:
            continue
        before = None if row is None else {"internship_hours": row.internship_hours,
                                           "ordinary_hours": row.ordinary_hours}
        row = row or WeekHours(placement=placement, week=week)
        row.internship_hours, row.ordinary_hours = a, b
        row.status = HoursStatus.RECORDED  # the jobcentre's figures now (a company's report is in the history)
        row.stamp(actor)
        row.save()
        _record(actor, PlacementVerb.HOURS_SAVED, placement, target=row, before=before,
                after={"week": iso_week(week), "internship_hours": a, "ordinary_hours": b})
        changed += 1
    _refresh_flags(placement)
    return changed


# --- follow-up on site ------------------------------------------------------------------------------------------

@transaction.atomic
def follow_up_record(*, actor, placement: Placement, date: dt.date, place: str, participants: str,
                     ratings: list[dict], notes: str = "", next_date: dt.date | None = None,
                     company_only: bool = False) -> FollowUp:
    """ratings: [{"task": text, "citizen_rating": 1–10, "company_rating": 1–10}] for the agreed tasks.
    `company_only`: the company rates on its own (Virksomhedsindgang); the citizen's rating may then be None."""
    placement = Placement.objects.select_for_update(of=("self",)).select_related("case").get(pk=placement.pk)
    if company_only:
        link = getattr(actor, "company_user", None) if getattr(actor, "pk", None) else None
        if link is None or not link.is_active or link.company_id != placement.company_id:
            raise ValidationError(_("Forløbet hører ikke til din virksomhed."))
    errors = {}
    if date is None:
        errors["date"] = _("Angiv datoen for opfølgningen.")
    elif date > timezone.localdate():
        errors["date"] = _("En opfølgning kan ikke ligge i fremtiden.")
    elif date < placement.start:
        errors["date"] = _("Opfølgningen ligger før forløbet startede (%(date)s).") \
            % {"date": f"{placement.start:%d.%m.%Y}"}
    if not (place or "").strip():
        errors["place"] = _("Skriv hvor opfølgningen fandt sted.")
    if not (participants or "").strip():
        errors["participants"] = _("Skriv hvem der deltog.")
    if next_date is not None and date is not None and next_date < date:
        errors["next_date"] = _("Næste opfølgning kan ikke ligge før denne.")
    for number, rating in enumerate(ratings):
        for who in ("citizen_rating", "company_rating"):
            value = rating.get(who)
            if value is None and who == "citizen_rating" and company_only:
                continue
            if not isinstance(value, int) or isinstance(value, bool) or not RATING_MIN <= value <= RATING_MAX:
                errors[f"rating_{number}_{who}"] = _("Giv en vurdering fra 1 til 10.")
    if errors:
        raise ValidationError(errors)
    follow_up = FollowUp(placement=placement, date=date, place=place.strip(), participants=participants.strip(),
                         notes=(notes or "").strip(), next_date=next_date)
    follow_up.stamp(actor)
    follow_up.save()
    TaskRating.objects.bulk_create([TaskRating(follow_up=follow_up, task=r["task"][:200],
                                               citizen_rating=r.get("citizen_rating"),
                                               company_rating=r["company_rating"])
                                    for r in ratings])
    _record(actor, PlacementVerb.FOLLOW_UP_RECORDED, placement, target=follow_up,
            after={"date": date, "place": follow_up.place, "participants": follow_up.participants,
                   "ratings": {r["task"]: f"{r.get('citizen_rating') or '–'}/{r['company_rating']}"
                               for r in ratings},
                   "next_date": next_date})
    _refresh_flags(placement)
    return follow_up


# --- flags (denormalised so the flagged lists are plain queries) -------------------------------------------------

def mastered_since(ratings) -> dt.date | None:
    """The earliest date from which some task has been rated ≥ 8 by the company at every follow-up since.
    `ratings`: (date, task, company_rating) in any order."""
    by_task = {}
    for date, task, rating in sorted(ratings, key=lambda r: (r[0], r[1])):
        by_task.setdefault(task, []).append((date, rating))
    found = []
    for rows in by_task.values():
        since = None
        for date, rating in rows:
            if rating >= MASTERED_RATING:
                since = since or date
            else:
                since = None
        if since:
            found.append(since)
    return min(found) if found else None


def flags_compute(*, start, status, ratings, follow_ups, ordinary_weeks, follow_up_weeks) -> dict:
    """The denormalised flag fields of a placement (also used by the demo, in bulk).
    follow_ups: [(date, next_date)] in the order recorded; ordinary_weeks: Mondays with ordinary hours > 0."""
    since = mastered_since(ratings)
    last_ordinary = max(ordinary_weeks) if ordinary_weeks else None
    unconverted = since is not None and (last_ordinary is None or last_ordinary < monday_of(since))
    due = None
    if status != PlacementStatus.ENDED:
        if follow_ups:
            # The latest follow-up decides; of two on one day, the one recorded last (the list is in that order).
            date = max(d for d, _ in follow_ups)
            next_date = [n for d, n in follow_ups if d == date][-1]
            due = next_date or date + dt.timedelta(weeks=follow_up_weeks)
        else:
            due = start + dt.timedelta(weeks=follow_up_weeks)
    return {"mastered_since": since, "mastered_unconverted": unconverted, "last_ordinary_week": last_ordinary,
            "follow_up_due": due}


def _refresh_flags(placement: Placement) -> None:
    ratings = list(TaskRating.objects.filter(follow_up__placement=placement)
                   .values_list("follow_up__date", "task", "company_rating"))
    follow_ups = list(FollowUp.objects.filter(placement=placement).order_by("date", "pk")
                      .values_list("date", "next_date"))
    ordinary = list(WeekHours.objects.filter(placement=placement, ordinary_hours__gt=0).values_list("week", flat=True))
    weeks = WorkAgreement.objects.filter(placement=placement).order_by("-version") \
        .values_list("follow_up_weeks", flat=True).first() or 2
    fields = flags_compute(start=placement.start, status=placement.status, ratings=ratings, follow_ups=follow_ups,
                           ordinary_weeks=ordinary, follow_up_weeks=weeks)
    Placement.objects.filter(pk=placement.pk).update(**fields)
    for key, value in fields.items():
        setattr(placement, key, value)


FLAG_FIELDS = ("mastered_since", "mastered_unconverted", "last_ordinary_week", "follow_up_due")


def _refresh_flags_many(placements: list[Placement]) -> None:
    """_refresh_flags for many placements in four queries, writing only the placements whose flags change."""
    ids = [placement.pk for placement in placements]
    ratings, follow_ups, ordinary, weeks = {}, {}, {}, {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for pid, *rating in TaskRating.objects.filter(follow_up__placement_id__in=chunk).order_by("pk") \
                .values_list("follow_up__placement_id", "follow_up__date", "task", "company_rating"):
            ratings.setdefault(pid, []).append(tuple(rating))
        for pid, date, next_date in FollowUp.objects.filter(placement_id__in=chunk) \
                .order_by("placement_id", "date", "pk").values_list("placement_id", "date", "next_date"):
            follow_ups.setdefault(pid, []).append((date, next_date))
        for pid, week in WeekHours.objects.filter(placement_id__in=chunk, ordinary_hours__gt=0) \
                .values_list("placement_id", "week"):
            ordinary.setdefault(pid, []).append(week)
        for pid, every in WorkAgreement.objects.filter(placement_id__in=chunk).order_by("placement_id", "-version") \
                .values_list("placement_id", "follow_up_weeks"):
            weeks.setdefault(pid, every)
    for placement in placements:
        fields = flags_compute(start=placement.start, status=placement.status, ratings=ratings.get(placement.pk, []),
                               follow_ups=follow_ups.get(placement.pk, []),
                               ordinary_weeks=ordinary.get(placement.pk, []),
                               follow_up_weeks=weeks.get(placement.pk) or 2)
        if any(getattr(placement, key) != value for key, value in fields.items()):
            Placement.objects.filter(pk=placement.pk).update(**fields)
            for key, value in fields.items():
                setattr(placement, key, value)


def flags_refresh_all() -> int:
    """Recompute the denormalised flags of every placement not ended (the nightly job: a flag that drifted, e.g.
    after an import or a fix by hand, is set right before the KPIs read it). Returns how many had drifted."""
    changed = 0
    placements = Placement.objects.exclude(status=PlacementStatus.ENDED).only("pk", "start", "status", *FLAG_FIELDS)
    for placement in placements.order_by("pk").iterator(chunk_size=500):
        before = tuple(getattr(placement, f) for f in FLAG_FIELDS)
        _refresh_flags(placement)
        changed += before != tuple(getattr(placement, f) for f in FLAG_FIELDS)
    return changed


__all__ = ["placement_create", "placement_update", "placement_start", "placement_end", "agreement_save",
           "frozen_version", "signed_by_all",
           "agreement_new_version", "agreement_sign", "agreement_signed_set", "hours_save", "follow_up_record",
           "MASTERED_WEEKS"]


# --- import -----------------------------------------------------------------------------------------------------

def _status_for(start, end):
    if end is not None:
        return PlacementStatus.ENDED
    return PlacementStatus.ACTIVE if start <= timezone.localdate() else PlacementStatus.PLANNED


@transaction.atomic
def placement_upsert(*, actor, external_id: str, case, company, kind: str, purpose, start: dt.date,
                     end: dt.date | None, end_reason: str, agreement_signed: dt.date | None,
                     contact_person: dict | None = None) -> Placement:
    """Create or update a placement from an interchange record. The status follows the dates. The company's
    contact person comes from `contact_person` ({"name", "email", "phone"}: matched by name within the company,
    created when missing); without it the contact is kept (none for a new placement, or when the company changes)
    until one is chosen. Only what differs is written, so importing the same record twice records no events."""
    placement = Placement.objects.select_for_update(of=("self",)).select_related("case") \
        .filter(external_id=external_id).first()
    if contact_person:
        contact = _import_contact(actor=actor, company=company, person=contact_person)
    else:
        contact = placement.contact if placement and placement.company_id == company.pk else None
    _import_check(case=case, company=company, contact=contact, kind=kind, purpose=purpose, start=start, end=end,
                  end_reason=end_reason)
    wanted = {"case": case, "company": company, "contact": contact, "kind": kind, "purpose": purpose, "start": start,
              "end": end, "end_reason": end_reason or "", "status": _status_for(start, end)}
    if placement is None:
        placement = Placement(external_id=external_id, **wanted)
        placement.stamp(actor)
        placement.save()
        _record(actor, PlacementVerb.PLACEMENT_CREATED, placement, after=_snapshot(placement, PLACEMENT_FIELDS))
    else:
        if placement.case_id != case.pk:
            raise ValidationError({"case": _("Forløbet hører til en anden sag og kan ikke flyttes.")})
        frozen_errors = _frozen_errors(placement, _changed_terms(placement, wanted))
        if frozen_errors:
            raise ValidationError(frozen_errors)
        # An import never deletes hours: a new period that would strand some is refused (line N, weeks named).
        if (start, end) != (placement.start, placement.end):
            _period_keep(actor=actor, placement=placement, start=start, end=end,
                         field="end" if start == placement.start else "start", remove_stranded=False,
                         importing=True)
        before = _snapshot(placement, PLACEMENT_FIELDS)
        for key, value in wanted.items():
            setattr(placement, key, value)
        if placement.workplace_id and placement.workplace.company_id != company.pk:
            placement.workplace = None
        old, new = _changed(before, _snapshot(placement, PLACEMENT_FIELDS))
        if new:
            placement.stamp(actor)
            placement.save()
            _record(actor, PlacementVerb.PLACEMENT_UPDATED, placement, before=old, after=new)
    agreement_signed_set(actor=actor, placement=placement, signed_on=agreement_signed)
    _refresh_flags(placement)
    return placement


def _import_contact(*, actor, company, person: dict):
    """The company's contact person of that name (case-insensitive), created when missing; an e-mail or phone
    given in the file replaces the one held."""
    from jobspor.companies.models import CompanyContact
    from jobspor.companies.services import contact_save

    name = " ".join(person["name"].split())
    contact = CompanyContact.objects.filter(company=company, name__iexact=name).order_by("id").first()
    email = person.get("email") or (contact.email if contact else "")
    phone = person.get("phone") or (contact.phone if contact else "")
    if contact is None or (contact.email, contact.phone) != (email, phone):
        contact = contact_save(actor=actor, company=company, contact=contact, name=contact.name if contact else name,
                               role=contact.role if contact else "", phone=phone, email=email)
    return contact


@transaction.atomic
def hours_upsert(*, actor, placement: Placement, week: dt.date, internship_hours, ordinary_hours) -> WeekHours:
    """One week of hours from an interchange record (keyed by placement and week)."""
    problem = week.weekday() == 0 and week_outside_period(placement.start, placement.end, week, sentence=False)
    if problem:
        raise ValidationError({"week": problem})
    hours_save(actor=actor, placement=placement, weeks=[{"week": week, "internship_hours": internship_hours or 0,
                                                          "ordinary_hours": ordinary_hours or 0}])
    return WeekHours.objects.get(placement=placement, week=week)


@transaction.atomic
def hours_import(*, actor, rows: list[dict]) -> int:
    """What hours_upsert does for one week, for a batch of an import in a few queries. Each row:
    {"placement": Placement (its case loaded), "week": Monday, "internship_hours", "ordinary_hours"}; the caller has
    checked that each week lies in its placement's period (the database's trigger refuses any other). Unchanged
    weeks are left alone; each written week gets its HOURS_SAVED event; the flags of each placement with a written
    week are refreshed once.
    Returns the number of weeks written."""
    placements = {row["placement"].pk: row["placement"] for row in rows}
    # The same lock as hours_save: no one edits these placements' hours while the batch is written.
    list(Placement.objects.select_for_update(of=("self",)).filter(pk__in=sorted(placements)).values_list("pk"))
    existing = {(h.placement_id, h.week): h for h in WeekHours.objects.filter(
        placement_id__in=placements, week__in={row["week"] for row in rows})}
    created, updated, written = [], [], []
    now = timezone.now()  # bulk_update leaves auto_now alone
    for row in rows:
        placement, week = row["placement"], row["week"]
        errors = {}
        a = _hours(row["internship_hours"], "internship_hours", errors)
        b = _hours(row["ordinary_hours"], "ordinary_hours", errors)
        if errors:
            raise ValidationError(errors)
        hours = existing.get((placement.pk, week))
        if hours is not None and hours.internship_hours == a and hours.ordinary_hours == b:
            continue
        before = None if hours is None else {"internship_hours": hours.internship_hours,
                                             "ordinary_hours": hours.ordinary_hours}
        if hours is None:
            hours = instance_new(WeekHours, placement=placement, week=week)
            created.append(hours)
        else:
            hours.updated_at = now
            updated.append(hours)
        hours.internship_hours, hours.ordinary_hours = a, b
        hours.status = HoursStatus.RECORDED  # as hours_save: the jobcentre's figures now
        hours.stamp(actor)
        written.append((hours, before, {"week": iso_week(week), "internship_hours": a, "ordinary_hours": b}))
    objects_insert(created)  # sets the ids (SQLite ≥ 3.35, PostgreSQL), which the events name
    WeekHours.objects.bulk_update(updated, ["internship_hours", "ordinary_hours", "status", "updated_by",
                                            "updated_at"])
    events_insert([
        event_row(actor=actor, verb=PlacementVerb.HOURS_SAVED, target=hours, before=before, after=after,
                  citizen_id=hours.placement.case.citizen_id, case_id=hours.placement.case_id)
        for hours, before, after in written])
    # A placement whose weeks are all unchanged keeps its flags.
    _refresh_flags_many([placements[pid] for pid in sorted({hours.placement_id for hours, _b, _a in written})])
    return len(written)


# --- import: many placements at once -----------------------------------------------------------------------------

def placement_import_contacts(company_ids) -> dict:
    """{(company id, casefolded name): the company's first contact of that name} for a batch of placements: what
    _import_contact looks for, in one query."""
    from jobspor.companies.models import CompanyContact

    found = ImportContacts()
    company_ids = list(company_ids)
    for start in range(0, len(company_ids), 500):
        for contact in CompanyContact.objects.filter(company_id__in=company_ids[start:start + 500]).order_by("id"):
            found.setdefault((contact.company_id, contact.name.casefold()), contact)
    return found


class ImportContacts(dict):
    """placement_import_contacts' map, with the contact persons new to their company that the batch has built but
    not yet saved (`pending`, saved together by placement_contacts_flush)."""

    def __init__(self):
        super().__init__()
        self.pending = []
        self.pending_upper = set()  # (company id, upper-cased name) of the pending ones


def placement_contacts_flush(*, actor, contacts) -> None:
    """Save the batch's new contact persons in one insert, each with the CONTACT_SAVED event contact_save records,
    in the order they were built. Called before anything else of the batch writes events (a placement_upsert,
    placements_insert), so the events come in the same order as when each was saved at once."""
    from jobspor.companies.verbs import CompanyVerb

    pending = getattr(contacts, "pending", None)
    if not pending:
        return
    objects_insert(pending)  # sets the ids (SQLite ≥ 3.35, PostgreSQL), which the events (and placements) name
    events_insert([event_row(actor=actor, verb=CompanyVerb.CONTACT_SAVED, target=contact, before=None,
                             after={"name": contact.name, "role": contact.role, "phone": contact.phone,
                                    "email": contact.email}) for contact in pending])
    contacts.pending = []
    contacts.pending_upper = set()


def _pending_contact(*, actor, company, name: str, person: dict, contacts):
    """The contact person contact_save creates for _import_contact when the company has none of that name, built
    and checked as contact_save builds and checks it, saved later (placement_contacts_flush). None when the
    company has one (a query, as _import_contact's) or the batch is not an ImportContacts."""
    from jobspor.companies.models import CompanyContact

    if not isinstance(contacts, ImportContacts) or (company.pk, name.upper()) in contacts.pending_upper:
        return None  # a pending contact of a name the database would match (iexact): save it first
    if CompanyContact.objects.filter(company=company, name__iexact=name).exists():
        return None
    contact = instance_new(CompanyContact, company=company)
    contact.name, contact.role = name.strip(), ""
    contact.phone, contact.email = (person.get("phone") or "").strip(), (person.get("email") or "").strip()
    contact.stamp(actor)
    contact.full_clean(exclude=["company"])  # a saved row of this import (its check would query)
    contacts.pending.append(contact)
    contacts.pending_upper.add((company.pk, name.upper()))
    return contact


def _batch_contact(*, actor, company, person: dict, contacts: dict):
    """_import_contact with the batch's contacts at hand: a contact that is there and already holds the file's
    e-mail and phone costs no query; a contact person new to the company is built now and saved with the batch's
    others (_pending_contact); any other goes through _import_contact (which updates it), after the pending ones
    are saved."""
    name = " ".join(person["name"].split())
    contact = contacts.get((company.pk, name.casefold()))
    if contact is not None and contact.name == name and (person.get("email") or contact.email,
                                                         person.get("phone") or contact.phone) \
            == (contact.email, contact.phone):
        return contact
    if contact is None:
        contact = _pending_contact(actor=actor, company=company, name=name, person=person, contacts=contacts)
        if contact is not None:
            contacts.setdefault((company.pk, contact.name.casefold()), contact)
            return contact
    placement_contacts_flush(actor=actor, contacts=contacts)
    contact = _import_contact(actor=actor, company=company, person=person)
    contacts.setdefault((company.pk, contact.name.casefold()), contact)
    return contact


def _import_check(*, case, company, contact, kind, purpose, start, end, end_reason) -> None:
    """An imported placement's checks (placement_upsert and placement_build alike): those of a new placement,
    without a workplace, planned end or required contact, and a known end reason."""
    errors = _placement_errors(case=case, company=company, contact=contact, workplace=None, kind=kind,
                               purpose=purpose, start=start, planned_end=None, end=end, contact_required=False)
    if end_reason and end_reason not in codes(EndReason):
        errors["end_reason"] = _("Ukendt afslutningsårsag.")
    if errors:
        raise ValidationError(errors)


def placement_build(*, actor, external_id: str, case, company, kind: str, purpose, start: dt.date,
                    end: dt.date | None, end_reason: str, agreement_signed: dt.date | None, contact_person=None,
                    contacts: dict) -> Placement:
    """The new placement placement_upsert would write for an import, checked as it checks it but not saved:
    placements_insert writes a batch of them. `contacts` is placement_import_contacts' map of the batch (a contact
    person new to the company is created at once, as placement_upsert does)."""
    contact = _batch_contact(actor=actor, company=company, person=contact_person, contacts=contacts) \
        if contact_person else None
    _import_check(case=case, company=company, contact=contact, kind=kind, purpose=purpose, start=start, end=end,
                  end_reason=end_reason)
    placement = Placement(external_id=external_id, case=case, company=company, contact=contact, kind=kind,
                          purpose=purpose, start=start, end=end, end_reason=end_reason or "",
                          status=_status_for(start, end))
    placement.stamp(actor)
    # A new placement has no follow-ups, ratings or hours yet; its agreement (if any) follows up every 2 weeks.
    for key, value in flags_compute(start=start, status=placement.status, ratings=[], follow_ups=[],
                                    ordinary_weeks=[], follow_up_weeks=WorkAgreement._meta.get_field(
                                        "follow_up_weeks").default).items():
        setattr(placement, key, value)
    placement.import_signed = agreement_signed
    return placement


@transaction.atomic
def placements_insert(*, actor, placements: list[Placement]) -> None:
    """Save placements from placement_build in a few inserts, with what placement_upsert writes for a new one:
    PLACEMENT_CREATED; and for one signed on a date, the imported agreement signed by all three parties that
    agreement_signed_set writes, and its AGREEMENT_SIGNED event."""
    for placement in placements:
        placement.agreement_signed_on = placement.import_signed
        if placement.import_signed is not None:
            placement.lock_version = 2  # agreement_signed_set saves the new placement once more
    objects_insert(placements)  # sets the ids (SQLite ≥ 3.35, PostgreSQL)
    agreements = []
    for placement in placements:
        signed = placement.import_signed
        if signed is None:
            continue
        agreement = WorkAgreement(
            placement=placement, version=1, imported=True, goal=_("Importeret arbejdsaftale"),
            conversion=_("Se den oprindelige aftale."), tasks=[], hours_per_week=0, start=placement.start,
            signed_on=signed, document={"imported": True, "placement": placement.external_id,
                                        "signed_on": signed.isoformat()})
        agreement.content_hash = document_hash(agreement.document)
        agreement.stamp(actor)
        agreements.append(agreement)
    objects_insert(agreements)
    signatures = []
    for agreement in agreements:
        at = timezone.make_aware(dt.datetime.combine(agreement.signed_on, dt.time(12)))
        for role in SignerRole.values:
            signatures.append(Signature(agreement=agreement, role=role, signer_name=_("(importeret)"), signed_at=at,
                                        content_hash=agreement.content_hash))
    objects_insert(signatures)
    events = []
    for placement in placements:
        def event(verb, before=None, after=None, placement=placement):
            events.append(event_row(actor=actor, verb=verb, target=placement, before=before, after=after,
                                    citizen_id=placement.case.citizen_id, case_id=placement.case_id))
        event(PlacementVerb.PLACEMENT_CREATED, after=_snapshot(placement, PLACEMENT_FIELDS))
        if placement.import_signed is not None:
            event(PlacementVerb.AGREEMENT_SIGNED, before={"agreement_signed_on": None},
                  after={"agreement_signed_on": placement.import_signed})
        del placement.import_signed
    events_insert(events)


def placements_existing(external_ids) -> dict[str, tuple[Placement, set]]:
    """{external id: (the placement, the signed_on of its imported agreements, or None when it has a signed
    agreement of Jobspor's own)} of the placements that exist, in two queries: what placement_upsert_needed
    compares."""
    external_ids = list(external_ids)
    found = {}
    for start in range(0, len(external_ids), 500):
        for placement in Placement.objects.filter(external_id__in=external_ids[start:start + 500]) \
                .select_related("contact"):
            found[placement.external_id] = (placement, set())
    by_id = {placement.pk: (placement.external_id, signed) for placement, signed in found.values()}
    ids = list(by_id)
    for start in range(0, len(ids), 500):
        for placement_id, imported, signed_on in WorkAgreement.objects.filter(
                placement_id__in=ids[start:start + 500]).values_list("placement_id", "imported", "signed_on"):
            external_id, signed = by_id[placement_id]
            if not imported and signed_on is not None:
                found[external_id] = (found[external_id][0], None)
            elif imported and found[external_id][1] is not None:
                signed.add(signed_on)
    return found


def placement_upsert_needed(existing: tuple[Placement, set | None], *, case, company, kind: str, purpose,
                            start: dt.date, end: dt.date | None, end_reason: str, agreement_signed: dt.date | None,
                            contact_person=None, contacts: dict, **_ignored) -> bool:
    """Would placement_upsert change anything (or refuse) for a placement that exists (`existing` from
    placements_existing)? False: it would write nothing, so a batch import may leave it alone."""
    placement, imported = existing
    if imported is None:  # signed in Jobspor: agreement_signed_set decides
        return True
    wanted = {"case_id": case.pk, "company_id": company.pk, "kind": kind, "purpose": purpose, "start": start,
              "end": end, "end_reason": end_reason or "", "status": _status_for(start, end),
              "agreement_signed_on": agreement_signed}
    if any(getattr(placement, key) != value for key, value in wanted.items()):
        return True
    if imported != ({agreement_signed} if agreement_signed else set()):
        return True
    if contact_person:
        name = " ".join(contact_person["name"].split())
        contact = contacts.get((company.pk, name.casefold()))
        if contact is None or contact.pk != placement.contact_id or contact.name != name:
            return True
        if (contact_person.get("email") or contact.email, contact_person.get("phone") or contact.phone) \
                != (contact.email, contact.phone):
            return True
    return False
