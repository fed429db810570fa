"""Objects named in a Min side URL are looked up through request.citizen. Anything else answers 404 — the same as
an id that does not exist, so nothing is revealed — and the attempt is in the access log as refused."""

from django.http import Http404

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action

from .access import OWN_PURPOSE


def own_or_404(request, obj, *, what: str, pk):
    """`obj` as looked up through request.citizen; None (another citizen's, or no such) is logged and a 404.
    Logged under the citizen's own purpose, so it stays out of "Hvem har set mine oplysninger"."""
    if obj is None:
        access_log_write(actor=request.user, action=Action.DENIED, purpose=OWN_PURPOSE,
                         citizen_ids=[request.citizen.pk], query=f"{what} {pk}"[:500], path=request.get_full_path())
        raise Http404
    return obj
