import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.audit.services import event_record
from jobspor.audit.verbs import Verb
from jobspor.cases.services import case_update

from .models import Assessment
from .questionnaire import AREAS, Suggestion, suggest


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def suggestion_for_case(*, case, answers: dict, today: dt.date | None = None) -> Suggestion:
    today = today or timezone.localdate()
    years = None
    if case.public_support_since:
        years = (today - case.public_support_since).days / 365.25
    return suggest(answers, age=age_on(case.citizen.birth_date, today), years_on_support=years)


@transaction.atomic
def assessment_complete(*, actor, case, answers: dict, chosen_group: int, override_reason: str = "",
                        fsm_group=None, note: str = "") -> Assessment:
    """Record an assessment; the chosen group becomes the case's target group.
    A choice that differs from the suggestion needs a written reason."""
    missing = [a for a in AREAS if a not in answers]
    if missing:
        raise ValidationError(_("Besvar alle områder i vurderingen."))
    suggestion = suggestion_for_case(case=case, answers=answers)
    override_reason = (override_reason or "").strip()
    if int(chosen_group) != suggestion.group and not override_reason:
        raise ValidationError({"override_reason": _(
            "Du har valgt en anden hovedmålgruppe end forslaget (%(group)s). Skriv hvorfor.")
            % {"group": suggestion.group}})
    assessment = Assessment.objects.create(
        case=case, assessed_by=actor if getattr(actor, "pk", None) else None, answers=answers, note=note or "",
        suggested_group=suggestion.group, suggestion_reasons=suggestion.reasons, chosen_group=int(chosen_group),
        override_reason=override_reason if int(chosen_group) != suggestion.group else "", fsm_group=fsm_group,
    )
    event_record(actor=actor, verb=Verb.ASSESSMENT_COMPLETED, target=assessment, citizen_id=case.citizen_id,
                 case_id=case.pk, after={"suggested_group": suggestion.group, "chosen_group": int(chosen_group),
                                         "override": int(chosen_group) != suggestion.group})
    changes = {"target_group": int(chosen_group)}
    if fsm_group is not None:
        changes["fsm_group"] = fsm_group
    case_update(actor=actor, case=case, **changes)
    return assessment
