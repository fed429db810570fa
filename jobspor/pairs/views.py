"""Makkerskab: my makkere and our shared agenda; the share of first conversations held jointly (a measure)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.cases.models import Case
from jobspor.organisation.models import Team
from jobspor.organisation.selectors import employee_for_user
from jobspor.sparring.selectors import teams_for

from . import selectors

QUARTERS = 4


def quarters(today: dt.date, n=QUARTERS) -> list[tuple[str, dt.date, dt.date]]:
    """The current calendar quarter and the n-1 before it, oldest first: (label, first day, last day)."""
    out = []
    year, q = today.year, (today.month - 1) // 3
    for _i in range(n):
        start = dt.date(year, q * 3 + 1, 1)
        end = dt.date(year + (q == 3), (q * 3 + 3) % 12 + 1, 1) - dt.timedelta(days=1)
        out.append((_("%(q)d. kvt. %(year)d") % {"q": q + 1, "year": year}, start, end))
        year, q = (year - 1, 3) if q == 0 else (year, q - 1)
    return out[::-1]


def _share(pair, label):
    """A quarter's cell; `label` names the quarter where the table stacks its cells (a phone)."""
    joint, total = pair
    return {"joint": joint, "total": total, "pct": round(100 * joint / total) if total else None, "label": label}


def pairs_page(request):
    employee = employee_for_user(request.user)
    in_pair = employee is not None and any(employee.has_role(r) for r in ("jobformidler", "myndighedssagsbehandler"))
    if employee is None or not (employee.sees_team_cases or employee.is_manager):
        raise PermissionDenied
    today = timezone.localdate()
    periods = quarters(today)
    context = {"nav": "pairs", "periods": periods, "in_pair": in_pair, "days": selectors.AGENDA_DAYS}
    if in_pair:
        partners = selectors.partners_of(employee)
        chosen = request.GET.get("makker", "")
        partner = next((p for p, _n in partners if str(p.pk) == chosen), partners[0][0] if partners else None)
        context.update(partners=partners, partner=partner)
        if partner is not None:
            context["agenda"] = selectors.shared_agenda(user=request.user, employee=employee, partner=partner,
                                                        today=today, path=request.get_full_path())
        mine = Case.objects.filter(staff__employee=employee, staff__role__in=("jobformidler",
                                                                               "myndighedssagsbehandler"))
        context["mine"] = [_share(selectors.first_conversations(s, e, cases=mine)[None], label)
                           for label, s, e in periods]
    teams = list(teams_for(employee)) if employee.is_manager else \
        list(Team.objects.filter(pk=employee.team_id)) if employee.team_id else []
    by_period = [selectors.first_conversations(s, e, teams=teams, by="team_id")
                 for _l, s, e in periods]
    context["teams"] = [(team, [_share(p.get(team.pk, (0, 0)), label) for p, (label, _s, _e) in zip(
        by_period, periods, strict=True)]) for team in teams]
    return render(request, "pairs/pairs.html", context)
