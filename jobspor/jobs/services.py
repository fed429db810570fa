"""Writes to job openings: keyword-only, one transaction, an audit event. Filling an opening with a citizen
needs a case the actor may see (the event names the citizen and case, never a CPR number)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobspor.audit.services import event_record
from jobspor.citizens.models import PostalCode
from jobspor.core.models import new_external_id
from jobspor.core.validators import date_errors
from jobspor.core.versioning import Seen, lock_for_edit

from .choices import SMALL_JOB_MAX_HOURS, JobKind, JobStatus
from .models import JobOpening
from .permissions import can_undo_fill, fill_refusal

JOB_FIELDS = ["title", "kind", "tasks", "hours_per_week", "driving_licence", "competencies_required",
              "competencies_wanted", "accommodations", "postal_code_id", "start", "posted", "deadline", "status",
              "workplace_id", "consultant_id", "filled_by_id", "filled_case_id", "filled_on", "fill_channel"]
EDITABLE = {"title", "kind", "tasks", "hours_per_week", "driving_licence", "competencies_required",
            "competencies_wanted", "accommodations", "postal_code", "start", "posted", "deadline", "workplace",
            "consultant", "status"}


class JobVerb(models.TextChoices):
    CREATED = "job_created", gettext_lazy("Jobåbning oprettet")
    UPDATED = "job_updated", gettext_lazy("Jobåbning ændret")
    FILLED = "job_filled", gettext_lazy("Jobåbning besat")
    EXPIRED = "job_expired", gettext_lazy("Jobåbning udløbet")
    PORTAL_SEEN = "job_portal_seen", gettext_lazy("Virksomhedens opslag set af jobcentret")


def _texts(values) -> list[str]:
    seen, result = set(), []
    for value in values or []:
        text = " ".join(str(value).split())
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            result.append(text)
    return result


def job_validate(job: JobOpening) -> None:
    """The rules of an opening, as Danish messages at the field."""
    # Dates outside the plausible range first (1990–2100, core.validators): the rules below compare them.
    errors = date_errors(**{name: value for name in ("posted", "start", "deadline", "filled_on")
                            if (value := getattr(job, name)) is not None})
    if errors:
        raise ValidationError(errors)
    if job.posted and job.deadline and job.deadline < job.posted:
        errors["deadline"] = _("Fristen kan ikke ligge før jobåbningen er oprettet.")
    if job.hours_per_week is not None:
        if job.kind == JobKind.SMALL_JOB and not 1 <= job.hours_per_week <= SMALL_JOB_MAX_HOURS:
            errors["hours_per_week"] = _("Et småjob skal være mellem 1 og %(max)d timer om ugen.") % {
                "max": SMALL_JOB_MAX_HOURS}
        elif not 1 <= job.hours_per_week <= 60:
            errors["hours_per_week"] = _("Timer pr. uge skal være mellem 1 og 60.")
    if job.start and job.posted and (job.posted - job.start).days > 365:
        errors["start"] = _("Starten ligger mere end et år før jobåbningen blev oprettet.")
    if job.status == JobStatus.FILLED and not job.filled_on:
        errors["filled_on"] = _("Angiv hvornår jobåbningen blev besat.")
    if job.filled_on and job.posted and job.filled_on < job.posted:
        errors["filled_on"] = _("En jobåbning kan ikke besættes, før den er oprettet.")
    if errors:
        raise ValidationError(errors)


def _record(actor, verb, job, before=None, after=None):
    event_record(actor=actor, verb=verb, target=job, before=before, after=after,
                 citizen_id=job.filled_by_id, case_id=job.filled_case_id)


@transaction.atomic
def job_save(*, actor, company, job: JobOpening | None = None, external_id: str | None = None, editor=None,
             seen: Seen | None = None, **fields) -> JobOpening:
    """Create or change an opening (not its filling: see job_fill). The workplace's postal code, else the
    company's, is used when none is given; the company's owner is the responsible consultant by default.
    With `editor` (the employee doing it), reopening a filled opening needs access to the citizen's case."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"job_save cannot set {', '.join(sorted(unknown))}")
    creating = job is None
    if creating:
        job = JobOpening(external_id=external_id or new_external_id("J"), company=company)
    elif job.company_id != company.pk:
        raise ValidationError({"company": _("Jobåbningen hører til en anden virksomhed.")})
    else:
        job = lock_for_edit(JobOpening.objects, pk=job.pk, seen=seen)
    before = None if creating else {f: getattr(job, f) for f in JOB_FIELDS}
    if editor is not None and not creating and fields.get("status", job.status) != JobStatus.FILLED \
            and not can_undo_fill(editor, job):
        raise ValidationError({"status": fill_refusal(job)})
    postal_code = fields.pop("postal_code", None)
    for key, value in fields.items():
        setattr(job, key, value)
    for key in ("tasks", "competencies_required", "competencies_wanted", "accommodations"):
        setattr(job, key, _texts(getattr(job, key)))
    job.title = (job.title or "").strip()
    job.driving_licence = (job.driving_licence or "").strip().upper()
    if postal_code:
        job.postal_code = postal_code if isinstance(postal_code, PostalCode) else PostalCode.objects.filter(
            code=postal_code).first()
        if job.postal_code is None:
            raise ValidationError({"postal_code": _("Ukendt postnummer: %(code)s.") % {"code": postal_code}})
    elif job.postal_code_id is None:
        job.postal_code_id = (job.workplace.postal_code_id if job.workplace_id else None) or company.postal_code_id
    if job.workplace_id and job.workplace.company_id != company.pk:
        raise ValidationError({"workplace": _("Arbejdsstedet hører ikke til virksomheden.")})
    if creating and job.consultant_id is None:
        job.consultant_id = company.owner_id
    if job.status != JobStatus.FILLED:
        job.filled_by = job.filled_case = None
        job.filled_on, job.fill_channel = None, ""
    job_validate(job)
    job.stamp(actor)
    job.full_clean()
    job.save()
    after = {f: getattr(job, f) for f in JOB_FIELDS}
    if creating:
        _record(actor, JobVerb.CREATED, job, after=after)
    elif before != after:
        changed = [k for k in after if before[k] != after[k]]
        _record(actor, JobVerb.UPDATED, job, before={k: before[k] for k in changed},
                after={k: after[k] for k in changed})
    return job


@transaction.atomic
def job_fill(*, actor, job: JobOpening, filled_on: dt.date, channel: str, case=None, citizen=None,
             editor=None) -> JobOpening:
    """Mark the opening filled — by a citizen (through their case, or the citizen alone on import) or by
    someone outside the jobcentre (no citizen). The caller has checked that the actor may see the case.
    With `editor`, replacing another citizen's filling needs access to that citizen's case."""
    job = JobOpening.objects.select_for_update().get(pk=job.pk)
    if editor is not None and not can_undo_fill(editor, job):
        raise ValidationError(fill_refusal(job))
    before = {f: getattr(job, f) for f in JOB_FIELDS}
    if case is not None:
        citizen = case.citizen
    job.status = JobStatus.FILLED
    job.filled_on, job.fill_channel = filled_on, channel or ""
    job.filled_by, job.filled_case = citizen, case
    job_validate(job)
    job.stamp(actor)
    job.full_clean()
    job.save()
    after = {f: getattr(job, f) for f in JOB_FIELDS}
    changed = [k for k in after if before[k] != after[k]]
    if changed:
        _record(actor, JobVerb.FILLED, job, before={k: before[k] for k in changed},
                after={k: after[k] for k in changed})
    return job


def case_for_citizen(citizen, on: dt.date):
    """The citizen's case that was open on the day (else the latest): how an imported filling is linked."""
    from jobspor.cases.models import Case

    cases = list(Case.objects.filter(citizen=citizen).order_by("-opened"))
    for case in cases:
        if case.opened <= on and (case.closed is None or case.closed >= on):
            return case
    return cases[0] if cases else None


@transaction.atomic
def job_upsert(*, actor, external_id: str, company, title: str, kind: str, hours_per_week: int, tasks: list,
               driving_licence, competencies: list, posted: dt.date, deadline, status: str, filled_by=None,
               filled_on=None) -> JobOpening:
    """Import: the interchange fields; what the format does not carry (wanted competencies, accommodations,
    start, channel, consultant) is kept."""
    job = JobOpening.objects.filter(external_id=external_id).first()
    wanted = {"title": title, "kind": kind, "hours_per_week": hours_per_week, "tasks": tasks,
              "driving_licence": driving_licence or "", "competencies_required": competencies, "posted": posted,
              "deadline": deadline, "status": JobStatus.OPEN if status == JobStatus.FILLED else status}
    if job is None:
        job = job_save(actor=actor, company=company, external_id=external_id, **wanted)
    else:
        if job.company_id != company.pk:
            raise ValidationError({"company": _("Jobåbningen hører til en anden virksomhed.")})
        if job.status == JobStatus.FILLED and status == JobStatus.FILLED:
            wanted["status"] = JobStatus.FILLED  # keep the filling while comparing the rest
        changed = {k: v for k, v in wanted.items() if getattr(job, k) != v}
        if changed:
            job = job_save(actor=actor, company=company, job=job, **changed)
    if status == JobStatus.FILLED:
        same = (job.status == JobStatus.FILLED and job.filled_by_id == getattr(filled_by, "pk", None)
                and job.filled_on == filled_on)
        if not same:
            case = case_for_citizen(filled_by, filled_on) if filled_by is not None else None
            job = job_fill(actor=actor, job=job, filled_on=filled_on, channel=job.fill_channel or "jobcentret",
                           case=case, citizen=filled_by)
    return job


def jobs_expire(*, actor=None, today: dt.date) -> int:
    """Open openings whose deadline has passed become expired, each with an event: so that matching, the job
    list and the conversation's suggestions stop offering them. Run daily (`jobspor expire_jobs`)."""
    expired = 0
    due = JobOpening.objects.filter(status=JobStatus.OPEN, deadline__lt=today).order_by("pk")
    for pk in due.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            job = JobOpening.objects.select_for_update().get(pk=pk)
            if job.status != JobStatus.OPEN:
                continue  # filled or cancelled meanwhile
            job.status = JobStatus.EXPIRED
            job.save(update_fields=["status", "updated_at"])
            _record(actor, JobVerb.EXPIRED, job, before={"status": JobStatus.OPEN},
                    after={"status": JobStatus.EXPIRED})
            expired += 1
    return expired


# --- import: many openings at once ----------------------------------------------------------------------------

def job_import_cases(citizen_ids) -> dict[int, list]:
    """{citizen id: their cases, latest opened first} for a batch of openings filled by citizens: what
    case_for_citizen reads, in one query."""
    from jobspor.cases.models import Case

    found = {}
    citizen_ids = list(citizen_ids)
    for start in range(0, len(citizen_ids), 500):
        for case in Case.objects.filter(citizen_id__in=citizen_ids[start:start + 500]).order_by("-opened"):
            found.setdefault(case.citizen_id, []).append(case)
    return found


def _case_on(cases: list, on: dt.date):
    """case_for_citizen over cases already read (latest opened first)."""
    for case in cases:
        if case.opened <= on and (case.closed is None or case.closed >= on):
            return case
    return cases[0] if cases else None


def job_build(*, actor, external_id: str, company, title: str, kind: str, hours_per_week: int, tasks: list,
              driving_licence, competencies: list, posted: dt.date, deadline, status: str, filled_by=None,
              filled_on=None, cases: dict) -> JobOpening:
    """The new opening job_upsert would write for an import (job_save, then job_fill when the file says filled),
    checked as they check it but not saved and without a query: jobs_insert writes a batch of them. `cases` is
    job_import_cases' map of the batch (the filling is linked to the citizen's case as case_for_citizen does)."""
    from jobspor.core.search_text import fold_fields

    job = JobOpening(external_id=external_id, company=company, title=title, kind=kind, hours_per_week=hours_per_week,
                     tasks=tasks, driving_licence=driving_licence or "", competencies_required=competencies,
                     posted=posted, deadline=deadline, status=JobStatus.OPEN if status == JobStatus.FILLED else status)
    for key in ("tasks", "competencies_required", "competencies_wanted", "accommodations"):
        setattr(job, key, _texts(getattr(job, key)))
    job.title = (job.title or "").strip()
    job.driving_licence = (job.driving_licence or "").strip().upper()
    job.postal_code_id = company.postal_code_id
    job.consultant_id = company.owner_id
    job.filled_by = job.filled_case = None
    job.filled_on, job.fill_channel = None, ""
    job_validate(job)
    job.stamp(actor)
    # The foreign keys are rows the caller has read (checking them again would cost a query each).
    exclude = ["company", "postal_code", "consultant", "workplace", "filled_by", "filled_case", "created_by",
               "updated_by"]
    job.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    job.import_created = {f: getattr(job, f) for f in JOB_FIELDS}
    job.import_filled = None
    if status == JobStatus.FILLED:
        before = job.import_created
        case = _case_on(cases.get(filled_by.pk, []), filled_on) if filled_by is not None else None
        job.status = JobStatus.FILLED
        job.filled_on, job.fill_channel = filled_on, "jobcentret"
        job.filled_by, job.filled_case = filled_by, case
        job_validate(job)
        job.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        after = {f: getattr(job, f) for f in JOB_FIELDS}
        changed = [k for k in after if before[k] != after[k]]
        job.import_filled = ({k: before[k] for k in changed}, {k: after[k] for k in changed})
        job.lock_version = 2  # job_fill saves the new opening once more
    fold_fields(job, [("title", "title_folded")], {})
    return job


@transaction.atomic
def jobs_insert(*, actor, jobs: list[JobOpening]) -> None:
    """Save openings from job_build in one insert, with the events job_upsert records: CREATED (as job_save made
    it: open) and, for a filled one, FILLED."""
    from jobspor.audit.services import event_row, events_insert
    from jobspor.core.bulk import objects_insert

    objects_insert(jobs)  # sets the ids (SQLite ≥ 3.35, PostgreSQL), which the events name
    events = []
    for job in jobs:
        events.append(event_row(actor=actor, verb=JobVerb.CREATED, target=job, after=job.import_created))
        if job.import_filled is not None:
            before, after = job.import_filled
            if after:
                events.append(event_row(actor=actor, verb=JobVerb.FILLED, target=job, before=before, after=after,
                                        citizen_id=job.filled_by_id, case_id=job.filled_case_id))
        del job.import_created, job.import_filled
    events_insert(events)


def job_upsert_needed(job: JobOpening, *, company, title: str, kind: str, hours_per_week: int, tasks: list,
                      driving_licence, competencies: list, posted: dt.date, deadline, status: str, filled_by=None,
                      filled_on=None, **_ignored) -> bool:
    """Would job_upsert change anything (or refuse) for this opening that exists? False: it would write nothing,
    so a batch import may leave it alone."""
    if job.company_id != company.pk:
        return True
    wanted = {"title": title, "kind": kind, "hours_per_week": hours_per_week, "tasks": tasks,
              "driving_licence": driving_licence or "", "competencies_required": competencies, "posted": posted,
              "deadline": deadline, "status": JobStatus.OPEN if status == JobStatus.FILLED else status}
    if job.status == JobStatus.FILLED and status == JobStatus.FILLED:
        wanted["status"] = JobStatus.FILLED
    if any(getattr(job, key) != value for key, value in wanted.items()):
        return True
    if status == JobStatus.FILLED:
        return not (job.status == JobStatus.FILLED and job.filled_by_id == getattr(filled_by, "pk", None)
                    and job.filled_on == filled_on)
    return False
