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


@register.inclusion_tag("signing/_portal_plan_panel.html", takes_context=True)
def citizen_plan_signing(context, case):
    """Min plan: the signed versions, and the version waiting for the citizen's signature (if it still reads as
    the plan does now). The page's own read is already logged."""
    from ..forms import SignForm
    from ..services import stale_reason

    versions = plan_versions(case=case) if case is not None else []
    pending = versions[0] if versions and not versions[0].signed and stale_reason(versions[0]) is None else None
    return {"versions": [v for v in versions if v.signed], "pending": pending, "case": case,
            "form": SignForm(initial={"content_hash": pending.content_hash}, auto_id="id_plan_%s") if pending else None,
            "csrf_token": context.get("csrf_token")}


@register.filter
def iso_day(value: str) -> str:
    """A frozen document's ISO date ("2026-02-01") read as Danish ("1.2.2026"); anything else as it is."""
    import datetime as dt

    try:
        day = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    return f"{day.day}.{day.month}.{day.year}"
