"""Staff views of letters: thin — forms validate, services write; every page checks access to the case and writes
the access log (cases.selectors.case_get) before it shows anything."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobspor.cases import selectors as case_selectors
from jobspor.cases.permissions import can_change_case, sees_full_case
from jobspor.core.forms import apply_service_errors
from jobspor.core.post_forms import case_tab, post_form
from jobspor.organisation.selectors import employee_for_user

from . import selectors, services
from .addressing import is_exempt, letter_address
from .choices import Channel, LetterKind, LetterStatus
from .forms import ExemptionForm, LetterEditForm, LetterNewForm
from .pdf import letter_pdf as render_pdf

PURPOSE = "Breve til borgeren"
TAB = "breve"


def _case(request, pk, *, change=False):
    case = case_selectors.case_get(user=request.user, pk=pk, path=request.path, purpose=PURPOSE)
    employee = employee_for_user(request.user)
    if not sees_full_case(employee, case) or (change and not can_change_case(employee, case)):
        raise PermissionDenied
    return case


def tab_url(case) -> str:
    return f"{reverse('cases:detail', args=[case.pk])}?fane={TAB}"


def _address_problem(case) -> str:
    try:
        letter_address(case.citizen)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return ""


def tab_context(request, case, employee, *, new_form=None):
    from django.conf import settings

    return {"letters": selectors.case_letters(case=case), "new_form": new_form or LetterNewForm(),
            "address_problem": _address_problem(case), "exempt": is_exempt(case.citizen),
            "transport": settings.JOBSPOR_LETTER_TRANSPORT, "letter_kinds": LetterKind}


def _tab_page(request, case, *, new_form, status=400):
    from jobspor.cases.views import case_page_context

    context = case_page_context(request, case, tab=TAB)
    context.update(tab_context(request, case, employee_for_user(request.user), new_form=new_form))
    return render(request, "cases/case_detail.html", context, status=status)


@post_form(case_tab(TAB))
def letter_new(request, pk):
    case = _case(request, pk, change=True)
    form = LetterNewForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["kind"] == LetterKind.MEETING:
                letter = services.draft_meeting_invitation(case, actor=request.user, **form.meeting())
            else:
                letter = services.letter_draft(actor=request.user, case=case, kind=form.cleaned_data["kind"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect("letters:detail", pk=case.pk, letter_pk=letter.pk)
    return _tab_page(request, case, new_form=form)


@require_POST
def letter_from_appointment(request, pk, appointment_pk):
    """"Send indkaldelse" on a booked meeting: a meeting-invitation draft from the appointment's own time, place and
    video link, opened for a look before it is sent."""
    from jobspor.appointments.models import Appointment

    case = _case(request, pk, change=True)
    appointment = get_object_or_404(Appointment, pk=appointment_pk, case=case)
    place = ", ".join(part for part in (appointment.get_place_kind_display(), appointment.place_text) if part)
    try:
        letter = services.draft_meeting_invitation(case, actor=request.user, start=appointment.start,
                                                   end=appointment.end, place=place,
                                                   video_link=appointment.video_link)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("appointments:detail", appointment.pk)
    return redirect("letters:detail", pk=case.pk, letter_pk=letter.pk)


def _detail(request, case, letter, *, form=None, status=200):
    employee = employee_for_user(request.user)
    can_change = can_change_case(employee, case)
    if form is None and letter.is_draft:
        form = LetterEditForm(initial={"subject": letter.subject, "body": letter.body})
    return render(request, "letters/letter_detail.html", {
        "case": case, "letter": letter, "form": form, "can_change": can_change, "nav": "cases",
        "address_problem": _address_problem(case) if letter.is_draft else "",
        "exemption_form": ExemptionForm(initial={"exempt": is_exempt(case.citizen)})}, status=status)


def letter_detail(request, pk, letter_pk):
    case = _case(request, pk, change=request.method == "POST")
    letter = selectors.letter_get(case=case, pk=letter_pk)
    if request.method != "POST":
        return _detail(request, case, letter)
    form = LetterEditForm(request.POST)
    if not form.is_valid():
        return _detail(request, case, letter, form=form, status=400)
    subject, body = form.cleaned_data["subject"], form.cleaned_data["body"]
    try:
        if request.POST.get("action") == "send":
            letter = services.letter_send(actor=request.user, letter=letter, subject=subject, body=body)
        else:
            services.letter_update(actor=request.user, letter=letter, subject=subject, body=body)
    except ValidationError as exc:
        apply_service_errors(form, exc)
        letter = selectors.letter_get(case=case, pk=letter_pk)
        return _detail(request, case, letter, form=form, status=400)
    if request.POST.get("action") != "send":
        messages.success(request, _("Kladden er gemt."))
        return redirect("letters:detail", pk=case.pk, letter_pk=letter.pk)
    _say_how_it_went(request, letter)
    return redirect(tab_url(case))


def _say_how_it_went(request, letter):
    if letter.status == LetterStatus.SENT:
        if letter.channel == Channel.PHYSICAL:
            messages.success(request, _("Brevet «%(subject)s» er lagt i udbakken til udskrift og forsendelse med "
                                        "posten.") % {"subject": letter.subject})
        elif letter.transport == "outbox":
            messages.success(request, _("Brevet «%(subject)s» er sendt til udbakken som Digital Post.") % {
                "subject": letter.subject})
        else:
            messages.success(request, _("Brevet «%(subject)s» er sendt som Digital Post.") % {
                "subject": letter.subject})
    else:
        messages.warning(request, _("Brevet «%(subject)s» kunne ikke sendes: %(reason)s Det venter i udbakken og "
                                    "prøves igen automatisk.") % {"subject": letter.subject,
                                                                   "reason": letter.last_error})


def letter_pdf(request, pk, letter_pk):
    """The letter as PDF: a draft as it will look (made now), a sent letter exactly as it was sent."""
    case = _case(request, pk)
    letter = selectors.letter_get(case=case, pk=letter_pk)
    if letter.is_draft:
        try:
            address = letter_address(case.citizen)
            lines = address.postal_lines if address.channel == Channel.PHYSICAL else ()
        except ValidationError:
            lines = ()
        data = render_pdf(letter, recipient_lines=lines)
    else:
        from jobspor.documents.files import documents_dir

        path = documents_dir() / letter.pdf_storage_name
        if not path.is_file():
            raise Http404
        data = path.read_bytes()
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="brev-{case.external_id}-{letter.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def letter_retry(request, pk, letter_pk):
    case = _case(request, pk, change=True)
    letter = selectors.letter_get(case=case, pk=letter_pk)
    try:
        letter = services.letter_retry(actor=request.user, letter=letter)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        _say_how_it_went(request, letter)
    return redirect(tab_url(case))


@require_POST
def letter_discard(request, pk, letter_pk):
    case = _case(request, pk, change=True)
    letter = selectors.letter_get(case=case, pk=letter_pk)
    try:
        services.letter_discard(actor=request.user, letter=letter)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Kladden er slettet."))
    return redirect(tab_url(case))


@require_POST
def exemption(request, pk):
    case = _case(request, pk, change=True)
    form = ExemptionForm(request.POST)
    if form.is_valid():
        if form.cleaned_data["exempt"]:
            services.exemption_set(actor=request.user, citizen=case.citizen, reason=form.cleaned_data["reason"])
            messages.success(request, _("Borgeren er registreret som fritaget for Digital Post: breve sendes med "
                                        "posten til borgerens adresse."))
        else:
            services.exemption_end(actor=request.user, citizen=case.citizen)
            messages.success(request, _("Borgeren får igen breve som Digital Post."))
    return redirect(tab_url(case))
