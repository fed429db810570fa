"""The plan tab's panel of signed plan versions (the case page has checked and logged the look at the case).
Not for a mentor on the case: the signing pages are for those who see the whole case."""

from django import template

from jobspor.cases.permissions import sees_full_case
from jobspor.organisation.selectors import employee_for_user

from ..selectors import plan_versions

register = template.Library()


@register.inclusion_tag("signing/_plan_panel.html", takes_context=True)
def plan_signing_panel(context, case, can_edit_plan):
    request = context.get("request")
    shown = request is not None and sees_full_case(employee_for_user(request.user), case)
    return {"shown": shown, "case": case, "versions": plan_versions(case=case) if shown else [],
            "can_edit_plan": can_edit_plan, "csrf_token": context.get("csrf_token")}
