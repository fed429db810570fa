"""Staff side of the citizen's consent to share with companies: recorded on the citizen's behalf (e.g. given on
the phone or in a meeting), always with a note saying how it was given. The page is a case page: access is
checked and every look (and refusal) is in the access log."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.cases.permissions import can_change_case, sees_full_case
from jobspor.cases.selectors import case_get
from jobspor.core.errors import AccessRefused
from jobspor.core.forms import apply_service_errors
from jobspor.organisation.selectors import employee_for_user

from .forms import ConsentForm
from .services import consent_current, consent_record

PURPOSE_CONSENT = "Samtykke til deling med virksomheder"


class StaffConsentForm(ConsentForm):
    note = forms.CharField(label=gettext_lazy("Note: hvordan og hvornår gav borgeren samtykket?"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}), error_messages={
                               "required": gettext_lazy("Skriv en note om, hvordan borgeren gav samtykket – fx "
                                                        "\"sagt ja i telefonen 3. marts\".")})

    def clean_note(self):
        note = " ".join((self.cleaned_data.get("note") or "").split())
        if not note:
            raise ValidationError(self.fields["note"].error_messages["required"])
        return note


def case_consent(request, pk):
    case = case_get(user=request.user, pk=pk, path=request.path, purpose=PURPOSE_CONSENT)
    employee = employee_for_user(request.user)
    if not sees_full_case(employee, case):  # a mentor on the case sees the plan only
        access_log_write(actor=request.user, action=Action.DENIED, purpose=PURPOSE_CONSENT,
                         citizen_ids=[case.citizen_id], case_ids=[case.pk], path=request.path)
        raise PermissionDenied
    citizen = case.citizen
    may_change = can_change_case(employee, case)
    current = consent_current(citizen)
    initial = {k: getattr(current, k) for k in ("share_name", "share_tasks", "share_hours")} if current else {}
    form = StaffConsentForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        if not may_change:
            access_log_write(actor=request.user, action=Action.DENIED, purpose=PURPOSE_CONSENT,
                             citizen_ids=[case.citizen_id], case_ids=[case.pk], path=request.path)
            raise AccessRefused(_("Du kan se samtykket, men ikke registrere et nyt på borgerens vegne."))
        if form.is_valid():
            d = form.cleaned_data
            try:
                consent_record(citizen=citizen, actor=request.user, share_name=d["share_name"],
                               share_tasks=d["share_tasks"], share_hours=d["share_hours"], on_behalf=True,
                               note=d["note"])
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Samtykket er registreret på borgerens vegne. Det gælder fra nu."))
                return redirect("consent:case", pk=case.pk)
    history = list(citizen.candidate_consents.select_related("recorded_by__employee", "recorded_by__citizen_user")
                   [:100])
    return render(request, "citizen_portal/staff_consent.html", {
        "nav": "cases", "case": case, "form": form, "current": current, "history": history,
        "may_change": may_change}, status=400 if form.errors else 200)
