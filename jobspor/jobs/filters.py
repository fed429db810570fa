import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobspor.citizens.models import PostalCode
from jobspor.companies.industries import division_choices
from jobspor.companies.models import Company
from jobspor.core.search_text import fold

from .choices import JobKind, JobStatus
from .geo import codes_within
from .models import JobOpening


def job_search_q(term: str) -> Q:
    """Any part of the title or of the company's name, Danish letters folded ("kokken" finds Køkken): the job list's
    search and the search field of every page, on the stored folded copies (title_folded, Company.name_folded)."""
    folded = fold(term)
    # The companies once (a list of ids), not a join per opening.
    companies = Company.objects.filter(name_folded__contains=folded).values("pk")
    return Q(title_folded__contains=folded) | Q(company_id__in=companies)


class JobFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Søg"), method="filter_search", help_text=_("Titel eller virksomhed"))
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=JobKind.choices, empty_label=_("Alle"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=JobStatus.choices, empty_label=_("Alle"),
                                         method="filter_status")
    industry = django_filters.ChoiceFilter(label=_("Branche"), choices=division_choices, empty_label=_("Alle"),
                                           method="filter_industry")
    near = django_filters.CharFilter(label=_("Nær postnummer"), method="filter_near")
    km = django_filters.NumberFilter(label=_("Højst km derfra"), method="filter_noop")
    hours_min = django_filters.NumberFilter(label=_("Mindst timer pr. uge"), field_name="hours_per_week",
                                            lookup_expr="gte")
    hours_max = django_filters.NumberFilter(label=_("Højst timer pr. uge"), field_name="hours_per_week",
                                            lookup_expr="lte")

    class Meta:
        model = JobOpening
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else None
        if data is not None:
            data.setdefault("status", JobStatus.OPEN)
        super().__init__(data, *args, **kwargs)
        self.form.fields["near"].widget.attrs["inputmode"] = "numeric"
        for field in self.form.fields.values():
            field.widget.attrs.setdefault("class", "form-select" if isinstance(field.widget, forms.Select)
                                          else "form-input")
        self.form.clean = self._clean_form

    def _clean_form(self):
        cleaned = forms.Form.clean(self.form)
        near, km = cleaned.get("near"), cleaned.get("km")
        if near and not PostalCode.objects.filter(code=near.strip()).exists():
            self.form.add_error("near", ValidationError(_("Ukendt postnummer: %(code)s."), params={"code": near}))
        if km is not None and not 0 < km <= 500:
            self.form.add_error("km", _("Angiv en afstand mellem 1 og 500 km."))
        if near and km is None:
            self.form.add_error("km", _("Angiv hvor mange km fra postnummeret."))
        return cleaned

    def filter_search(self, queryset, name, value):
        term = value.strip()
        return queryset.filter(job_search_q(term)) if term else queryset

    def filter_status(self, queryset, name, value):
        return queryset.filter(status=value)

    def filter_industry(self, queryset, name, value):
        return queryset.filter(company__industry__startswith=value) if value else queryset

    def filter_near(self, queryset, name, value):
        km = self.form.cleaned_data.get("km")
        if not value or km is None:
            return queryset
        return queryset.filter(postal_code_id__in=codes_within(value.strip(), float(km)))

    def filter_noop(self, queryset, name, value):
        return queryset
