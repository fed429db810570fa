import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobspor.citizens.models import PostalCode
from jobspor.core.roles import Role
from jobspor.core.search_text import fold
from jobspor.organisation.models import Employee

from .choices import RelationLevel
from .industries import division_choices
from .models import Company


def consultants():
    """Active virksomhedskonsulenter (the possible owners of a company)."""
    # icontains works on the JSON list of roles on SQLite and PostgreSQL alike; no other role contains this word.
    return Employee.objects.filter(is_active=True, roles__icontains=Role.COMPANY_CONSULTANT.value).order_by("name")


def owners():
    """Active virksomhedskonsulenter and jobformidlere: the possible owners of a company relation."""
    return Employee.objects.filter(Q(roles__icontains=Role.COMPANY_CONSULTANT.value)
                                   | Q(roles__icontains=Role.JOB_BROKER.value), is_active=True).order_by("name")


def municipality_choices():
    return list(PostalCode.objects.order_by("municipality").values_list("municipality_code", "municipality")
                .distinct())


def company_search_q(term: str) -> Q:
    """A CVR number (its beginning) or any part of the name, Danish letters folded ("aabybro" finds Åbybro): the
    company list's search and the search field of every page. Compares the stored folded name (Company.name_folded),
    not a fold of every name in SQL."""
    digits = term.replace(" ", "")
    if digits.isdigit():
        return Q(cvr__startswith=digits)
    return Q(name_folded__contains=fold(term)) | Q(external_id=term)


class CompanyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Søg"), method="filter_search", help_text=_("Navn eller CVR-nummer"))
    industry = django_filters.ChoiceFilter(label=_("Branche"), choices=division_choices, method="filter_industry",
                                           empty_label=_("Alle"))
    relation_level = django_filters.ChoiceFilter(label=_("Relationsniveau"), choices=RelationLevel.choices,
                                                 empty_label=_("Alle"))
    owner = django_filters.ModelChoiceFilter(label=_("Ejer"), queryset=Employee.objects.none(), empty_label=_("Alle"))
    postal_code = django_filters.CharFilter(label=_("Postnummer"), field_name="postal_code_id")
    municipality = django_filters.ChoiceFilter(label=_("Kommune"), choices=municipality_choices,
                                               field_name="postal_code__municipality_code", empty_label=_("Alle"))
    order = django_filters.OrderingFilter(
        label=_("Sortér efter"),
        fields=(("search_name", "navn"), ("last_interaction_on", "kontakt"), ("relation_level", "niveau")),
        field_labels={"search_name": _("Navn"), "last_interaction_on": _("Seneste kontakt"),
                      "relation_level": _("Relationsniveau")},
        empty_label=None, null_label=None)

    class Meta:
        model = Company
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["owner"].queryset = owners()
        for field in self.form.fields.values():
            field.widget.attrs.setdefault("class", "form-select" if isinstance(field.widget, forms.Select)
                                          else "form-input")

    def filter_search(self, queryset, name, value):
        term = value.strip()
        return queryset.filter(company_search_q(term)) if term else queryset

    def filter_industry(self, queryset, name, value):
        return queryset.filter(industry__startswith=value) if value else queryset
