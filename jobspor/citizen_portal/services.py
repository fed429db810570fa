"""Min side's services: the citizen's login, their current case and their consent to share with companies."""

from django.contrib.auth import get_user_model
from django.db import transaction

from jobspor.audit.services import event_record
from jobspor.cases.models import Case
from jobspor.citizens.models import Citizen

from .models import CandidateConsent, CitizenUser


@transaction.atomic
def citizen_user_for(citizen: Citizen):
    """The login of a citizen, made at their first login. It has no password: only MitID (or, in `make run`,
    the demo login) starts a session for it."""
    link = CitizenUser.objects.select_related("user").filter(citizen=citizen).first()
    if link is not None:
        return link.user
    user = get_user_model()(username=f"borger-{citizen.pk}", first_name=citizen.name[:150])
    user.set_unusable_password()
    user.save()
    CitizenUser.objects.create(user=user, citizen=citizen)
    event_record(actor=user, verb="portal_user_created", target=user, citizen_id=citizen.pk)
    return user


def citizen_for_cpr(cpr: str) -> Citizen | None:
    """The citizen a MitID login's CPR number names; None when the jobcentre has no such citizen."""
    return Citizen.objects.filter(cpr=cpr).first()


def current_case(citizen: Citizen) -> Case | None:
    """The case Min side shows: the open case (the newest if several), else the newest closed one."""
    return (Case.objects.filter(citizen=citizen).select_related("team")
            .order_by("closed", "-opened", "-pk").first())


def consent_current(citizen: Citizen) -> CandidateConsent | None:
    """The consent in force (the newest row); None means nothing may be shared."""
    return CandidateConsent.objects.filter(citizen=citizen).order_by("-given_at", "-id").first()


@transaction.atomic
def consent_record(*, citizen: Citizen, actor, share_name: bool, share_tasks: bool, share_hours: bool,
                   on_behalf: bool = False, note: str = "") -> CandidateConsent:
    """Record a new consent (or its withdrawal: all False). Takes effect at once; earlier rows are kept."""
    before = consent_current(citizen)
    consent = CandidateConsent(citizen=citizen, share_name=share_name, share_tasks=share_tasks,
                               share_hours=share_hours, recorded_by=actor if getattr(actor, "pk", None) else None,
                               on_behalf=on_behalf, note=note)
    consent.full_clean()
    consent.save()
    shown = ("share_name", "share_tasks", "share_hours")
    event_record(actor=actor, verb="consent_recorded", target=consent, citizen_id=citizen.pk,
                 case_id=getattr(current_case(citizen), "pk", None),
                 before={k: getattr(before, k) for k in shown} if before else None,
                 after={k: getattr(consent, k) for k in shown} | ({"note": note} if note else {}))
    return consent
