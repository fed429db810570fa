"""What the three calculator pages share: the prefill, reading the form, computing, and the chart."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jobspor.core.forms import apply_service_errors

from .calculator import Situation, calculate
from .charts import income_chart
from .choices import ACTIVITY_READY_BENEFITS, BENEFIT_SCHEME, AgeBand, Category, Scheme
from .forms import CalculatorForm

NOT_MODELLED = [
    _("skat og AM-bidrag (alle beløb er før skat)"),
    _("ATP, feriepenge og pension"),
    _("boligstøtte og loftet over den"),
    _("ægtefælles eller samlevers indtægt og formue"),
    _("midlertidigt tilpasningstillæg og fritidstillæg"),
    _("hvad der sker med retten til hjælp, når du kan forsørge dig selv"),
]


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def age_band(age: int) -> str:
    return AgeBand.UNDER_25 if age < 25 else AgeBand.FROM_25_TO_29 if age < 30 else AgeBand.FROM_30


def initial_for(*, today: dt.date, case=None) -> dict:
    """The form's prefill: from the case's benefit and the citizen's age when there is a case (a suggestion — the
    user can change every field), otherwise kontanthjælp at the forhøjet sats."""
    initial = {"day": today, "hours_per_week": Decimal(10), "scheme": Scheme.KONTANTHJAELP,
               "category": Category.FORHOEJET}
    if case is None:
        return initial
    scheme = BENEFIT_SCHEME.get(case.benefit, Scheme.KONTANTHJAELP)
    age = age_on(case.citizen.birth_date, today)
    initial.update(scheme=scheme, age_band=age_band(age), activity_ready=case.benefit in ACTIVITY_READY_BENEFITS)
    if scheme != Scheme.KONTANTHJAELP:
        initial["category"] = Category.STANDARD
    elif case.benefit == "selvforsoergelses_og_hjemrejseydelse":
        initial["category"] = Category.MINDSTESATS  # the former ydelse for those without the residence requirement
    else:
        initial["category"] = Category.GRUNDSATS if age < 30 else Category.FORHOEJET
    return initial


def benefit_not_covered(case) -> bool:
    """The case's benefit has no scheme in the calculator (e.g. A-dagpenge): the page says it prefilled kontanthjælp."""
    return case is not None and case.benefit not in BENEFIT_SCHEME


def calculator(request, *, initial: dict) -> tuple[dict, int]:
    """The form (bound once the user has pressed Beregn) and, for sensible input, the result. Nothing is saved."""
    submitted = "hours_per_week" in request.GET
    form = CalculatorForm(request.GET if submitted else None, initial=initial)
    result = None
    if submitted and form.is_valid():
        try:
            result = calculate(Situation(**form.cleaned_data))
        except ValidationError as exc:
            apply_service_errors(form, exc)
    context = {"form": form, "result": result, "chart": income_chart(result.rows) if result else None,
               "not_modelled": NOT_MODELLED, "submitted": submitted}
    return context, 400 if form.errors else 200
