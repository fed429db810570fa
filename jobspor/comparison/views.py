"""Ledelsesinfo → Sammenligning: a group's results beside a comparison group, with the difference and its 95 %
interval. Leaders only (like the other leader pages); counts, no citizen data."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from jobspor.kpi.selectors import measure_label
from jobspor.organisation.selectors import employee_for_user

from . import services
from .forms import ComparisonForm


def _label(query, kind_label=""):
    from jobspor.organisation.models import Team

    teams = query.team_ids
    unit = _("Hele jobcentret") if teams is None else \
        ", ".join(Team.objects.filter(pk__in=teams).order_by("name").values_list("name", flat=True)) \
        if len(teams) <= 3 else _("%(n)d teams") % {"n": len(teams)}
    return f"{unit} · {query.start:%d.%m.%Y}–{query.end:%d.%m.%Y}"


def comparison(request):
    employee = employee_for_user(request.user)
    if employee is None or not employee.is_manager:
        raise PermissionDenied
    form = ComparisonForm(request.GET or None)
    context = {"form": form, "nav": "kpi"}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        mine, other = services.groups(start=data["start"], end=data["end"], team=data["team"], kind=data["kind"],
                                      other_team=data["other_team"], target_group=data["target_group"],
                                      fsm_group=data["fsm_group"])
        rows, n1, n2 = services.compare(mine, other)
        context.update(rows=[(measure_label(r.key), r) for r in rows], n1=n1, n2=n2,
                       mine_label=_label(mine), other_label=_label(other), done=True)
        if not n1:
            context["empty"] = _("Gruppen har ingen sager i perioden, så der er intet at sammenligne.")
        elif not n2:
            context["empty"] = _("Sammenligningsgruppen har ingen sager i perioden, så der er intet at "
                                 "sammenligne. Vælg en anden gruppe eller periode.")
    return render(request, "comparison/comparison.html", context, status=400 if form.errors else 200)
