"""The company's own answer to a candidate on Virksomhedsindgang: accept for a conversation (outcome "Samtale") or
decline with a reason (outcome "Afvist af virksomhed"). It is recorded through shortlist_outcome, so it feeds the
same outcomes (and the company's acceptance history in the score, matching.history) as an outcome staff register;
the event names the company user. A candidate without consent in force cannot be accepted."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import Outcome
from .models import ShortlistEntry
from .portal_candidates import SHARED, consent_refusal, consent_states
from .services import shortlist_outcome

ACCEPT, DECLINE = "accept", "decline"


@transaction.atomic
def candidate_answer(*, company_user, entry, answer: str, reason: str = "") -> ShortlistEntry:
    entry = ShortlistEntry.objects.select_for_update().select_related("opening", "case").get(pk=entry.pk)
    if entry.opening.company_id != company_user.company_id or entry.sent_on is None:
        raise ValidationError(_("Kandidaten er ikke sendt til jeres virksomhed."))
    if entry.outcome != Outcome.PENDING:
        raise ValidationError(_("Der er allerede registreret et svar på kandidaten: %(outcome)s.")
                              % {"outcome": entry.get_outcome_display()})
    reason = " ".join((reason or "").split())
    if answer == ACCEPT:
        state, _consent = consent_states([entry.case.citizen_id])[entry.case.citizen_id]
        if state != SHARED:
            raise ValidationError(consent_refusal(state))
        outcome, note = Outcome.INTERVIEW, reason or _("Virksomheden vil gerne holde en samtale.")
    elif answer == DECLINE:
        if not reason:
            raise ValidationError({"reason": _("Skriv kort, hvorfor I siger nej til kandidaten.")})
        outcome, note = Outcome.DECLINED_BY_COMPANY, reason
    else:
        raise ValidationError(_("Vælg om I vil invitere kandidaten til samtale eller sige nej."))
    outcome_on = max(timezone.localdate(), entry.sent_on)
    return shortlist_outcome(actor=company_user.user, entry=entry, outcome=outcome, outcome_on=outcome_on,
                             note=note)
