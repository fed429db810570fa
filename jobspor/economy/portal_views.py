"""The calculator on Min side (prefilled from the citizen's own case) and in Virksomhedsindgang (no citizen's data)."""

from django.shortcuts import render
from django.utils import timezone

from jobspor.citizen_portal.access import citizen_view, log_own_read
from jobspor.citizen_portal.access import portal_context as citizen_context
from jobspor.citizen_portal.services import current_case
from jobspor.company_portal.access import company_view
from jobspor.company_portal.access import portal_context as company_context

from .page import benefit_not_covered, calculator, initial_for


@citizen_view
def minside_economy(request):
    """Ordinære timer og min økonomi: the citizen's own case gives the benefit; the read is logged as their own."""
    case = current_case(request.citizen)
    if case is not None:
        case.citizen = request.citizen
    context, status = calculator(request, initial=initial_for(today=timezone.localdate(), case=case))
    log_own_read(request, case_ids=[case.pk] if case else None)
    return render(request, "economy/minside.html", citizen_context(
        request, nav="economy", case=case, not_covered=benefit_not_covered(case), **context),
                  status=status)


@company_view
def virk_economy(request):
    """Hvad giver ordinære timer borgeren? The same calculator with no citizen behind it: nothing to log."""
    context, status = calculator(request, initial=initial_for(today=timezone.localdate()))
    return render(request, "economy/virk.html", company_context(request, nav="economy", **context), status=status)
