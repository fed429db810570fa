"""Demo candidates for Virksomhedsindgang (`jobspor demo`, called by company_portal.demo): for each demo company
with an open opening, the engine's best three candidates sent yesterday and awaiting the company's answer; two of
them consented on Min side to share their name and tasks, the third gave no consent (shown as "Kandidat 3")."""

import datetime as dt

from django.utils import timezone

from jobspor.citizen_portal.models import CandidateConsent
from jobspor.jobs.choices import JobStatus
from jobspor.jobs.models import JobOpening

from . import engine
from .models import ShortlistEntry


def demo_candidates(*, companies, today) -> int:
    entries, consents = [], []
    taken = set(ShortlistEntry.objects.values_list("opening_id", "case_id"))
    consenting = set(CandidateConsent.objects.values_list("citizen_id", flat=True))
    for company in companies:
        job = JobOpening.objects.filter(company=company, status=JobStatus.OPEN).order_by("-posted", "pk").first()
        if job is None:
            continue
        for n, candidate in enumerate(engine.candidates_for_job(job, top=3, today=today)):
            if (job.pk, candidate.case_id) in taken:
                continue
            entries.append(ShortlistEntry(opening=job, case_id=candidate.case_id, score=candidate.score.total,
                                          sent_on=max(job.posted, today - dt.timedelta(days=1))))
            if n < 2 and candidate.citizen_id not in consenting:
                consenting.add(candidate.citizen_id)
                consents.append(CandidateConsent(citizen_id=candidate.citizen_id, share_name=True, share_tasks=True,
                                                 share_hours=True, given_at=timezone.now()))
    ShortlistEntry.objects.bulk_create(entries, batch_size=500)
    CandidateConsent.objects.bulk_create(consents, batch_size=500)
    return len(entries)
