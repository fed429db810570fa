"""A company user's refused request is logged in the access log (action "denied"), with the company as the
organisation (audit.services.actor_unit): another CVR's id, input the rules refuse, a candidate whose consent was
withdrawn. When the refusal concerns a citizen (a candidate), the row names that citizen, so it shows in their
"Hvem har set mine oplysninger"; otherwise it names no one.

`own_or_404` is how a portal view looks up an object: through request.company; anything else is a 404, logged."""

from django.core.exceptions import ValidationError
from django.http import Http404

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action

PURPOSE = "Virksomhedsindgang: afvist"


def refusal_log(request, reason: str, *, citizen_id=None, case_id=None) -> None:
    access_log_write(actor=request.user, action=Action.DENIED, purpose=PURPOSE, query=str(reason)[:500],
                     citizen_ids=[citizen_id] if citizen_id else [], case_ids=[case_id] if citizen_id else None,
                     path=request.get_full_path())


def messages_of(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


def own_or_404(request, queryset, *, reason: str, citizen_of=None, **lookup):
    """The object among the company's own (`queryset` is already filtered by request.company); else 404 and the
    attempt logged. `citizen_of(lookup)` → (citizen_id, case_id) names the citizen concerned, if any."""
    found = queryset.filter(**lookup).first()
    if found is None:
        citizen_id, case_id = citizen_of(lookup) if citizen_of else (None, None)
        refusal_log(request, reason, citizen_id=citizen_id, case_id=case_id)
        raise Http404(reason)
    return found
