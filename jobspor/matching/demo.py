"""Demo shortlists for `jobspor demo`: places on the open small jobs, and for a dozen open openings a
shortlist of the engine's best candidates, most of them sent to the company, with outcomes (declined by
the citizen or the company, interview, placement started, hired) — so the reasons show a company's history
of taking candidates, and the shortlist pages have something to show. Written in bulk."""

import datetime as dt

from jobspor.jobs.choices import JobKind, JobStatus
from jobspor.jobs.models import JobOpening

from . import engine
from .choices import Outcome
from .models import OpeningPlaces, ShortlistEntry

OPENINGS_WITH_SHORTLIST = 12
OUTCOMES = [(Outcome.PENDING, 3), (Outcome.DECLINED_BY_CITIZEN, 1), (Outcome.DECLINED_BY_COMPANY, 2),
            (Outcome.INTERVIEW, 3), (Outcome.PLACEMENT_STARTED, 2), (Outcome.HIRED, 1)]
NOTES = {Outcome.DECLINED_BY_CITIZEN: "Borgeren ønsker ikke weekendarbejde.",
         Outcome.DECLINED_BY_COMPANY: "Virksomheden valgte en anden kandidat.",
         Outcome.INTERVIEW: "Samtale aftalt med butikschefen.",
         Outcome.PLACEMENT_STARTED: "Starter i virksomhedspraktik med henblik på ordinære timer.",
         Outcome.HIRED: "Ansat i småjob, 8 timer om ugen."}


def demo_extend(*, rng, today, fake, say):
    openings = list(JobOpening.objects.filter(status=JobStatus.OPEN).order_by("-posted", "pk"))
    places = [OpeningPlaces(opening=job, places=rng.choice([1, 1, 2, 3])) for job in openings
              if job.kind == JobKind.SMALL_JOB]
    OpeningPlaces.objects.bulk_create(places, batch_size=500)
    entries = []
    outcomes, weights = zip(*OUTCOMES, strict=True)
    for job in openings[:OPENINGS_WITH_SHORTLIST]:
        for candidate in engine.candidates_for_job(job, top=rng.randint(2, 5), today=today):
            sent = rng.random() < 0.8
            outcome = rng.choices(outcomes, weights)[0] if sent else Outcome.PENDING
            sent_on = today - dt.timedelta(days=rng.randint(3, 40)) if sent else None
            entries.append(ShortlistEntry(
                opening=job, case_id=candidate.case_id, score=candidate.score.total, sent_on=sent_on,
                outcome=outcome, note=NOTES.get(outcome, ""),
                outcome_on=sent_on + dt.timedelta(days=rng.randint(1, 3)) if outcome != Outcome.PENDING else None))
    ShortlistEntry.objects.bulk_create(entries, batch_size=500)
    say(f"{len(entries)} kandidater på {OPENINGS_WITH_SHORTLIST} shortlister")
    return [(len(places), "jobåbning med pladser", "jobåbninger med pladser"),
            (len(entries), "kandidat på shortliste", "kandidater på shortliste")]
