"""Virksomhedsindgang's placement pages: Aftaler (sign with MitID Erhverv, signed ones as PDF), Timer (report a
week) and Opfølgning (rate the agreed tasks). Mounted in company_portal/urls.py.

Every placement is looked up through request.company: another CVR's id is a 404, and the attempt is logged as
denied. A company user's view of a placement (the citizen's name, hours, agreement) is a look-up of that
citizen's data and is logged with the company as the organisation (audit.services.actor_unit)."""

import datetime as dt
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.company_portal.access import company_view, portal_context
from jobspor.core.forms import Form, apply_service_errors
from jobspor.core.weeks import week_label

from . import services
from .choices import RATING_MAX, RATING_MIN, HoursStatus, PlacementStatus, SignatureChannel, SignerRole
from .forms import DATE_WIDGET, hours_field
from .models import Placement, Signature, WeekHours, WorkAgreement
from .reported_hours import hours_report, reportable_weeks
from .selectors import PURPOSE_PLACEMENT
from .weeks import iso_week, parse_iso_week

HOURS_SHOWN = 6  # recent weeks shown per placement on Timer


def _log(request, placements, action=Action.VIEW, query=""):
    placements = list(placements)
    access_log_write(actor=request.user, action=action, purpose=PURPOSE_PLACEMENT,
                     citizen_ids=[p.case.citizen_id for p in placements], case_ids=[p.case_id for p in placements],
                     path=request.path, query=query)


def _company_placement(request, placement_pk) -> Placement:
    """The placement, if it is the company's own; otherwise 404 and the attempt logged as denied."""
    placement = (Placement.objects.select_related("case__citizen", "company", "contact", "workplace")
                 .filter(pk=placement_pk).first())
    if placement is None or placement.company_id != request.company.pk:
        access_log_write(actor=request.user, action=Action.DENIED, purpose=PURPOSE_PLACEMENT,
                         citizen_ids=[placement.case.citizen_id] if placement else [],
                         case_ids=[placement.case_id] if placement else None, path=request.path,
                         query=_("en anden virksomheds forløb"))
        raise Http404
    return placement


def _refused(request, placement, exc: ValidationError) -> None:
    """Bad input changes nothing; the refusal is logged with its reason."""
    access_log_write(actor=request.user, action=Action.DENIED, purpose=PURPOSE_PLACEMENT,
                     citizen_ids=[placement.case.citizen_id], case_ids=[placement.case_id], path=request.path,
                     query=(_("afvist: %(reason)s") % {"reason": " ".join(exc.messages)})[:500])


def _active(request):
    return (Placement.objects.filter(company=request.company, status=PlacementStatus.ACTIVE)
            .select_related("case__citizen").order_by("case__citizen__name", "pk"))


# --- Aftaler ----------------------------------------------------------------------------------------------------

def _current(placement) -> WorkAgreement | None:
    return next((a for a in placement.agreement_list if not a.imported), None)


@company_view
def agreements(request):
    """The company's work agreements: those waiting for the company's signature first, then the signed ones."""
    versions = WorkAgreement.objects.order_by("-version").prefetch_related(
        Prefetch("signatures", queryset=Signature.objects.order_by("signed_at", "id")))
    placements = list(Placement.objects.filter(company=request.company).exclude(agreements=None)
                      .select_related("case__citizen")
                      .prefetch_related(Prefetch("agreements", queryset=versions, to_attr="agreement_list"))
                      .order_by("-start", "-pk")[:200])
    waiting, signed = [], []
    for p in placements:
        current = _current(p)
        if current is not None and p.status != PlacementStatus.ENDED and \
                SignerRole.COMPANY not in {s.role for s in current.signatures.all()}:
            waiting.append((p, current))
        for a in p.agreement_list:
            if not a.imported and any(s.role == SignerRole.COMPANY for s in a.signatures.all()):
                signed.append((p, a))
    _log(request, placements, Action.LIST)
    return render(request, "placements/company_portal/agreements.html",
                  portal_context(request, nav="agreements", waiting=waiting, signed=signed))


class CompanySignForm(Form):
    content_hash = forms.CharField(widget=forms.HiddenInput)
    read = forms.BooleanField(label=gettext_lazy("Jeg har læst aftalen og skriver under på virksomhedens vegne"),
                              error_messages={"required": gettext_lazy("Sæt kryds for at bekræfte, at du har læst "
                                                                        "aftalen.")})


@company_view
def agreement_detail(request, placement_pk):
    """The current agreement and, for a user who may sign, the signature with their own MitID Erhverv login."""
    placement = _company_placement(request, placement_pk)
    agreement = services.current_agreement(placement)
    if agreement is None or agreement.imported:
        raise Http404
    form, status = None, 200
    if request.method == "POST":
        if not request.company_user.can_sign:
            from jobspor.company_portal.access import RIGHT_REFUSALS
            from jobspor.core.errors import AccessRefused
            raise AccessRefused(RIGHT_REFUSALS["can_sign"], logged=False)
        form = CompanySignForm(request.POST)
        if form.is_valid():
            try:
                services.agreement_sign(actor=request.user, agreement=agreement, role=SignerRole.COMPANY,
                                        signer_name=request.company_user.name,
                                        content_hash=form.cleaned_data["content_hash"],
                                        channel=SignatureChannel.MITID_ERHVERV)
            except ValidationError as exc:
                _refused(request, placement, exc)
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Du har skrevet under på arbejdsaftalen med MitID Erhverv."))
                return redirect("virk:agreements")
        status = 400
    _log(request, [placement])
    agreement = WorkAgreement.objects.prefetch_related(
        Prefetch("signatures", queryset=Signature.objects.order_by("signed_at", "id"))).get(pk=agreement.pk)
    agreement.placement = placement
    content_hash = services.agreement_hash(agreement)
    company_signature = next((s for s in agreement.signatures.all() if s.role == SignerRole.COMPANY), None)
    if form is None:
        form = CompanySignForm(initial={"content_hash": content_hash})
    elif form.is_bound:  # after a refusal the page shows the agreement as it is now: a new signature is on that
        form.data = form.data.copy()
        form.data["content_hash"] = content_hash
    return render(request, "placements/company_portal/agreement.html", portal_context(
        request, nav="agreements", placement=placement, agreement=agreement,
        doc=services.agreement_document(agreement), hash=content_hash, form=form,
        company_signature=company_signature), status=status)


@company_view
def agreement_pdf(request, placement_pk, version):
    from .pdf import html_to_pdf

    placement = _company_placement(request, placement_pk)
    agreement = (WorkAgreement.objects.filter(placement=placement, version=version, imported=False)
                 .prefetch_related(Prefetch("signatures", queryset=Signature.objects.order_by("signed_at", "id")))
                 .first())
    if agreement is None:
        raise Http404
    agreement.placement = placement
    _log(request, [placement])
    html = render_to_string("placements/agreement_pdf.html", {
        "placement": placement, "agreement": agreement, "doc": services.agreement_document(agreement),
        "hash": services.agreement_hash(agreement), "signatures": list(agreement.signatures.all()),
        "printed": timezone.localtime()})
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="arbejdsaftale-{placement.external_id}-v{version}.pdf"'
    return response


# --- Timer ------------------------------------------------------------------------------------------------------

class ReportHoursForm(Form):
    week = forms.ChoiceField(label=gettext_lazy("Uge"), error_messages={"required": gettext_lazy("Vælg en uge."),
                                                                          "invalid_choice": gettext_lazy(
                                                                              "Vælg en af de viste uger.")})
    internship_hours = hours_field(gettext_lazy("Praktiktimer"), required=False)
    ordinary_hours = hours_field(gettext_lazy("Ordinære timer (med løn)"), required=False)
    # Beside the form, hidden `was-<YYYY-Www>` per week: its hours as shown ("i;o", "-" for none).

    def __init__(self, *args, weeks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["week"].choices = [(iso_week(w), week_label(w)) for w in weeks]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("internship_hours") is None and cleaned.get("ordinary_hours") is None \
                and not self.errors:
            raise ValidationError(_("Skriv ugens timer (0, hvis borgeren ikke var der)."))
        return cleaned


def _was(row) -> str:
    return "-" if row is None else f"{row.internship_hours};{row.ordinary_hours}"


def _parse_was(text):
    from .reported_hours import UNSET

    if not text:
        return UNSET
    if text == "-":
        return None
    try:
        a, b = text.split(";")
        return Decimal(a), Decimal(b)
    except (ValueError, ArithmeticError):
        return UNSET


def _hours_cards(request, placements, today, bound=None):
    rows = {}
    for h in (WeekHours.objects.filter(placement__in=placements).select_related("reported_by__company_user")
              .order_by("-week")):
        rows.setdefault(h.placement_id, []).append(h)
    cards = []
    for p in placements:
        weeks = reportable_weeks(p, today)
        by_week = {h.week: h for h in rows.get(p.pk, [])}
        # The week to report: the newest finished week without hours, else last week.
        finished = [w for w in weeks if w + dt.timedelta(days=6) < today] or weeks
        default = next((w for w in finished if w not in by_week), finished[0] if finished else None)
        if bound is not None and bound[0] == p.pk:
            form = bound[1]
        else:
            form = ReportHoursForm(weeks=weeks, initial={
                "week": iso_week(default) if default else "",
                "internship_hours": by_week[default].internship_hours if default in by_week else None,
                "ordinary_hours": by_week[default].ordinary_hours if default in by_week else None})
            form.auto_id = f"id_{p.pk}_%s"
        cards.append({"placement": p, "form": form, "recent": rows.get(p.pk, [])[:HOURS_SHOWN],
                      "was_by_week": {iso_week(w): _was(by_week.get(w)) for w in weeks},
                      "queried": [h for h in rows.get(p.pk, []) if h.status == HoursStatus.QUERIED]})
    return cards


@company_view
def hours(request):
    """Timer: each running placement with a one-week form (week, internship and ordinary hours, one submit)."""
    placements = list(_active(request))
    today = timezone.localdate()
    _log(request, placements, Action.LIST)
    return render(request, "placements/company_portal/hours.html", portal_context(
        request, nav="hours", cards=_hours_cards(request, placements, today),
        can_report=request.company_user.can_report_hours))


@company_view(right="can_report_hours")
@require_POST
def hours_report_view(request, placement_pk):
    placement = _company_placement(request, placement_pk)
    today = timezone.localdate()
    form = ReportHoursForm(request.POST, weeks=reportable_weeks(placement, today))
    form.auto_id = f"id_{placement.pk}_%s"
    week = parse_iso_week(request.POST.get("week", ""))
    if form.is_valid():
        d = form.cleaned_data
        try:
            hours_report(actor=request.user, placement=placement, week=parse_iso_week(d["week"]),
                         internship_hours=d["internship_hours"], ordinary_hours=d["ordinary_hours"],
                         expected=_parse_was(request.POST.get(f"was-{d['week']}")))
        except ValidationError as exc:
            _refused(request, placement, exc)
            apply_service_errors(form, exc)
            if any(e.code == "stale" for e in form.non_field_errors().as_data()):
                current = WeekHours.objects.filter(placement=placement, week=week).first() if week else None
                form.data = form.data.copy()
                form.data["internship_hours"] = current.internship_hours if current else ""
                form.data["ordinary_hours"] = current.ordinary_hours if current else ""
        else:
            messages.success(request, _("Timerne for %(week)s er indberettet for %(name)s. Jobcentret bekræfter dem.")
                             % {"week": week_label(week), "name": placement.case.citizen.name})
            return redirect(reverse("virk:hours") + f"#forloeb-{placement.pk}")
    else:
        problem = ValidationError(list(form.errors.values())[0]) if form.errors else None
        if problem is not None:
            _refused(request, placement, problem)
    placements = list(_active(request))
    if placement not in placements:
        placements.append(placement)
    _log(request, placements, Action.LIST)
    return render(request, "placements/company_portal/hours.html", portal_context(
        request, nav="hours", cards=_hours_cards(request, placements, today, bound=(placement.pk, form)),
        can_report=True), status=400)


# --- Opfølgning -------------------------------------------------------------------------------------------------

RATING_CHOICES = [("", "–")] + [(str(n), str(n)) for n in range(RATING_MIN, RATING_MAX + 1)]


class CompanyFollowUpForm(Form):
    date = forms.DateField(label=gettext_lazy("Dato"), widget=DATE_WIDGET,
                           error_messages={"required": gettext_lazy("Angiv datoen."),
                                           "invalid": gettext_lazy("Ugyldig dato.")})
    notes = forms.CharField(label=gettext_lazy("Bemærkninger til jobcentret"), required=False, max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, tasks, **kwargs):
        super().__init__(*args, **kwargs)
        self.tasks = tasks
        for i, task in enumerate(tasks):
            self.fields[f"k{i}"] = forms.TypedChoiceField(
                label=task, choices=RATING_CHOICES, coerce=int,
                error_messages={"required": _("Giv en vurdering fra 1 til 10."),
                                "invalid_choice": _("Fra 1 til 10.")})

    def rows(self):
        return [self[f"k{i}"] for i in range(len(self.tasks))]

    def ratings(self):
        return [{"task": t, "citizen_rating": None, "company_rating": self.cleaned_data[f"k{i}"]}
                for i, t in enumerate(self.tasks)]


def _tasks(placement) -> list[str]:
    agreement = services.current_agreement(placement)
    return list(agreement.tasks) if agreement is not None else []


@company_view
def followups(request):
    """Opfølgning: each running placement, its agreed tasks and the company's latest ratings."""
    from .models import FollowUp, TaskRating

    placements = list(_active(request).prefetch_related(
        Prefetch("follow_ups", queryset=FollowUp.objects.order_by("-date", "-id").prefetch_related(
            Prefetch("ratings", queryset=TaskRating.objects.order_by("id"))))))
    for p in placements:
        latest = next(iter(p.follow_ups.all()), None)
        p.latest_follow_up = latest
    _log(request, placements, Action.LIST)
    return render(request, "placements/company_portal/followups.html",
                  portal_context(request, nav="followups", placements=placements))


@company_view
def followup_new(request, placement_pk):
    placement = _company_placement(request, placement_pk)
    if placement.status != PlacementStatus.ACTIVE:
        raise Http404
    tasks = _tasks(placement)
    form = CompanyFollowUpForm(request.POST or None, tasks=tasks, initial={"date": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.follow_up_record(
                    actor=request.user, placement=placement, date=d["date"], place=placement.company.name,
                    participants=_("%(name)s (virksomheden, via Virksomhedsindgangen)")
                    % {"name": request.company_user.name},
                    notes=d["notes"], ratings=form.ratings(), company_only=True)
            except ValidationError as exc:
                _refused(request, placement, exc)
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Tak – jeres vurdering af %(name)s er sendt til jobcentret.")
                                 % {"name": placement.case.citizen.name})
                return redirect("virk:followups")
        else:
            _refused(request, placement, ValidationError(list(form.errors.values())[0]))
        status = 400
    _log(request, [placement])
    return render(request, "placements/company_portal/followup_form.html",
                  portal_context(request, nav="followups", placement=placement, form=form, tasks=tasks),
                  status=status)
