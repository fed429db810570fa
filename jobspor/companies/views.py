"""Staff views of companies: thin — forms validate, services write, selectors read."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobspor.core.forms import apply_service_errors
from jobspor.core.post_forms import company_tab, post_form
from jobspor.organisation.selectors import employee_for_user

from . import history, selectors, services
from .choices import LEVEL_ORDER
from .forms import (
    AgreementForm,
    CompanyForm,
    ContactForm,
    InteractionForm,
    PrioritisedIndustryForm,
    SettingsForm,
    VisitTargetForm,
    WorkplaceForm,
)
from .models import PrioritisedIndustry
from .parts import PARTS, initial
from .permissions import can_edit_companies, can_set_strategy
from .tabs import CompanyTab, all_tabs, register

NAV = "companies"


def _editor(request):
    employee = employee_for_user(request.user)
    if not can_edit_companies(employee):
        raise PermissionDenied
    return employee


def _leader(request):
    employee = employee_for_user(request.user)
    if not can_set_strategy(employee):
        raise PermissionDenied
    return employee


def company_list(request):
    company_filter, page = selectors.company_list_page(params=request.GET)
    template = "companies/_company_results.html" if request.htmx else "companies/company_list.html"
    return render(request, template, {"filter": company_filter, "page": page, "nav": NAV,
                                      "can_edit": can_edit_companies(employee_for_user(request.user))})


def _company_fields(data):
    return {k: data[k] for k in ("cvr", "name", "industry", "sector", "employees", "address", "postal_code", "owner",
                                 "relation_level", "needs", "inclusive_experience", "inclusive_capacity",
                                 "mentor_possible", "code_of_care") if k in data} | (
        {"inclusive_contact": data["inclusive_contact"]} if "inclusive_contact" in data else {})


def company_create(request):
    employee = _editor(request)
    initial = {"relation_level": "kontakt", "sector": "privat",
               "owner": employee.pk if employee.has_role("virksomhedskonsulent") else None}
    form = CompanyForm(request.POST or None, initial=initial)
    duplicate = None
    if request.method == "POST" and form.is_valid():
        duplicate = services.duplicate_of(form.cleaned_data["cvr"])
        try:
            company = services.company_save(actor=request.user, **_company_fields(form.cleaned_data))
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Virksomheden %(name)s er oprettet.") % {"name": company.name})
            return redirect("companies:detail", pk=company.pk)
    return render(request, "companies/company_form.html", {"form": form, "duplicate": duplicate, "nav": NAV},
                  status=400 if form.errors else 200)


def company_edit(request, pk):
    _editor(request)
    company = selectors.company_get(pk=pk)
    form = CompanyForm(request.POST or None, company=company, initial=CompanyForm.initial_for(company), record=company)
    duplicate = None
    if request.method == "POST" and form.is_valid():
        duplicate = services.duplicate_of(form.cleaned_data["cvr"], exclude_pk=company.pk)
        try:
            services.company_save(actor=request.user, company=company, seen=form.seen,
                                  **_company_fields(form.cleaned_data))
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Virksomheden er gemt."))
            return redirect("companies:detail", pk=company.pk)
    return render(request, "companies/company_form.html",
                  {"form": form, "company": company, "duplicate": duplicate, "nav": NAV},
                  status=400 if form.errors else 200)


def _overview_context(request, company, employee):
    score, suggestion = selectors.company_activity(company=company, today=timezone.localdate())
    return {"score": score, "suggestion": suggestion, "due": selectors.follow_up_due(company),
            "agreements": list(company.agreements.all()), "levels": LEVEL_ORDER}


def _contacts_context(request, company, employee):
    return {"contacts": list(company.contacts.all()),
            "workplaces": list(company.workplaces.select_related("postal_code")),
            "contact_form": ContactForm(), "workplace_form": WorkplaceForm()}


def _interactions_context(request, company, employee):
    return {"interactions": selectors.company_interactions(company=company)}


def _agreements_context(request, company, employee):
    return {"agreements": list(company.agreements.all()), "agreement_form": AgreementForm()}


def _history_context(request, company, employee):
    parts = []
    for section in history.sections():
        parts.append((section, section.context(request.user, company, request.path)))
    return {"history_sections": parts, "placements_registered": any(s.key == "placements" for s, _c in parts)}


register(CompanyTab(key="overblik", label=_("Overblik"), template="companies/_tab_overview.html", order=0,
                    context=_overview_context))
register(CompanyTab(key="kontakter", label=_("Kontaktpersoner og arbejdssteder"),
                    template="companies/_tab_contacts.html", order=10, context=_contacts_context))
register(CompanyTab(key="kontaktlog", label=_("Kontaktlog"), template="companies/_tab_interactions.html", order=20,
                    context=_interactions_context))
register(CompanyTab(key="aftaler", label=_("Partnerskabsaftaler"), template="companies/_tab_agreements.html",
                    order=30, context=_agreements_context))
register(CompanyTab(key="historik", label=_("Historik"), template="companies/_tab_history.html", order=90,
                    context=_history_context))


def _detail_context(request, company, *, tab=None, **extra):
    employee = employee_for_user(request.user)
    tabs = all_tabs()
    wanted = tab or request.GET.get("fane", "overblik")
    active = next((t for t in tabs if t.key == wanted), tabs[0])
    context = {"nav": NAV, "company": company, "tabs": tabs, "tab": active.key, "tab_template": active.template,
               "can_edit": can_edit_companies(employee)}
    if active.context:
        context.update(active.context(request, company, employee))
    context.update(extra)
    return context


def company_detail(request, pk):
    company = selectors.company_get(pk=pk)
    return render(request, "companies/company_detail.html", _detail_context(request, company))


def _tab_url(company, tab):
    return f"{reverse('companies:detail', args=[company.pk])}?fane={tab}"


@post_form(company_tab("kontakter"))
def contact_add(request, pk):
    _editor(request)
    company = selectors.company_get(pk=pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        services.contact_save(actor=request.user, company=company, **form.cleaned_data)
        messages.success(request, _("Kontaktpersonen er gemt."))
        return redirect(_tab_url(company, "kontakter"))
    return render(request, "companies/company_detail.html",
                  _detail_context(request, company, tab="kontakter", contact_form=form), status=400)


@post_form(company_tab("kontakter"))
def workplace_add(request, pk):
    _editor(request)
    company = selectors.company_get(pk=pk)
    form = WorkplaceForm(request.POST)
    if form.is_valid():
        try:
            services.workplace_save(actor=request.user, company=company, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Arbejdsstedet er gemt."))
            return redirect(_tab_url(company, "kontakter"))
    return render(request, "companies/company_detail.html",
                  _detail_context(request, company, tab="kontakter", workplace_form=form), status=400)


@post_form(company_tab("aftaler"))
def agreement_add(request, pk):
    _editor(request)
    company = selectors.company_get(pk=pk)
    form = AgreementForm(request.POST)
    if form.is_valid():
        try:
            services.agreement_save(actor=request.user, company=company, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Partnerskabsaftalen er gemt."))
            return redirect(_tab_url(company, "aftaler"))
    return render(request, "companies/company_detail.html",
                  _detail_context(request, company, tab="aftaler", agreement_form=form), status=400)


def part_edit(request, pk, part, item_pk):
    """Change a contact person, workplace or partnership agreement (see parts.py); every change is an event."""
    _editor(request)
    company = selectors.company_get(pk=pk)
    spec = PARTS.get(part)
    if spec is None:
        raise Http404
    obj = get_object_or_404(spec.model, pk=item_pk, company=company)
    form = spec.form(request.POST or None, initial=initial(spec, obj), record=obj)
    if request.method == "POST" and form.is_valid():
        try:
            spec.save(actor=request.user, company=company, **{spec.keyword: obj}, seen=form.seen, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, spec.saved)
            return redirect(_tab_url(company, spec.tab))
    return render(request, "companies/part_edit.html",
                  {"nav": NAV, "company": company, "form": form, "title": spec.title,
                   "back": _tab_url(company, spec.tab)}, status=400 if form.errors else 200)


def interaction_add(request, pk):
    """The compact form for logging a visit, call, meeting or e-mail (a phone in the field)."""
    employee = _editor(request)
    company = selectors.company_get(pk=pk)
    form = InteractionForm(request.POST or None, company=company)
    if request.method == "POST" and form.is_valid():
        try:
            services.interaction_log(actor=request.user, company=company, employee=employee, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Kontakten med %(name)s er registreret.") % {"name": company.name})
            return redirect(request.POST.get("next") if request.POST.get("next") == reverse("companies:mine")
                            else _tab_url(company, "kontaktlog"))
    return render(request, "companies/interaction_form.html",
                  {"form": form, "company": company, "nav": NAV, "next": request.GET.get("next", "")},
                  status=400 if form.errors else 200)


def my_companies(request):
    employee = employee_for_user(request.user)
    today = timezone.localdate()
    companies = selectors.my_companies(employee=employee, today=today) if employee else []
    return render(request, "companies/my_companies.html",
                  {"companies": companies, "today": today, "nav": NAV,
                   "overdue": sum(1 for c in companies if c.overdue)})


def strategy(request):
    employee = employee_for_user(request.user)
    today = timezone.localdate()
    month = selectors.month_start(today)
    wanted = request.GET.get("maaned", "")
    try:
        if wanted:
            month = timezone.datetime.strptime(wanted, "%Y-%m").date()
    except ValueError:
        messages.error(request, _("Ugyldig måned: %(value)s.") % {"value": wanted})
    rows, totals = selectors.visits_against_targets(month=month)
    settings_row = selectors.settings_get()
    leader = can_set_strategy(employee)
    return render(request, "companies/strategy.html", {
        "nav": NAV, "month": month, "rows": rows, "totals": totals, "leader": leader,
        "industries": selectors.prioritised_industries(), "cadence": settings_row.cadence(),
        "industry_form": PrioritisedIndustryForm(), "target_form": VisitTargetForm(initial={"month": month}),
        "settings_form": SettingsForm(initial={f: getattr(settings_row, f) for f in SettingsForm.base_fields}),
        "level_counts": selectors.level_counts(), "levels": LEVEL_ORDER,
    })


def _strategy_redirect(month=None):
    url = reverse("companies:strategy")
    return redirect(f"{url}?maaned={month:%Y-%m}" if month else url)


@require_POST
def strategy_industry(request):
    _leader(request)
    form = PrioritisedIndustryForm(request.POST)
    if form.is_valid():
        services.prioritised_industry_save(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Den prioriterede branche er gemt."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return _strategy_redirect()


@require_POST
def strategy_industry_remove(request, item_pk):
    _leader(request)
    item = get_object_or_404(PrioritisedIndustry, pk=item_pk)
    services.prioritised_industry_remove(actor=request.user, item=item)
    messages.success(request, _("Branchen er fjernet fra kontaktstrategien."))
    return _strategy_redirect()


@require_POST
def strategy_target(request):
    _leader(request)
    form = VisitTargetForm(request.POST)
    if form.is_valid():
        services.visit_target_set(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Besøgsmålet er gemt."))
        return _strategy_redirect(form.cleaned_data["month"])
    messages.error(request, " ".join(f"{form.fields[k].label}: {e}" for k, errors in form.errors.items()
                                     for e in errors))
    return _strategy_redirect()


@require_POST
def strategy_settings(request):
    _leader(request)
    form = SettingsForm(request.POST)
    if form.is_valid():
        services.settings_save(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Opfølgningskadencen er gemt."))
    else:
        messages.error(request, " ".join(f"{form.fields[k].label}: {e}" for k, errors in form.errors.items()
                                         for e in errors))
    return _strategy_redirect()
