"""Staff views of placements: thin — forms validate, services write, selectors read and log."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobspor.cases.models import CaseStaff
from jobspor.cases.permissions import can_change_case
from jobspor.companies.models import Company, CompanyContact
from jobspor.core.forms import apply_service_errors
from jobspor.core.search_text import Fold, fold
from jobspor.core.validators import EARLIEST_RECORD, LATEST
from jobspor.core.versioning import StaleEdit
from jobspor.cv.choices import ItemKind
from jobspor.cv.models import CvItem, CvJobGoal
from jobspor.jobs.models import JobOpening
from jobspor.organisation.selectors import employee_for_user

from . import selectors, services
from .charts import hours_chart, task_charts
from .choices import KIND_FROM_JOB, HoursStatus, PlacementKind, PlacementStatus, SignerRole
from .forms import AgreementForm, EndForm, FollowUpForm, HoursForm, PlacementForm, SignForm, lines, service_key_to_field
from .models import Placement
from .periods import stranded_weeks, weeks_text
from .weeks import weeks_of_month

OPENINGS_SHOWN = 10  # openings near the citizen on the Forløb tab (the Match tab has them all)
DEFAULT_CONVERSION = _("Når borgeren mestrer en arbejdsopgave (8 eller mere på skalaen fra 1 til 10, vurderet af "
                       "virksomheden), aflønnes opgaven med ordinær løn – først 2 timer om ugen, derefter flere, "
                       "efterhånden som flere opgaver mestres. Det tages op ved hver opfølgning.")


def _tab_url(case):
    return f"{reverse('cases:detail', args=[case.pk])}?fane=forloeb"


def placement_url(placement):
    return reverse("placements:detail", args=[placement.case_id, placement.pk])


def _for_change(request, case):
    if not can_change_case(employee_for_user(request.user), case):
        raise PermissionDenied


def _placement(request, pk, placement_pk, *, change=False):
    placement = selectors.placement_get(user=request.user, case_pk=pk, pk=placement_pk, path=request.path)
    if change:
        _for_change(request, placement.case)
    return placement


# --- the case tab -----------------------------------------------------------------------------------------------

def tab_context(request, case, employee):
    from jobspor.matching import selectors as matching

    today = timezone.localdate()
    try:  # the Match tab's reading, so that the two tabs agree
        openings = matching.citizen_openings(user=request.user, case=case, top=OPENINGS_SHOWN, companies=False,
                                             path=request.get_full_path())
    except matching.MatchUnavailable:
        openings = None
    return {"placements": selectors.case_placements(case=case, today=today),
            "lifeline": selectors.lifeline(case=case), "openings": openings}


# --- create -----------------------------------------------------------------------------------------------------

def _initial(case, employee, opening):
    today = timezone.localdate()
    goal = CvJobGoal.objects.filter(cv__citizen=case.citizen).order_by("-set_on") \
        .values_list("title", flat=True).first()
    accommodations = CvItem.objects.filter(cv__citizen=case.citizen, kind=ItemKind.ACCOMMODATION) \
        .values_list("text", flat=True)
    primary = CaseStaff.objects.select_related("employee").filter(case=case, is_primary=True).first()
    who = primary.employee if primary else employee
    contact = ", ".join(x for x in [who.name if who else "", who.phone if who else "", who.email if who else ""] if x)
    initial = {
        "start": today, "hours_per_week": 10, "follow_up_weeks": 2, "conversion": DEFAULT_CONVERSION,
        "goal": _("Ordinære timer som %(goal)s.") % {"goal": goal.lower()} if goal
        else _("Ordinære timer på arbejdspladsen – og flere timer over tid."),
        "accommodations": "\n".join(accommodations),
        "support": _("%(name)s følger op på arbejdspladsen sammen med borger og kontaktperson og er let at "
                     "få fat i for begge.") % {"name": who.name} if who else "",
        "contact_info": contact,
    }
    if opening is not None:
        kind = KIND_FROM_JOB.get(opening.kind)
        if opening.kind == "loentilskud":
            kind = PlacementKind.WAGE_SUBSIDY_PUBLIC if opening.company.sector == "offentlig" \
                else PlacementKind.WAGE_SUBSIDY_PRIVATE
        initial.update({"company": opening.company_id, "title": opening.title, "kind": kind,
                        "hours_per_week": opening.hours_per_week, "tasks": list(opening.tasks),
                        "workplace": opening.workplace_id, "purpose": 1 if kind == PlacementKind.INTERNSHIP else None})
        if opening.company.inclusive_contact_id:
            initial["contact"] = opening.company.inclusive_contact_id
    return initial


def _task_choices(case, company, opening):
    tasks = list(CvItem.objects.filter(cv__citizen=case.citizen, kind=ItemKind.TASK)
                 .order_by("position", "id").values_list("text", flat=True))
    if company is not None:
        for job_tasks in JobOpening.objects.filter(company=company, status="open").values_list("tasks", flat=True):
            tasks += list(job_tasks or [])
    if opening is not None:
        tasks += list(opening.tasks)
    return list(dict.fromkeys(t for t in tasks if t))


COMPANY_OPTIONS = 200  # a select longer than this is no use; the search field above it narrows the list


def _company_options(companies, term: str, chosen):
    """The companies the select offers: those matching the search (name or CVR), at most COMPANY_OPTIONS, and
    always the chosen one."""
    term = term.strip()
    if term:
        companies = companies.alias(folded=Fold("name")).filter(
            Q(folded__contains=fold(term)) | Q(cvr__startswith=term))
    shown = list(companies.values_list("pk", "name")[:COMPANY_OPTIONS])
    if chosen is not None and all(pk != chosen.pk for pk, _ in shown):
        shown.insert(0, (chosen.pk, chosen.name))
    return {"company_options": shown, "company_options_total": companies.count(), "company_find": term}


def placement_create(request, pk):
    case = selectors.case_for_placements(user=request.user, case_pk=pk, path=request.path)
    _for_change(request, case)
    employee = employee_for_user(request.user)
    opening = None
    if request.GET.get("job"):
        opening = get_object_or_404(JobOpening.objects.select_related("company"), pk=request.GET["job"])
    initial = _initial(case, employee, opening)
    if request.method == "GET" and request.GET.get("kind") in PlacementKind.values:  # the kind picked on the form
        initial["kind"] = request.GET["kind"]
    data = request.POST if request.method == "POST" else None
    company_id = (data or request.GET).get("company") or initial.get("company")
    # An id, not any string of digits (a 5,000-digit "id" must not reach the database).
    company = Company.objects.filter(pk=company_id).first() \
        if str(company_id or "").isdigit() and len(str(company_id)) <= 18 else None
    if request.method == "GET" and company is not None and "contact" not in initial:
        contact = company.inclusive_contact_id or CompanyContact.objects.filter(company=company) \
            .values_list("pk", flat=True).first()
        initial["contact"] = contact
        initial["company"] = company.pk
    companies = Company.objects.filter(contacts__isnull=False).distinct().order_by("search_name", "id")
    options = _company_options(companies, request.GET.get("find", ""), company)
    form = PlacementForm(data, initial=initial, companies=companies, company=company,
                         task_choices=_task_choices(case, company, opening))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            placement = services.placement_create(
                actor=request.user, case=case, company=d["company"], contact=d["contact"], workplace=d["workplace"],
                kind=d["kind"], purpose=d["purpose"], title=d["title"], start=d["start"], planned_end=d["planned_end"],
                opening=opening, agreement=form.agreement_content(form.all_tasks(), d["start"]))
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Virksomhedsforløbet er oprettet med arbejdsaftalen. Nu kan alle tre skrive "
                                        "under på stedet."))
            return redirect(placement_url(placement))
    return render(request, "placements/placement_create.html",
                  {"nav": "cases", "case": case, "form": form, "opening": opening, "company": company, **options},
                  status=400 if form.errors else 200)


# --- the placement page -----------------------------------------------------------------------------------------

def placement_detail(request, pk, placement_pk):
    placement = _placement(request, pk, placement_pk)
    today = timezone.localdate()
    agreements = selectors.placement_agreements(placement=placement)
    hours = selectors.placement_hours(placement=placement)
    follow_ups = selectors.placement_follow_ups(placement=placement)
    current = agreements[0] if agreements else None
    reported = [h for h in hours if h.status in (HoursStatus.REPORTED, HoursStatus.QUERIED)]
    for h in reported:
        h.placement = placement
    return render(request, "placements/placement_detail.html", {
        "reported": reported,
        "nav": "cases", "case": placement.case, "placement": placement, "agreements": agreements,
        "agreement": current, "document": services.agreement_document(current) if current else None,
        "signed_roles": {s.role for s in current.signatures.all()} if current else set(),
        "hours": hours, "hours_chart": hours_chart(hours), "follow_ups": follow_ups,
        "task_charts": task_charts(follow_ups), "flags": selectors.flags_of(placement, today),
        "can_change": can_change_case(employee_for_user(request.user), placement.case),
        # Starting today would leave earlier weeks with hours outside the period: ask before deleting them.
        "start_strands": weeks_text(stranded_weeks(placement, today, placement.end))
        if placement.status == PlacementStatus.PLANNED else "",
        "lifeline": selectors.lifeline(case=placement.case) if placement.status == PlacementStatus.ENDED else None,
        "totals": {"internship": sum(h.internship_hours for h in hours),
                   "ordinary": sum(h.ordinary_hours for h in hours),
                   "weeks": len(hours), "ordinary_weeks": sum(1 for h in hours if h.ordinary_hours > 0)},
    })


@require_POST
def placement_start(request, pk, placement_pk):
    placement = _placement(request, pk, placement_pk, change=True)
    try:
        services.placement_start(actor=request.user, placement=placement,
                                 remove_stranded=request.POST.get("remove_stranded") == "on")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Forløbet er startet."))
    return redirect(placement_url(placement))


def placement_end(request, pk, placement_pk):
    placement = _placement(request, pk, placement_pk, change=True)
    if placement.status == PlacementStatus.ENDED:
        messages.info(request, _("Forløbet er allerede afsluttet."))
        return redirect(placement_url(placement))
    form = EndForm(request.POST or None, placement=placement, initial={
        "end": timezone.localdate(), "statement_by": placement.contact.name if placement.contact_id else ""})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.placement_end(actor=request.user, placement=placement, end=d["end"], end_reason=d["end_reason"],
                                   statement=d["statement"], statement_by=d["statement_by"],
                                   remove_stranded=d["remove_stranded"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Forløbet er afsluttet og skrevet på borgerens CV."))
            return redirect(placement_url(placement))
    return render(request, "placements/placement_end.html",
                  {"nav": "cases", "case": placement.case, "placement": placement, "form": form},
                  status=400 if form.errors else 200)


# --- the work agreement -----------------------------------------------------------------------------------------

def agreement_edit(request, pk, placement_pk):
    placement = _placement(request, pk, placement_pk, change=True)
    current = services.current_agreement(placement)
    signed = current is not None and current.signatures.exists()
    initial = {"start": placement.start, "follow_up_weeks": 2, "conversion": DEFAULT_CONVERSION}
    if current is not None:
        initial = {"goal": current.goal, "sub_goals": "\n".join(current.sub_goals),
                   "tasks_text": "\n".join(current.tasks), "hours_per_week": current.hours_per_week,
                   "accommodations": current.accommodations, "conversion": current.conversion,
                   "support": current.support, "follow_up_weeks": current.follow_up_weeks,
                   "contact_info": current.contact_info, "start": current.start}
    initial["seen"] = services.agreement_seen(current)
    form = AgreementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        content = form.agreement_content(lines(form.cleaned_data["tasks_text"]), form.cleaned_data["start"])
        seen = form.cleaned_data["seen"] if "seen" in request.POST else None  # older clients send none
        try:
            if signed:
                agreement = services.agreement_new_version(actor=request.user, placement=placement, seen=seen,
                                                           **content)
            else:
                agreement = services.agreement_save(actor=request.user, placement=placement, seen=seen, **content)
        except ValidationError as exc:
            apply_service_errors(form, exc)
            if any(e.code == "stale" for e in exc.error_list if hasattr(exc, "error_list")):
                form.data = form.data.copy()
                form.data["seen"] = services.agreement_seen(services.current_agreement(placement))
        else:
            messages.success(request, _("Arbejdsaftalen (version %(v)d) er gemt. Den skal underskrives af alle tre.")
                             % {"v": agreement.version})
            return redirect(placement_url(placement))
    return render(request, "placements/agreement_form.html",
                  {"nav": "cases", "case": placement.case, "placement": placement, "form": form, "signed": signed,
                   "current": current}, status=400 if form.errors else 200)


def agreement_view(request, pk, placement_pk, version):
    placement = _placement(request, pk, placement_pk)
    agreement = selectors.agreement_version(placement=placement, version=version)
    return render(request, "placements/agreement_view.html", {
        "nav": "cases", "case": placement.case, "placement": placement, "agreement": agreement,
        "doc": services.agreement_document(agreement), "hash": services.agreement_hash(agreement),
        "latest": services.current_agreement(placement)})


def agreement_pdf(request, pk, placement_pk, version):
    from .pdf import html_to_pdf

    placement = _placement(request, pk, placement_pk)
    agreement = selectors.agreement_version(placement=placement, version=version)
    html = render_to_string("placements/agreement_pdf.html", {
        "placement": placement, "agreement": agreement, "doc": services.agreement_document(agreement),
        "hash": services.agreement_hash(agreement), "signatures": list(agreement.signatures.all()),
        "printed": timezone.localtime()})
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="arbejdsaftale-{placement.external_id}-v{version}.pdf"'
    return response


def agreement_sign(request, pk, placement_pk):
    """Signing on the spot: the document and one block per party on the same device."""
    placement = _placement(request, pk, placement_pk, change=True)
    agreement = services.current_agreement(placement)
    if agreement is None:
        messages.error(request, _("Forløbet har ingen arbejdsaftale endnu."))
        return redirect(placement_url(placement))
    agreement = selectors.agreement_version(placement=placement, version=agreement.version)
    forms_by_role, status = {}, 200
    if request.method == "POST":
        form = SignForm(request.POST)
        role = request.POST.get("role")
        if form.is_valid():
            try:
                services.agreement_sign(actor=request.user, agreement=agreement, role=form.cleaned_data["role"],
                                        signer_name=form.cleaned_data["signer_name"],
                                        content_hash=form.cleaned_data["content_hash"],
                                        drawing=form.cleaned_data["drawing"])
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                agreement.refresh_from_db()
                if agreement.signed_on:
                    messages.success(request, _("Arbejdsaftalen er underskrevet af alle tre parter."))
                    return redirect(placement_url(placement))
                messages.success(request, _("%(role)s har skrevet under.") % {"role": SignerRole(role).label})
                return redirect(reverse("placements:sign", args=[pk, placement_pk]) + "#underskrifter")
        forms_by_role[role] = form
        status = 400
    agreement = selectors.agreement_version(placement=placement, version=agreement.version)
    signed = {s.role: s for s in agreement.signatures.all()}
    content_hash = services.agreement_hash(agreement)
    # Each block names the party, never the person: typing one's own name is the confirmation.
    blocks = []
    for role, label in SignerRole.choices:
        form = forms_by_role.get(role) or SignForm(initial={"role": role, "content_hash": content_hash})
        form.fields["signer_name"].widget.attrs.update({"id": f"id_signer_{role}", "autocomplete": "off"})
        blocks.append({"role": role, "label": label, "signature": signed.get(role), "form": form})
    return render(request, "placements/agreement_sign.html", {
        "nav": "cases", "case": placement.case, "placement": placement, "agreement": agreement,
        "doc": services.agreement_document(agreement), "hash": content_hash, "blocks": blocks}, status=status)


# --- hours ------------------------------------------------------------------------------------------------------

def _month(request, placement):
    text = request.GET.get("maaned") or request.POST.get("maaned") or ""
    try:
        year, month = (int(x) for x in text.split("-"))
        if not EARLIEST_RECORD.year <= year <= LATEST.year:  # and the links to the months around it exist
            raise ValueError(year)
        return dt.date(year, month, 1)
    except ValueError:
        today = timezone.localdate()
        day = placement.end if placement.end and placement.end < today else max(today, placement.start)
        return dt.date(day.year, day.month, 1)


def hours_grid(request, pk, placement_pk):
    placement = _placement(request, pk, placement_pk, change=request.method == "POST")
    month = _month(request, placement)
    weeks = weeks_of_month(month.year, month.month)
    existing = {h.week: h for h in selectors.placement_hours(placement=placement)}
    form = HoursForm(request.POST or None, weeks=weeks, rows=existing)
    if request.method == "POST" and form.is_valid():
        try:
            services.hours_save(actor=request.user, placement=placement, weeks=form.weeks_data())
        except StaleEdit as exc:
            form.add_error(None, exc)
            existing = {h.week: h for h in selectors.placement_hours(placement=placement)}
            form.show_rows(existing, into_data=True)
        except ValidationError as exc:
            for key, errors in exc.message_dict.items():
                field = service_key_to_field(key)
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("Timerne for %(month)s er gemt.") % {"month": _month_name(month)})
            return redirect(placement_url(placement) + "#timer")
    previous = (month - dt.timedelta(days=1)).replace(day=1)
    following = (month + dt.timedelta(days=32)).replace(day=1)
    return render(request, "placements/hours_grid.html", {
        "nav": "cases", "case": placement.case, "placement": placement, "form": form, "month": month,
        "month_name": _month_name(month), "previous": f"{previous:%Y-%m}", "next": f"{following:%Y-%m}",
        "hours_chart": hours_chart(list(existing.values()))}, status=400 if form.errors else 200)


def _month_name(month: dt.date) -> str:
    return date_format(month, "F Y")


# --- follow-up --------------------------------------------------------------------------------------------------

def follow_up_new(request, pk, placement_pk):
    placement = _placement(request, pk, placement_pk, change=True)
    agreement = services.current_agreement(placement)
    tasks = list(agreement.tasks) if agreement else []
    contact = placement.contact.name if placement.contact_id else ""
    employee = employee_for_user(request.user)
    initial = {"date": timezone.localdate(), "place": placement.company.name,
               "participants": ", ".join(x for x in [placement.case.citizen.name, contact,
                                                     employee.name if employee else ""] if x)}
    form = FollowUpForm(request.POST or None, initial=initial, tasks=tasks)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.follow_up_record(actor=request.user, placement=placement, date=d["date"], place=d["place"],
                                      participants=d["participants"], notes=d["notes"], next_date=d["next_date"],
                                      ratings=form.ratings())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Opfølgningen er gemt."))
            return redirect(placement_url(placement) + "#opfoelgning")
    return render(request, "placements/follow_up_form.html",
                  {"nav": "cases", "case": placement.case, "placement": placement, "form": form},
                  status=400 if form.errors else 200)


# --- flagged placements -----------------------------------------------------------------------------------------

def flagged_list(request):
    everyone = request.GET.get("alle") == "1"
    placements = selectors.flagged_placements(user=request.user, today=timezone.localdate(), path=request.path,
                                              mine_only=not everyone)
    return render(request, "placements/flagged_list.html",
                  {"nav": "cases", "placements": placements, "everyone": everyone})


__all__ = ["Placement"]
