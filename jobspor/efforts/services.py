"""Writes to parallel efforts, rehabilitation-team recommendations and underretninger (keyword `actor=`,
one transaction, validated, an audit event in the same transaction)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.audit.services import event_record
from jobspor.audit.verbs import Verb

from .choices import EffortStatus, Recommendation, Sector
from .models import Notification, ParallelEffort, RehabRecommendation

EFFORT_FIELDS = ["sector", "description", "contact_name", "contact_phone", "contact_email", "status", "start",
                 "end", "note"]


def _record(actor, verb, case, target, before=None, after=None):
    event_record(actor=actor, verb=verb, target=target, before=before, after=after,
                 citizen_id=case.citizen_id, case_id=case.pk)


def _not_future(day, field, today):
    if day is not None and day > today:
        raise ValidationError({field: _("Datoen kan ikke ligge efter i dag.")})


@transaction.atomic
def effort_save(*, actor, case, effort: ParallelEffort | None = None, **fields) -> ParallelEffort:
    """Create (effort=None) or change a parallel effort."""
    unknown = set(fields) - set(EFFORT_FIELDS)
    if unknown:
        raise ValueError(f"effort_save cannot set {sorted(unknown)}")
    errors = {}
    if "sector" in fields and fields["sector"] not in Sector.values:
        errors["sector"] = _("Ukendt sektor.")
    if "status" in fields and fields["status"] not in EffortStatus.values:
        errors["status"] = _("Ukendt status.")
    if fields.get("start") and fields.get("end") and fields["end"] < fields["start"]:
        errors["end"] = _("Slutdatoen kan ikke ligge før startdatoen.")
    if errors:
        raise ValidationError(errors)
    if effort is None:
        effort, before = ParallelEffort(case=case), None
    else:
        effort = ParallelEffort.objects.select_for_update().get(pk=effort.pk, case=case)
        before = {f: getattr(effort, f) for f in EFFORT_FIELDS}
    for key, value in fields.items():
        setattr(effort, key, value if value is not None or key in {"start", "end"} else "")
    effort.stamp(actor)
    effort.full_clean()
    effort.save()
    after = {f: getattr(effort, f) for f in EFFORT_FIELDS}
    if before is None or before != after:
        changed = [k for k in after if before is None or before[k] != after[k]]
        _record(actor, Verb.EFFORT_SAVED, case, effort, before={k: before[k] for k in changed} if before else None,
                after={k: after[k] for k in changed})
    return effort


@transaction.atomic
def rehab_recommendation_record(*, actor, case, date: dt.date, recommendation: str, text: str = "",
                                today: dt.date | None = None) -> RehabRecommendation:
    if recommendation not in Recommendation.values:
        raise ValidationError({"recommendation": _("Ukendt indstilling.")})
    _not_future(date, "date", today or timezone.localdate())
    row = RehabRecommendation(case=case, date=date, recommendation=recommendation, text=text.strip())
    row.stamp(actor)
    row.save()
    _record(actor, Verb.REHAB_RECOMMENDED, case, row,
            after={"date": date, "recommendation": recommendation, "text": row.text})
    return row


@transaction.atomic
def notification_record(*, actor, case, date: dt.date, recipient: str, reason: str,
                        today: dt.date | None = None) -> Notification:
    """Record that an underretning was sent to social services."""
    errors = {}
    if not recipient.strip():
        errors["recipient"] = _("Angiv hvem underretningen er sendt til.")
    if not reason.strip():
        errors["reason"] = _("Skriv en kort begrundelse.")
    if errors:
        raise ValidationError(errors)
    _not_future(date, "date", today or timezone.localdate())
    row = Notification(case=case, date=date, recipient=recipient.strip(), reason=reason.strip())
    row.stamp(actor)
    row.save()
    _record(actor, Verb.NOTIFICATION_SENT, case, row, after={"date": date, "recipient": row.recipient})
    return row
