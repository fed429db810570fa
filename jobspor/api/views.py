"""The integration API, /api/v1/. Reads go through the apps' selectors and the access rules of the UI; writes go
through the apps' services (the same validation, events and locks as the UI). Every read of citizen data needs a
purpose (X-Jobspor-Purpose) and is written to the access log with the system as actor."""

import base64
import binascii
import datetime as dt
import logging
import math

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.response import Response

from jobspor.cases.models import Case
from jobspor.cases.selectors import cases_visible
from jobspor.companies.models import Company
from jobspor.core.client_ip import client_ip
from jobspor.cv.selectors import PURPOSE_CV, cv_for_case
from jobspor.jobs.models import JobOpening
from jobspor.jobs.selectors import job_get
from jobspor.jobs.services import job_save
from jobspor.kpi import engine
from jobspor.organisation.models import Team
from jobspor.organisation.selectors import employee_for_user
from jobspor.placements.models import Placement
from jobspor.placements.selectors import placement_hours
from jobspor.placements.services import hours_save
from jobspor.plans.selectors import plan_for_case

from . import serializers as s
from .access import case_read, full_case_q, log_list
from .errors import ApiError, ErrorSerializer, error_body
from .filters import CaseFilter, CompanyFilter, OpeningFilter, PlacementFilter
from .idempotency import HEADER as IDEMPOTENCY_HEADER
from .idempotency import idempotent
from .purpose import HEADER as PURPOSE_HEADER
from .purpose import purpose_required
from .scopes import Scope
from .services import token_failure_record, token_failures_clear, token_issue, token_throttled

logger = logging.getLogger("jobspor.api")

PURPOSE_PARAMETER = OpenApiParameter(
    PURPOSE_HEADER, OpenApiTypes.STR, OpenApiParameter.HEADER, required=True,
    description="Formålet med opslaget i borgerdata (fx »Sagsbehandling«); skrives i adgangsloggen. Mangler det, "
                "svares 400 og intet udleveres.")
IDEMPOTENCY_PARAMETER = OpenApiParameter(
    IDEMPOTENCY_HEADER, OpenApiTypes.STR, OpenApiParameter.HEADER, required=False,
    description="En nøgle (fx et UUID) pr. ændring: sendes samme nøgle og krop igen, gives det gemte svar uden at "
                "skrive igen; samme nøgle med en anden krop afvises med 422.")


class ApiView(GenericAPIView):
    """Base of every endpoint: bearer-token authentication and scopes (REST_FRAMEWORK settings); not behind the
    UI's login page (LoginRequiredMiddleware)."""

    @classmethod
    def as_view(cls, **initkwargs):
        return login_not_required(super().as_view(**initkwargs))


@csrf_exempt
@login_not_required
def not_found(request, *args, **kwargs):
    return JsonResponse(error_body(404, "not_found", _("Adressen findes ikke i API'et. Se /api/v1/schema/.")),
                        status=404)


def _int_pk(value) -> int:
    pk = int(value)
    if pk > 2**62:
        raise Http404
    return pk


# --- cases -------------------------------------------------------------------------------------------------------

class CaseList(ApiView):
    queryset = Case.objects.none()  # for the schema; the rows come from cases_visible
    read_scope = Scope.CASES_READ
    serializer_class = s.CaseSerializer
    filterset_class = CaseFilter

    @extend_schema(operation_id="cases_list", responses=s.CaseSerializer(many=True), summary="Sager, systemet må se",
                   parameters=[PURPOSE_PARAMETER])
    def get(self, request):
        purpose = purpose_required(request)
        queryset = self.filter_queryset(cases_visible(user=request.user).select_related("citizen", "team")
                                        .order_by("-opened", "-id"))
        page = self.paginate_queryset(queryset)
        log_list(request, purpose=purpose, rows=page, query=request.META.get("QUERY_STRING", "")[:500])
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class CaseDetail(ApiView):
    read_scope = Scope.CASES_READ
    serializer_class = s.CaseSerializer

    @extend_schema(operation_id="cases_retrieve", summary="Én sag", parameters=[PURPOSE_PARAMETER])
    def get(self, request, pk):
        case = case_read(request, pk=_int_pk(pk), purpose=purpose_required(request))
        return Response(self.get_serializer(case).data)


class CaseCv(ApiView):
    read_scope = Scope.CV_READ
    serializer_class = s.CvSerializer

    @extend_schema(operation_id="cases_cv_retrieve", summary="Borgerens CV", parameters=[PURPOSE_PARAMETER])
    def get(self, request, pk):
        purpose = purpose_required(request)
        case = case_read(request, pk=_int_pk(pk), purpose=purpose)
        cv = cv_for_case(user=request.user, case=case, path=request.get_full_path(), purpose=purpose or PURPOSE_CV)
        return Response(s.CvSerializer(s.cv_data(case, cv)).data)


class CasePlan(ApiView):
    read_scope = Scope.PLANS_READ
    serializer_class = s.PlanSerializer

    @extend_schema(operation_id="cases_plan_retrieve", summary="Sagens plan med delmål",
                   parameters=[PURPOSE_PARAMETER])
    def get(self, request, pk):
        case = case_read(request, pk=_int_pk(pk), purpose=purpose_required(request))
        plan = plan_for_case(case=case)
        if plan is None:
            raise ApiError(_("Sagen har endnu ingen plan."), code="not_found", status_code=404)
        return Response(self.get_serializer(plan).data)


# --- placements and hours ----------------------------------------------------------------------------------------

def _placement(request, pk, purpose) -> Placement:
    case_id = Placement.objects.filter(pk=_int_pk(pk)).values_list("case_id", flat=True).first()
    if case_id is None:
        raise Http404
    case = case_read(request, pk=case_id, purpose=purpose, full=True)
    placement = Placement.objects.select_related("company").get(pk=pk)
    placement.case = case
    return placement


class PlacementList(ApiView):
    queryset = Placement.objects.none()  # for the schema
    read_scope = Scope.PLACEMENTS_READ
    serializer_class = s.PlacementSerializer
    filterset_class = PlacementFilter

    @extend_schema(operation_id="placements_list", responses=s.PlacementSerializer(many=True),
                   summary="Virksomhedsforløb", parameters=[PURPOSE_PARAMETER])
    def get(self, request):
        purpose = purpose_required(request)
        queryset = self.filter_queryset(Placement.objects.filter(full_case_q(request.user))
                                        .select_related("case", "company").order_by("-start", "-id"))
        page = self.paginate_queryset(queryset)
        log_list(request, purpose=purpose, rows=page, query=request.META.get("QUERY_STRING", "")[:500])
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class PlacementDetail(ApiView):
    read_scope = Scope.PLACEMENTS_READ
    serializer_class = s.PlacementSerializer

    @extend_schema(operation_id="placements_retrieve", summary="Ét virksomhedsforløb",
                   parameters=[PURPOSE_PARAMETER])
    def get(self, request, pk):
        return Response(self.get_serializer(_placement(request, pk, purpose_required(request))).data)


class PlacementHours(ApiView):
    queryset = Placement.objects.none()  # for the schema; the placement is looked up through its case
    pagination_class = None  # a placement has at most a few hundred weeks
    filter_backends = []
    scopes = {"GET": Scope.HOURS_READ, "POST": Scope.HOURS_WRITE}
    serializer_class = s.HoursOutSerializer

    @extend_schema(operation_id="placements_hours_list", summary="Timer uge for uge",
                   parameters=[PURPOSE_PARAMETER], responses={200: s.WeekHoursSerializer(many=True)})
    def get(self, request, pk):
        placement = _placement(request, pk, purpose_required(request))
        return Response(s.WeekHoursSerializer(placement_hours(placement=placement), many=True).data)

    @extend_schema(operation_id="placements_hours_save", summary="Registrér timer for en eller flere uger",
                   description="Som skemaet i Jobspor: alle uger tjekkes først; ved en fejl gemmes intet. En uge "
                               "med begge felter tomme lades urørt; \"clear\": true fjerner ugens timer.",
                   parameters=[PURPOSE_PARAMETER, IDEMPOTENCY_PARAMETER], request=s.HoursInSerializer,
                   responses={200: s.HoursOutSerializer})
    @idempotent
    def post(self, request, pk):
        purpose = purpose_required(request)
        data = s.HoursInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        placement = _placement(request, pk, purpose)
        changed = hours_save(actor=request.user, placement=placement, weeks=data.validated_data["weeks"])
        return Response({"changed": changed,
                         "weeks": s.WeekHoursSerializer(placement_hours(placement=placement), many=True).data})


# --- openings and companies (company data: no citizen data, no purpose) -------------------------------------------

class OpeningList(ApiView):
    scopes = {"GET": Scope.OPENINGS_READ, "POST": Scope.OPENINGS_WRITE}
    serializer_class = s.OpeningSerializer
    filterset_class = OpeningFilter

    def get_queryset(self):
        return JobOpening.objects.select_related("company").order_by("deadline", "-posted", "id")

    @extend_schema(operation_id="openings_list", responses=s.OpeningSerializer(many=True),
                   summary="Jobåbninger (som standard de åbne)")
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(operation_id="openings_create", summary="Opret en jobåbning", request=s.OpeningWriteSerializer,
                   parameters=[IDEMPOTENCY_PARAMETER], responses={201: s.OpeningSerializer})
    @idempotent
    def post(self, request):
        data = s.OpeningWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        company = Company.objects.filter(pk=fields.pop("company")).first()
        if company is None:
            raise ApiError(_("Forespørgslen er ikke gyldig. Intet er ændret."), code="invalid", status_code=400)
        job = job_save(actor=request.user, company=company, **fields)
        return Response(s.OpeningSerializer(job).data, status=201)


class OpeningDetail(ApiView):
    scopes = {"GET": Scope.OPENINGS_READ, "PATCH": Scope.OPENINGS_WRITE}
    serializer_class = s.OpeningSerializer

    @extend_schema(operation_id="openings_retrieve", summary="Én jobåbning")
    def get(self, request, pk):
        return Response(self.get_serializer(job_get(pk=_int_pk(pk))).data)

    @extend_schema(operation_id="openings_update", summary="Ret en jobåbning (kun de felter, der sendes)",
                   request=s.OpeningPatchSerializer, parameters=[IDEMPOTENCY_PARAMETER],
                   responses={200: s.OpeningSerializer})
    @idempotent
    def patch(self, request, pk):
        data = s.OpeningPatchSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = job_get(pk=_int_pk(pk))
        job = job_save(actor=request.user, company=job.company, job=job, editor=employee_for_user(request.user),
                       **data.validated_data)
        return Response(s.OpeningSerializer(job).data)


class CompanyList(ApiView):
    queryset = Company.objects.none()  # for the schema
    read_scope = Scope.COMPANIES_READ
    serializer_class = s.CompanySerializer
    filterset_class = CompanyFilter

    @extend_schema(operation_id="companies_list", responses=s.CompanySerializer(many=True), summary="Virksomheder")
    def get(self, request):
        queryset = self.filter_queryset(Company.objects.order_by("name", "id"))
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class CompanyDetail(ApiView):
    read_scope = Scope.COMPANIES_READ
    serializer_class = s.CompanySerializer

    @extend_schema(operation_id="companies_retrieve", summary="Én virksomhed")
    def get(self, request, pk):
        company = Company.objects.filter(pk=_int_pk(pk)).first()
        if company is None:
            raise Http404
        return Response(self.get_serializer(company).data)


# --- KPIs --------------------------------------------------------------------------------------------------------

class KpiQueryParams(drf_serializers.Serializer):
    start = drf_serializers.DateField(help_text="Første dag (ÅÅÅÅ-MM-DD), tidligst 2000-01-01.")
    end = drf_serializers.DateField(help_text="Sidste dag (ÅÅÅÅ-MM-DD), senest 2099-12-31.")
    fsm_group = drf_serializers.ChoiceField(choices=[1, 2, 3], required=False)
    target_group = drf_serializers.ChoiceField(choices=[1, 2, 3], required=False)
    team = drf_serializers.CharField(max_length=64, required=False, help_text="Teamets id (som i importfilen).")


KPI_EARLIEST, KPI_LATEST = dt.date(2000, 1, 1), dt.date(2099, 12, 31)


class Kpi(ApiView):
    read_scope = Scope.KPI_READ
    serializer_class = s.KpiSerializer

    @extend_schema(operation_id="kpi_retrieve", summary="Nøgletal for en periode (spec/kpi.md)",
                   parameters=[KpiQueryParams])
    def get(self, request):
        params = KpiQueryParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        values = params.validated_data
        for name in ("start", "end"):
            if not KPI_EARLIEST <= values[name] <= KPI_LATEST:
                raise ApiError(_("Forespørgslen er ikke gyldig. Intet er ændret."), code="invalid", status_code=400)
        team_ids = None
        if values.get("team"):
            team = Team.objects.using(engine.kpi_database()).filter(external_id=values["team"]).first()
            if team is None:
                raise ApiError(_("Ukendt team: %(team)s.") % {"team": values["team"]}, code="invalid",
                               status_code=400)
            team_ids = (team.pk,)
        try:
            query = engine.KpiQuery(start=values["start"], end=values["end"], fsm_group=values.get("fsm_group"),
                                    target_group=values.get("target_group"), team_ids=team_ids)
        except ValueError as error:
            raise ApiError(str(error), code="invalid", status_code=400)
        return Response({"start": values["start"], "end": values["end"], "measures": engine.compute(query)})


# --- tokens ------------------------------------------------------------------------------------------------------

class TokenError(ErrorSerializer):
    error = drf_serializers.CharField(required=False, help_text="OAuth 2.0-fejlkoden (RFC 6749, afsnit 5.2).")
    error_description = drf_serializers.CharField(required=False)


def _token_error(status_code, error, detail):
    return Response({"status": status_code, "code": error, "detail": detail, "error": error,
                     "error_description": detail}, status=status_code)


class Token(ApiView):
    authentication_classes = []
    permission_classes = []
    parser_classes = [FormParser, JSONParser]

    @extend_schema(operation_id="token_create", summary="Hent et adgangstoken (OAuth 2.0 client credentials)",
                   description="Systemets klient-id og hemmelighed, i kroppen eller som HTTP Basic. Tokenet er "
                               "gyldigt i systemets tokenlevetid (15 minutter som standard). Efter for mange "
                               "forkerte hemmeligheder fra samme adresse svares 429 med Retry-After (sekunder).",
                   request={"application/x-www-form-urlencoded": s.TokenRequestSerializer,
                            "application/json": s.TokenRequestSerializer},
                   responses={200: s.TokenSerializer, 400: TokenError, 401: TokenError, 429: TokenError},
                   auth=[])
    def post(self, request):
        body = request.data if hasattr(request.data, "get") else {}
        data = {k: body.get(k) for k in ("grant_type", "client_id", "client_secret") if isinstance(body.get(k), str)}
        basic = _basic_credentials(request)
        if basic:
            data.setdefault("client_id", basic[0])
            data.setdefault("client_secret", basic[1])
        if data.get("grant_type") != "client_credentials":
            return _token_error(400, "unsupported_grant_type", _("Kun grant_type=client_credentials understøttes."))
        if not data.get("client_id") or not data.get("client_secret"):
            return _token_error(400, "invalid_request", _("Angiv client_id og client_secret."))
        client_id, address = data["client_id"][:64], client_ip(request._request)[:45]
        wait = token_throttled(client_id=client_id, address=address)
        if wait is not None:
            # Refused before the secret is looked at: an attacker learns nothing more by going on.
            logger.warning("API: token refused for client id %r from %s: too many failures, retry after %s s",
                           client_id, address, wait)
            minutes = math.ceil(wait / 60)
            response = _token_error(429, "throttled", ngettext(
                "For mange forkerte forsøg fra denne adresse. Prøv igen om %(minutes)d minut.",
                "For mange forkerte forsøg fra denne adresse. Prøv igen om %(minutes)d minutter.", minutes)
                % {"minutes": minutes})
            response["Retry-After"] = str(wait)
            return response
        issued = token_issue(client_id=client_id, client_secret=data["client_secret"][:200])
        if issued is None:
            token_failure_record(client_id=client_id, address=address)
            logger.warning("API: token refused for client id %r from %s: unknown client or wrong secret",
                           client_id, address)
            return _token_error(401, "invalid_client", _("Ukendt system eller forkert hemmelighed."))
        token_failures_clear(client_id=client_id, address=address)
        raw, token = issued
        response = Response({"access_token": raw, "token_type": "Bearer",
                             "expires_in": int((token.expires_at - token.issued_at).total_seconds()),
                             "scope": " ".join(token.system.scopes)})
        response["Cache-Control"] = "no-store"
        return response


def _basic_credentials(request):
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header.lower().startswith("basic "):
        return None
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, sep, secret = decoded.partition(":")
    return (client_id, secret) if sep else None


