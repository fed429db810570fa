"""`job`: {"type":"job","id":"J1","company":"V1","title":"Lagerhjælp","kind":"smaajob","hours_per_week":8,
"tasks":["pakke varer"],"requirements":{"driving_licence":null,"competencies":[]},"posted":"2025-03-01",
"deadline":"2025-03-31","status":"filled","filled_by":"B1","filled_on":"2025-03-20"}

`filled_by` names a citizen id; the filling is linked to the citizen's case that was open on `filled_on`.
What the format does not carry (wanted competencies, accommodations, start, channel, consultant) is kept."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobspor.jobs.choices import SMALL_JOB_MAX_HOURS, JobKind, JobStatus
from jobspor.jobs.models import JobOpening
from jobspor.jobs.services import job_build, job_import_cases, job_upsert, job_upsert_needed, jobs_insert

from ..compiled import Slow, compiled_field, list_check
from ..errors import ImportRejected, LineError, problems_of
from ..fields import Code, Date, JsonValue, Key, Ref, Text
from ..forms import RecordForm
from ..registry import RecordType, register
from .company import Count


class TextList(forms.Field):
    """A list of short texts."""

    widget = JsonValue
    default_error_messages = {"type": gettext_lazy("skal være en liste af tekster"),
                              "long": gettext_lazy("en tekst må højst være 200 tegn")}

    def to_python(self, value):
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValidationError(self.error_messages["type"], code="type")
        if any(len(item) > 200 for item in value):
            raise ValidationError(self.error_messages["long"], code="long")
        return value


@compiled_field(TextList)
def _text_list_check(field, ctx):
    """TextList for a valid list: texts of at most 200 characters, as given."""
    def items(value):
        for item in value:
            if type(item) is not str or len(item) > 200:
                raise Slow
        return value
    return list_check(field.required, items)


class RequirementsForm(RecordForm):
    driving_licence = Text(max_length=5, required=False)
    competencies = TextList(required=False)


class Requirements(forms.Field):
    """The nested object {"driving_licence": …, "competencies": […]} (nothing else allowed)."""

    widget = JsonValue
    default_error_messages = {"type": gettext_lazy("skal være et JSON-objekt")}

    def to_python(self, value):
        if value is None:
            return {"driving_licence": "", "competencies": []}
        if not isinstance(value, dict):
            raise ValidationError(self.error_messages["type"], code="type")
        form = RequirementsForm(value, ctx=None)
        if not form.is_valid():
            raise ValidationError([f"{name}: {message}" if name != "__all__" else message
                                   for name, messages in form.errors.items() for message in messages])
        return form.cleaned_data


class JobForm(RecordForm):
    id = Key()
    company = Ref("company", unknown=gettext_lazy("virksomhed '%(value)s' findes hverken i filen eller i databasen"))
    title = Text(max_length=200)
    kind = Code(JobKind.choices, unknown=gettext_lazy("ukendt jobtype '%(value)s'"))
    hours_per_week = Count(low=1, high=60)
    tasks = TextList(required=False)
    requirements = Requirements(required=False)
    posted = Date()
    deadline = Date(required=False)
    status = Code(JobStatus.choices, unknown=gettext_lazy("ukendt status '%(value)s'"))
    filled_by = Ref("citizen", required=False,
                    unknown=gettext_lazy("borger '%(value)s' findes hverken i filen eller i databasen"))
    filled_on = Date(required=False)

    def clean(self):
        cleaned = super().clean()
        posted, deadline = cleaned.get("posted"), cleaned.get("deadline")
        if posted and deadline and deadline < posted:
            self.add_error("deadline", _("fristen kan ikke ligge før jobåbningen er oprettet (posted)"))
        hours = cleaned.get("hours_per_week")
        if cleaned.get("kind") == JobKind.SMALL_JOB and hours is not None and hours > SMALL_JOB_MAX_HOURS:
            self.add_error("hours_per_week", _("et småjob skal være mellem 1 og %(max)d timer om ugen")
                           % {"max": SMALL_JOB_MAX_HOURS})
        status = cleaned.get("status")
        if status == JobStatus.FILLED and "filled_on" in cleaned and not cleaned["filled_on"]:
            self.add_error("filled_on", _("angiv hvornår jobåbningen blev besat (status filled)"))
        if status and status != JobStatus.FILLED:
            if cleaned.get("filled_by"):
                self.add_error("filled_by", _("kun en besat jobåbning (status filled) har filled_by"))
            if cleaned.get("filled_on"):
                self.add_error("filled_on", _("kun en besat jobåbning (status filled) har filled_on"))
        if posted and cleaned.get("filled_on") and cleaned["filled_on"] < posted:
            self.add_error("filled_on", _("en jobåbning kan ikke besættes, før den er oprettet (posted)"))
        return cleaned


@register
class JobRecord(RecordType):
    type = "job"
    form = JobForm
    model = JobOpening
    depends_on = ("company", "citizen", "case")

    def write_batch(self, items, ctx):
        """New openings are built (job_build) and inserted together (jobs_insert); one that exists is compared with
        the file's (one query for the batch), and only one that differs goes through job_upsert (so a second
        import of the same file writes nothing)."""
        self.prefetch_refs(items, ctx)
        values = [(number, self._values(data, ctx)) for number, data in items]
        existing = self.lookup_many(v["external_id"] for _number, v in values)
        cases = job_import_cases({v["filled_by"].pk for _number, v in values if v["filled_by"] is not None})
        new = []
        for number, v in values:
            try:
                job = existing.get(v["external_id"])
                if job is None:
                    new.append(job_build(actor=ctx.actor, cases=cases, **v))
                elif job_upsert_needed(job, **v):
                    job_upsert(actor=ctx.actor, **v)
            except ValidationError as exc:  # validation should have caught it; roll back all the same
                raise ImportRejected([LineError(number, problems_of(exc))]) from exc
        jobs_insert(actor=ctx.actor, jobs=new)

    def upsert(self, data, ctx):
        return job_upsert(actor=ctx.actor, **self._values(data, ctx))

    @staticmethod
    def _values(data, ctx) -> dict:
        requirements = data["requirements"] or {"driving_licence": "", "competencies": []}
        return dict(external_id=data["id"], company=ctx.get("company", data["company"]), title=data["title"],
                    kind=data["kind"], hours_per_week=data["hours_per_week"], tasks=data["tasks"],
                    driving_licence=requirements.get("driving_licence") or "",
                    competencies=requirements.get("competencies") or [], posted=data["posted"],
                    deadline=data["deadline"], status=data["status"],
                    filled_by=ctx.get("citizen", data["filled_by"]) if data["filled_by"] else None,
                    filled_on=data["filled_on"])

    def export(self, ctx):
        jobs = JobOpening.objects.select_related("company", "filled_by").order_by("external_id")
        for job in jobs.iterator(chunk_size=1000):
            if job.filled_by_id:
                ctx.shown(job.filled_by_id)
            yield {
                "type": self.type, "id": job.external_id, "company": job.company.external_id, "title": job.title,
                "kind": job.kind, "hours_per_week": job.hours_per_week, "tasks": job.tasks,
                "requirements": {"driving_licence": job.driving_licence or None,
                                 "competencies": job.competencies_required},
                "posted": _iso(job.posted), "deadline": _iso(job.deadline), "status": job.status,
                "filled_by": job.filled_by.external_id if job.filled_by_id else None, "filled_on": _iso(job.filled_on),
            }


def _iso(date):
    return date.isoformat() if date else None
