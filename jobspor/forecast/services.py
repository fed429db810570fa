"""Writes of forecasts: a new recording replaces the current one (the old one stays as history)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.audit.services import event_record
from jobspor.cases.permissions import can_change_case
from jobspor.organisation.selectors import employee_for_user

from .choices import Outcome, Risk
from .models import Forecast


def _snapshot(forecast: Forecast | None) -> dict | None:
    if forecast is None:
        return None
    return {"outcome": forecast.outcome, "expected_date": forecast.expected_date, "risk": forecast.risk,
            "next_action": forecast.next_action, "action_due": forecast.action_due,
            "action_done": forecast.action_done}


def _validate(*, outcome, expected_date, risk, next_action, action_due, today):
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Vælg det forventede udfald.")
    if risk not in Risk.values:
        errors["risk"] = _("Vælg risikoen.")
    if expected_date is None:
        errors["expected_date"] = _("Angiv den forventede dato.")
    elif expected_date < today:
        errors["expected_date"] = _("Den forventede dato kan ikke ligge i fortiden.")
    if not (next_action or "").strip():
        errors["next_action"] = _("Skriv den næste konkrete handling.")
    if action_due is None:
        errors["action_due"] = _("Den næste handling skal have en frist.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def forecast_record(*, actor, case, outcome, expected_date, risk, next_action, action_due,
                    today: dt.date | None = None) -> Forecast:
    """Record a new current forecast for the case. Staff who may change the case may do it (mentors may not)."""
    employee = employee_for_user(actor)
    if actor is not None and not can_change_case(employee, case):
        raise PermissionDenied
    today = today or timezone.localdate()
    _validate(outcome=outcome, expected_date=expected_date, risk=risk, next_action=next_action,
              action_due=action_due, today=today)
    previous = Forecast.objects.select_for_update().filter(case=case, is_current=True).first()
    if previous is not None:
        Forecast.objects.filter(pk=previous.pk).update(is_current=False)
    forecast = Forecast(case=case, outcome=outcome, expected_date=expected_date, risk=risk,
                        next_action=next_action.strip(), action_due=action_due, recorded_by=employee,
                        is_current=True)
    forecast.stamp(actor)
    forecast.save()
    event_record(actor=actor, verb="forecast_record", target=forecast, before=_snapshot(previous),
                 after=_snapshot(forecast), citizen_id=case.citizen_id, case_id=case.pk)
    return forecast


@transaction.atomic
def forecast_action_done(*, actor, forecast: Forecast) -> Forecast:
    """Mark the current forecast's next action as done."""
    if actor is not None and not can_change_case(employee_for_user(actor), forecast.case):
        raise PermissionDenied
    if not forecast.is_current:
        raise ValidationError(_("Kun den gældende prognoses handling kan markeres som udført."))
    before = _snapshot(forecast)
    forecast.action_done = True
    forecast.stamp(actor)
    forecast.save(update_fields=["action_done", "updated_at", "updated_by"])
    event_record(actor=actor, verb="forecast_action_done", target=forecast, before=before,
                 after=_snapshot(forecast), citizen_id=forecast.case.citizen_id, case_id=forecast.case_id)
    return forecast
