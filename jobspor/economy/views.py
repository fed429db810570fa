"""The calculator on the case (for the conversation with the citizen): checked and logged like every case page."""

from django.shortcuts import render
from django.utils import timezone

from jobspor.cases import selectors as case_selectors

from .page import benefit_not_covered, calculator, initial_for

PURPOSE = "Økonomiberegning: ordinære timer og ydelse"


def case_economy(request, pk):
    case = case_selectors.case_get(user=request.user, pk=pk, path=request.path, purpose=PURPOSE)
    context, status = calculator(request, initial=initial_for(today=timezone.localdate(), case=case))
    return render(request, "economy/case.html", {"case": case, "nav": "cases", **context,
                                                 "not_covered": benefit_not_covered(case)}, status=status)
