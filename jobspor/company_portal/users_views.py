"""Virksomhedsindgang → Brugere: the company's administrator invites colleagues and sets their rights
(company_portal.invitations). Others are refused in Danish (company_view(right="is_admin"))."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jobspor.core.forms import apply_service_errors

from .access import company_view, portal_context
from .forms import InviteForm, RightsForm
from .invitations import colleague_invite, colleague_rights
from .models import CompanyUser
from .refusals import messages_of, own_or_404, refusal_log

NAV = "users"


@company_view(right="is_admin")
def users(request):
    form = InviteForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                link = colleague_invite(admin=request.company_user, **form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
                refusal_log(request, _("Invitation afvist: %(reasons)s") % {"reasons": messages_of(exc)})
            else:
                messages.success(request, _("%(name)s er inviteret. Invitationen gælder, når %(name)s logger ind "
                                            "med MitID Erhverv med e-mailen %(email)s.")
                                 % {"name": link.name, "email": link.email})
                return redirect("virk:users")
    colleagues = CompanyUser.objects.filter(company=request.company).order_by("-is_active", "name")
    return render(request, "company_portal/users.html", portal_context(
        request, nav=NAV, form=form, colleagues=colleagues), status=400 if form.errors else 200)


@company_view(right="is_admin")
def user_edit(request, pk):
    colleague = own_or_404(request, CompanyUser.objects.filter(company=request.company), pk=pk,
                           reason=_("Bruger %(pk)s findes ikke hos virksomheden.") % {"pk": pk})
    initial = {k: getattr(colleague, k) for k in ("can_sign", "can_report_hours", "is_admin", "is_active")}
    form = RightsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            colleague_rights(admin=request.company_user, colleague=colleague, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
            refusal_log(request, _("Ændring af rettigheder afvist: %(reasons)s") % {"reasons": messages_of(exc)})
        else:
            messages.success(request, _("Rettighederne for %(name)s er gemt.") % {"name": colleague.name})
            return redirect("virk:users")
    return render(request, "company_portal/user_edit.html", portal_context(
        request, nav=NAV, form=form, colleague=colleague), status=400 if form.errors else 200)
