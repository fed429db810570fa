"""jobspor match --job ID | --citizen ID [--top N] --format json (interchange.md). Logs access for the
citizens it prints."""

import json

from django.core.management.base import CommandError
from django.utils import translation

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.cases.models import Case
from jobspor.core.commands import DataCommand
from jobspor.core.errors import AuditUnavailable
from jobspor.jobs.models import JobOpening
from jobspor.matching import engine, explain, selectors


class Command(DataCommand):
    help = "Rangerede kandidater til en jobåbning eller job til en borger, med begrundelser (interchange.md)."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--job", help="jobåbningens id (id i udvekslingsformatet)")
        which.add_argument("--citizen", help="borgerens id (id i udvekslingsformatet)")
        parser.add_argument("--top", type=int, default=20, help="højst så mange (standard 20)")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, job=None, citizen=None, top=20, format="text", **options):
        if top < 1:
            raise CommandError("--top skal være mindst 1.")
        with translation.override("da"):
            try:
                result = self._job(job, top) if job else self._citizen(citizen, top)
            except AuditUnavailable as exc:
                raise CommandError("Adgangsloggen kunne ikke skrives, så intet vises.") from exc
        if format == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            key = "candidates" if job else "jobs"
            for row in result[key]:
                ref = row.get("citizen") or row.get("job")
                self.stdout.write(f"{row['score']:5.1f}  {ref}  " + "; ".join(row["reasons"]))

    def _job(self, ref, top):
        job = JobOpening.objects.filter(external_id=ref).select_related("company").first()
        if job is None:
            raise CommandError(f"Ingen jobåbning med id {ref}.")
        reason = selectors.opening_unavailable_reason(job)
        if reason:
            raise CommandError(reason)
        found = engine.candidates_for_job(job, top=top)
        access_log_write(actor=None, action=Action.COMMAND, purpose=f"jobspor match --job {ref}",
                         citizen_ids=[c.citizen_id for c in found], case_ids=[c.case_id for c in found])
        if not found:  # as for --citizen: the reason on stderr, stdout keeps the contract
            for reason in explain.why_no_candidates(job):
                self.stderr.write(reason)
        return {"job": ref, "candidates": [{"citizen": c.citizen_ref, "case": c.case_ref, "score": c.score.total,
                                            "reasons": c.score.reasons} for c in found]}

    def _citizen(self, ref, top):
        cases = list(Case.objects.filter(citizen__external_id=ref).order_by("closed", "-opened"))
        if not cases:
            raise CommandError(f"Ingen borger med id {ref}.")
        case = next((c for c in cases if c.closed is None), None)
        if case is None:
            access_log_write(actor=None, action=Action.COMMAND, purpose=f"jobspor match --citizen {ref}",
                             citizen_ids=[cases[0].citizen_id], case_ids=[cases[0].pk])
            raise CommandError("Borgerens sager er afsluttet, så borgeren matches ikke med job.")
        found = engine.jobs_for_citizen(case, top=top)
        access_log_write(actor=None, action=Action.COMMAND, purpose=f"jobspor match --citizen {ref}",
                         citizen_ids=[case.citizen_id], case_ids=[case.pk])
        if not found:  # never an empty answer without the reason (on stderr: stdout keeps the contract)
            facts = engine.citizen_facts(case)
            for reason in explain.why_no_openings(case, facts, km=facts.max_commute_km or selectors.NEAR_KM):
                self.stderr.write(reason)
        return {"citizen": ref, "jobs": [{"job": m.job.external_id, "score": m.score.total,
                                          "reasons": m.score.reasons} for m in found]}
