"""Writes: the shortlist (pick, send, outcome) and an opening's number of places. Keyword-only, one
transaction each, an audit event naming citizen and case (never a CPR number)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jobspor.audit.services import event_record
from jobspor.jobs.choices import JobStatus

from .choices import MatchVerb, Outcome
from .models import OpeningPlaces, ShortlistEntry


def _entry_dict(entry):
    return {"opening": entry.opening.external_id, "case": entry.case.external_id, "score": str(entry.score),
            "sent_on": entry.sent_on, "outcome": entry.outcome, "outcome_on": entry.outcome_on, "note": entry.note}


@transaction.atomic
def shortlist_add(*, actor, opening, case) -> ShortlistEntry:
    """Put the case on the opening's shortlist with the score the server computes (engine.score_case_for_job);
    a case that fails a hard requirement of the opening is refused with the reasons."""
    from .engine import score_case_for_job

    if opening.status != JobStatus.OPEN:
        raise ValidationError(_("Jobåbningen er ikke åben, så der kan ikke sættes kandidater på."))
    if case.closed:
        raise ValidationError(_("Sagen er afsluttet og kan ikke sættes på shortlisten."))
    if ShortlistEntry.objects.filter(opening=opening, case=case).exists():
        raise ValidationError(_("Borgeren står allerede på shortlisten."))
    score, failed = score_case_for_job(opening, case)
    if score is None:
        raise ValidationError(_("Borgeren kan ikke sættes på shortlisten til denne jobåbning: %(reasons)s.")
                              % {"reasons": "; ".join(str(r) for r in failed)})
    entry = ShortlistEntry(opening=opening, case=case, score=round(score.total, 1))
    entry.stamp(actor)
    entry.save()
    event_record(actor=actor, verb=MatchVerb.SHORTLIST_ADDED, target=entry, after=_entry_dict(entry),
                 citizen_id=case.citizen_id, case_id=case.pk)
    return entry


@transaction.atomic
def shortlist_send(*, actor, opening, sent_on: dt.date) -> int:
    """Record that the shortlist (every entry not yet sent) went to the company on `sent_on`."""
    entries = list(ShortlistEntry.objects.select_for_update().filter(opening=opening, sent_on__isnull=True)
                   .select_related("case", "opening"))
    if not entries:
        raise ValidationError({"sent_on": _("Der er ingen kandidater på shortlisten, som ikke allerede er sendt.")})
    if sent_on < opening.posted:
        raise ValidationError({"sent_on": _("Datoen ligger før jobåbningen blev oprettet.")})
    for entry in entries:
        before = _entry_dict(entry)
        entry.sent_on = sent_on
        entry.stamp(actor)
        entry.save(update_fields=["sent_on", "updated_at", "updated_by"])
        event_record(actor=actor, verb=MatchVerb.SHORTLIST_SENT, target=entry, before=before,
                     after=_entry_dict(entry), citizen_id=entry.case.citizen_id, case_id=entry.case_id)
    return len(entries)


@transaction.atomic
def shortlist_outcome(*, actor, entry, outcome: str, outcome_on: dt.date, note: str = "") -> ShortlistEntry:
    errors = {}
    if outcome not in Outcome.values or outcome == Outcome.PENDING:
        errors["outcome"] = _("Vælg et udfald.")
    if entry.sent_on and outcome_on < entry.sent_on:
        errors["outcome_on"] = _("Udfaldet kan ikke ligge før shortlisten blev sendt.")
    if errors:
        raise ValidationError(errors)
    entry = ShortlistEntry.objects.select_for_update().select_related("case", "opening").get(pk=entry.pk)
    before = _entry_dict(entry)
    entry.outcome, entry.outcome_on, entry.note = outcome, outcome_on, (note or "").strip()[:300]
    entry.stamp(actor)
    entry.save()
    event_record(actor=actor, verb=MatchVerb.SHORTLIST_OUTCOME, target=entry, before=before,
                 after=_entry_dict(entry), citizen_id=entry.case.citizen_id, case_id=entry.case_id)
    return entry


@transaction.atomic
def places_set(*, actor, opening, places: int) -> OpeningPlaces:
    if not 1 <= places <= 500:
        raise ValidationError({"places": _("Antal pladser skal være mellem 1 og 500.")})
    row, _created = OpeningPlaces.objects.get_or_create(opening=opening)
    before = {"places": row.places}
    row.places = places
    row.stamp(actor)
    row.save()
    event_record(actor=actor, verb=MatchVerb.PLACES_SET, target=opening, before=before, after={"places": places})
    return row
