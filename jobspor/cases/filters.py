import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobspor.citizens.search import name_search_q
from jobspor.core.widgets import QuickSelect
from jobspor.organisation.models import Employee

from .choices import Benefit, CaseStatus, TargetGroup
from .models import Case
from .permissions import visible_team_ids


def cpr_search_q(term: str) -> Q | None:
    """A full CPR number (with or without the dash) or a birth date DDMMÅÅ; None if the term is neither."""
    digits = term.replace("-", "").replace(" ", "")
    if digits.isdigit() and len(digits) == 10:
        return Q(citizen__cpr=digits)
    if digits.isdigit() and len(digits) == 6:
        return Q(citizen__cpr__gte=digits + "0000", citizen__cpr__lte=digits + "9999")
    return None


def case_search_q(term: str) -> Q:
    """The case list's search (and the search field of every page): CPR number or birth date, case id, or the
    beginning of each word of the citizen's name, Danish letters folded ("soren" finds Søren)."""
    by_cpr = cpr_search_q(term)
    if by_cpr is not None:
        return by_cpr
    by_name = name_search_q(term)
    by_id = Q(external_id__in={term, term.upper()})
    return by_id | by_name if by_name is not None else by_id


class CaseFilter(django_filters.FilterSet):
    """Search and filters of the case list. The queryset passed in is already scoped to the user."""

    SCOPES = [("mine", _("Mine sager")), ("team", _("Teamets sager")), ("alle", _("Alle jeg må se"))]

    scope = django_filters.ChoiceFilter(label=_("Vis"), choices=SCOPES, method="filter_scope", empty_label=None)
    q = django_filters.CharFilter(label=_("Søg"), method="filter_search",
                                  help_text=_("Navn, CPR-nummer (eller fødselsdato DDMMÅÅ) eller sags-id"))
    target_group = django_filters.ChoiceFilter(label=_("Hovedmålgruppe"), choices=TargetGroup.choices,
                                               empty_label=_("Alle"))
    benefit = django_filters.ChoiceFilter(label=_("Ydelse"), choices=Benefit.choices, empty_label=_("Alle"))
    # (pk, name) pairs, not model instances, rendered without a template per option: a leader's list has hundreds.
    primary_contact = django_filters.ChoiceFilter(
        label=_("Primær kontaktperson"), choices=[], method="filter_primary", empty_label=_("Alle"),
        widget=QuickSelect)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CaseStatus.choices, method="filter_status",
                                         empty_label=_("Alle"))
    order = django_filters.OrderingFilter(
        label=_("Sortér efter"),
        fields=(("citizen__search_name", "navn"), ("opened", "oprettet"), ("target_group", "maalgruppe"),
                ("external_id", "sag")),
        field_labels={"citizen__search_name": _("Navn"), "opened": _("Oprettet"),
                      "target_group": _("Hovedmålgruppe"), "external_id": _("Sags-id")},
        empty_label=None, null_label=None,
    )

    class Meta:
        model = Case
        fields = []

    def __init__(self, *args, employee=None, **kwargs):
        self.employee = employee
        super().__init__(*args, **kwargs)
        # Only colleagues whose cases the user can see as a whole: a short list, not the whole municipality.
        teams = visible_team_ids(employee)
        self.filters["primary_contact"].extra["choices"] = [
            (str(pk), name) for pk, name in Employee.objects.filter(is_active=True)
            .filter(Q(team_id__in=teams) | Q(pk=getattr(employee, "pk", None)))
            .order_by("name", "pk").values_list("pk", "name")]
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-input"
            field.widget.attrs.setdefault("class", css)

    def filter_scope(self, queryset, name, value):
        if value == "mine" and self.employee:
            return queryset.filter(staff__employee=self.employee)
        if value == "team" and self.employee:
            return queryset.filter(team_id=self.employee.team_id)
        return queryset

    def filter_search(self, queryset, name, value):
        term = value.strip()
        return queryset.filter(case_search_q(term)) if term else queryset

    def filter_primary(self, queryset, name, value):
        return queryset.filter(staff__employee_id=int(value), staff__is_primary=True)

    def filter_status(self, queryset, name, value):
        return queryset.filter(closed__isnull=(value == CaseStatus.ACTIVE))
