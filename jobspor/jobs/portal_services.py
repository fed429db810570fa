"""Openings a company posts itself on Virksomhedsindgang: the same service and rules as staff (job_save: a small job
is 1–37 hours, the deadline lies after posting …), posted today by the company user; staff are told until one of
them has seen it (jobs.followup)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.audit.services import event_record

from .choices import JobKind
from .models import JobOpening, PortalPosting
from .services import JobVerb, job_save

# What a company may post itself; subsidised kinds (løntilskud, praktik …) are agreed with the jobcentre.
PORTAL_KINDS = [JobKind.SMALL_JOB, JobKind.ORDINARY, JobKind.FLEX_JOB]
PORTAL_FIELDS = {"title", "kind", "hours_per_week", "tasks", "start", "deadline", "workplace"}


@transaction.atomic
def opening_post(*, company_user, **fields) -> JobOpening:
    """Post an opening for the company user's company, today. The event of job_save names the company user."""
    unknown = set(fields) - PORTAL_FIELDS
    if unknown:
        raise ValueError(f"opening_post cannot set {', '.join(sorted(unknown))}")
    if fields.get("kind") not in PORTAL_KINDS:
        raise ValidationError({"kind": _("Vælg en af de typer, virksomheden selv kan slå op.")})
    job = job_save(actor=company_user.user, company=company_user.company, posted=timezone.localdate(), **fields)
    PortalPosting.objects.create(opening=job, posted_by=company_user)
    return job


@transaction.atomic
def posting_seen(*, actor, posting: PortalPosting) -> PortalPosting:
    """A staff member has seen the company's new opening: it leaves "Mine opgaver". Seeing it twice changes
    nothing."""
    posting = PortalPosting.objects.select_for_update().select_related("opening").get(pk=posting.pk)
    if posting.seen_at is not None:
        return posting
    posting.seen_by, posting.seen_at = actor, timezone.now()
    posting.save(update_fields=["seen_by", "seen_at"])
    event_record(actor=actor, verb=JobVerb.PORTAL_SEEN, target=posting.opening, before={"seen_at": None},
                 after={"seen_at": posting.seen_at})
    return posting
