"""Virksomhedsindgang → Kandidater: the candidates a jobformidler sent the company, showing only what each citizen
consented to share (portal_candidates), and the company's answer. Each view is a look-up of the citizens' data,
logged with the company as the organisation; another CVR's candidate is a 404, logged as denied."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.company_portal.access import company_view, portal_context
from jobspor.company_portal.refusals import messages_of, own_or_404, refusal_log
from jobspor.core.forms import apply_service_errors

from . import portal_services
from .choices import Outcome
from .forms import CandidateAnswerForm
from .models import ShortlistEntry
from .portal_candidates import candidate_cards, company_entries

NAV = "candidates"
PURPOSE = "Kandidat sendt af jobcentret"


def _log(request, cards, action):
    access_log_write(actor=request.user, action=action, purpose=PURPOSE,
                     citizen_ids=[c.entry.case.citizen_id for c in cards],
                     case_ids=[c.entry.case_id for c in cards], path=request.get_full_path())


@company_view
def candidates(request):
    entries = company_entries(request.company).order_by("-opening__posted", "opening_id", "id")[:300]
    cards = candidate_cards(entries)
    if cards:
        _log(request, cards, Action.LIST)
    by_opening = defaultdict(list)
    for card in cards:
        by_opening[card.entry.opening].append(card)
    return render(request, "matching/portal/candidates.html", portal_context(
        request, nav=NAV, openings=list(by_opening.items()), pending=Outcome.PENDING))


def _citizen_of(lookup):
    found = ShortlistEntry.objects.filter(pk=lookup["pk"]).values_list("case__citizen_id", "case_id").first()
    return found or (None, None)


@company_view
def candidate(request, pk):
    """One candidate; POST is the company's answer (accept for a conversation, or decline with a reason)."""
    entry = own_or_404(request, company_entries(request.company), pk=pk, citizen_of=_citizen_of,
                       reason=_("Kandidat %(pk)s er ikke sendt til virksomheden.") % {"pk": pk})
    form = CandidateAnswerForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                portal_services.candidate_answer(company_user=request.company_user, entry=entry,
                                                 **form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
                refusal_log(request, _("Svar på kandidat afvist: %(reasons)s") % {"reasons": messages_of(exc)},
                            citizen_id=entry.case.citizen_id, case_id=entry.case_id)
            else:
                if form.cleaned_data["answer"] == portal_services.ACCEPT:
                    messages.success(request, _("Tak. Jobformidleren kontakter jer for at aftale samtalen."))
                else:
                    messages.success(request, _("Tak for svaret. Kandidaten er afvist."))
                return redirect("virk:candidate", pk=entry.pk)
        else:
            refusal_log(request, _("Svar på kandidat afvist: %(reasons)s") % {
                "reasons": " ".join(str(e) for errors in form.errors.values() for e in errors)},
                citizen_id=entry.case.citizen_id, case_id=entry.case_id)
        entry.refresh_from_db()
    card = candidate_cards([entry])[0]
    _log(request, [card], Action.VIEW)
    return render(request, "matching/portal/candidate.html", portal_context(
        request, nav=NAV, card=card, form=form, pending=Outcome.PENDING), status=400 if form.errors else 200)
