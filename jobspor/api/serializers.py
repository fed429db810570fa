"""What the API shows and accepts. Reads are flat and name no CPR number (the UI shows the full number only on
request, with its own purpose); writes are validated here for shape and by the services for the rules."""

from rest_framework import serializers

from jobspor.cases.choices import CloseReason
from jobspor.cases.models import Case
from jobspor.companies.models import Company
from jobspor.jobs.choices import JobKind, JobStatus
from jobspor.jobs.models import JobOpening
from jobspor.placements.choices import HOURS_MAX, EndReason
from jobspor.placements.models import Placement, WeekHours
from jobspor.plans.models import Plan, SubGoal

# Filling an opening is done in Jobspor (it names a citizen), not through the API.
OPENING_WRITE_STATUS = [(JobStatus.OPEN.value, "Åben"), (JobStatus.EXPIRED.value, "Udløbet")]
TEXT_LIST = serializers.ListField(child=serializers.CharField(max_length=200), max_length=50, required=False)


class CaseSerializer(serializers.ModelSerializer):
    close_reason = serializers.ChoiceField(choices=CloseReason.choices, allow_blank=True, read_only=True)
    citizen_name = serializers.CharField(source="citizen.name", read_only=True)
    citizen_external_id = serializers.CharField(source="citizen.external_id", read_only=True)
    team = serializers.CharField(source="team.external_id", read_only=True, allow_null=True, default=None)
    team_name = serializers.CharField(source="team.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Case
        fields = ["id", "external_id", "citizen_id", "citizen_external_id", "citizen_name", "benefit",
                  "target_group", "fsm_group", "opened", "closed", "close_reason", "public_support_since",
                  "fleksjob_visitated", "team", "team_name"]
        read_only_fields = fields


class CvExperienceSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    place = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True)


class CvJobGoalSerializer(serializers.Serializer):
    title = serializers.CharField()
    set_on = serializers.DateField()


class CvLanguageSerializer(serializers.Serializer):
    language = serializers.CharField()
    level = serializers.CharField()


class CvStatementSerializer(serializers.Serializer):
    company_name = serializers.CharField()
    given_on = serializers.DateField()
    given_by = serializers.CharField()
    text = serializers.CharField()


class CvSerializer(serializers.Serializer):
    """The CV of the case's citizen, as the CV tab shows it (empty lists and nulls when there is none yet)."""

    case_id = serializers.IntegerField()
    exists = serializers.BooleanField(help_text="Falsk, hvis borgeren endnu ikke har et CV.")
    created = serializers.DateField(allow_null=True)
    hours_now = serializers.IntegerField(allow_null=True)
    hours_wanted = serializers.IntegerField(allow_null=True)
    max_commute_km = serializers.IntegerField(allow_null=True)
    transport = serializers.ListField(child=serializers.CharField())
    driving_licence = serializers.ListField(child=serializers.CharField())
    tasks = serializers.ListField(child=serializers.CharField())
    competencies = serializers.ListField(child=serializers.CharField())
    job_wishes = serializers.ListField(child=serializers.CharField())
    accommodations = serializers.ListField(child=serializers.CharField())
    experience = CvExperienceSerializer(many=True)
    job_goals = CvJobGoalSerializer(many=True)
    languages = CvLanguageSerializer(many=True)
    statements = CvStatementSerializer(many=True)


def cv_data(case, view) -> dict:
    cv = view.cv
    return {
        "case_id": case.pk, "exists": cv is not None, "created": cv.created if cv else None,
        "hours_now": cv.hours_now if cv else None, "hours_wanted": cv.hours_wanted if cv else None,
        "max_commute_km": cv.max_commute_km if cv else None,
        "transport": list(cv.transport or []) if cv else [], "driving_licence": list(cv.driving_licence or [])
        if cv else [],
        "tasks": [i.text for i in view.tasks], "competencies": [i.text for i in view.competencies],
        "job_wishes": [i.text for i in view.job_wishes], "accommodations": [i.text for i in view.accommodations],
        "experience": view.experience, "job_goals": view.job_goals, "languages": view.languages,
        "statements": view.statements,
    }


class SubGoalSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(source="owner.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = SubGoal
        fields = ["id", "text", "due", "status", "owner_name"]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    case_id = serializers.IntegerField(read_only=True)
    sub_goals = SubGoalSerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "case_id", "goal", "goal_text", "made", "sub_goals"]
        read_only_fields = fields


class PlacementSerializer(serializers.ModelSerializer):
    end_reason = serializers.ChoiceField(choices=EndReason.choices, allow_blank=True, read_only=True)
    company_name = serializers.CharField(source="company.name", read_only=True)

    class Meta:
        model = Placement
        fields = ["id", "external_id", "case_id", "company_id", "company_name", "opening_id", "kind", "purpose",
                  "title", "start", "planned_end", "end", "status", "end_reason", "agreement_signed_on",
                  "follow_up_due"]
        read_only_fields = fields


class WeekHoursSerializer(serializers.ModelSerializer):
    class Meta:
        model = WeekHours
        fields = ["week", "internship_hours", "ordinary_hours", "status"]
        read_only_fields = fields


class HoursWeekInSerializer(serializers.Serializer):
    week = serializers.DateField(help_text="Ugens mandag (ÅÅÅÅ-MM-DD).")
    internship_hours = serializers.DecimalField(max_digits=4, decimal_places=1, min_value=0, max_value=HOURS_MAX,
                                                allow_null=True, required=False)
    ordinary_hours = serializers.DecimalField(max_digits=4, decimal_places=1, min_value=0, max_value=HOURS_MAX,
                                              allow_null=True, required=False)
    clear = serializers.BooleanField(required=False, default=False, help_text="Sand: fjern ugens timer.")


class HoursInSerializer(serializers.Serializer):
    weeks = HoursWeekInSerializer(many=True, min_length=1, max_length=53)


class HoursOutSerializer(serializers.Serializer):
    changed = serializers.IntegerField(help_text="Antal uger, der blev ændret.")
    weeks = WeekHoursSerializer(many=True)


class OpeningSerializer(serializers.ModelSerializer):
    company_name = serializers.CharField(source="company.name", read_only=True)
    postal_code = serializers.CharField(source="postal_code_id", read_only=True, allow_null=True)
    filled = serializers.SerializerMethodField(help_text="Besat (hvem der besatte den, vises ikke her).")

    class Meta:
        model = JobOpening
        fields = ["id", "external_id", "company_id", "company_name", "title", "kind", "tasks", "hours_per_week",
                  "driving_licence", "competencies_required", "competencies_wanted", "accommodations",
                  "postal_code", "start", "posted", "deadline", "status", "filled"]
        read_only_fields = fields

    def get_filled(self, job) -> bool:
        return job.status == JobStatus.FILLED


class OpeningWriteSerializer(serializers.Serializer):
    """A new opening (every field the UI's form has); on PATCH only the fields sent are changed."""

    company = serializers.IntegerField(min_value=1, max_value=2**62, help_text="Virksomhedens id.")
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=JobKind.choices)
    hours_per_week = serializers.IntegerField(min_value=1, max_value=60)
    tasks = TEXT_LIST
    driving_licence = serializers.CharField(max_length=5, required=False, allow_blank=True)
    competencies_required = TEXT_LIST
    competencies_wanted = TEXT_LIST
    accommodations = TEXT_LIST
    postal_code = serializers.RegexField(r"^[0-9]{4}$", required=False, allow_null=True)
    start = serializers.DateField(required=False, allow_null=True)
    posted = serializers.DateField()
    deadline = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=OPENING_WRITE_STATUS, required=False,
                                     help_text="Besættelse sker i Jobspor, ikke gennem API'et.")


class OpeningPatchSerializer(OpeningWriteSerializer):
    company = None  # an opening stays with its company

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("partial", True)
        super().__init__(*args, **kwargs)


class CompanySerializer(serializers.ModelSerializer):
    postal_code = serializers.CharField(source="postal_code_id", read_only=True, allow_null=True)

    class Meta:
        model = Company
        fields = ["id", "external_id", "cvr", "name", "industry", "sector", "employees", "address", "postal_code",
                  "relation_level", "needs", "inclusive_capacity", "mentor_possible", "last_interaction_on"]
        read_only_fields = fields


class TokenSerializer(serializers.Serializer):
    access_token = serializers.CharField()
    token_type = serializers.ChoiceField(choices=["Bearer"])
    expires_in = serializers.IntegerField(help_text="Sekunder, til tokenet udløber.")
    scope = serializers.CharField(help_text="Systemets rettigheder, adskilt af mellemrum.")


class TokenRequestSerializer(serializers.Serializer):
    grant_type = serializers.ChoiceField(choices=["client_credentials"])
    client_id = serializers.CharField(max_length=64)
    client_secret = serializers.CharField(max_length=200)


class KpiSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    measures = serializers.DictField(help_text="Nøgletallene fra spec/kpi.md, med nøgler som der.")
