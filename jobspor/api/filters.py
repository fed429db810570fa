"""Filters of the API's lists (django-filter); invalid values answer 400 with the field's Danish message."""

import django_filters
from django.utils.translation import gettext_lazy as _

from jobspor.cases.choices import Benefit, FsmGroup, TargetGroup
from jobspor.cases.models import Case
from jobspor.companies.choices import RelationLevel, Sector
from jobspor.companies.models import Company
from jobspor.core.search_text import fold
from jobspor.jobs.filters import JobFilter
from jobspor.placements.choices import PlacementKind, PlacementStatus
from jobspor.placements.models import Placement


class CaseFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=[("aaben", _("Åben")), ("lukket", _("Lukket"))],
                                         method="filter_status")
    benefit = django_filters.ChoiceFilter(label=_("Ydelse"), choices=Benefit.choices)
    target_group = django_filters.TypedChoiceFilter(label=_("Hovedmålgruppe"), choices=TargetGroup.choices,
                                                    coerce=int)
    fsm_group = django_filters.TypedChoiceFilter(label=_("'Flere skal med'-gruppe"), choices=FsmGroup.choices,
                                                 coerce=int)
    team = django_filters.CharFilter(label=_("Team (id)"), field_name="team__external_id", max_length=64)
    external_id = django_filters.CharFilter(label=_("Sags-id"), max_length=64)
    opened_from = django_filters.DateFilter(label=_("Oprettet fra"), field_name="opened", lookup_expr="gte")
    opened_to = django_filters.DateFilter(label=_("Oprettet til"), field_name="opened", lookup_expr="lte")

    class Meta:
        model = Case
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset.filter(closed__isnull=value == "aaben")


class PlacementFilter(django_filters.FilterSet):
    case = django_filters.NumberFilter(label=_("Sag (id)"), field_name="case_id", min_value=1, max_value=2**62)
    company = django_filters.NumberFilter(label=_("Virksomhed (id)"), field_name="company_id", min_value=1,
                                          max_value=2**62)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=PlacementStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=PlacementKind.choices)

    class Meta:
        model = Placement
        fields = []


class CompanyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Navn eller CVR"), method="filter_q", max_length=100)
    cvr = django_filters.CharFilter(label=_("CVR-nummer"), max_length=8)
    relation_level = django_filters.ChoiceFilter(label=_("Relationsniveau"), choices=RelationLevel.choices)
    sector = django_filters.ChoiceFilter(label=_("Sektor"), choices=Sector.choices)
    industry = django_filters.CharFilter(label=_("Branchekode (begyndelsen)"), field_name="industry",
                                         lookup_expr="startswith", max_length=6)

    class Meta:
        model = Company
        fields = []

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():
            return queryset.filter(cvr__startswith=value)
        return queryset.filter(name_folded__contains=fold(value))


class OpeningFilter(JobFilter):
    """The job list's own filters (jobs.filters): open openings by default, search, kind, industry, near a postal
    code, hours."""

    def filter_industry(self, queryset, name, value: str):  # the type hint tells the OpenAPI description
        return super().filter_industry(queryset, name, value)
