"""Min side: the citizen signs the plan version the jobformidler made ready, with their own MitID login (channel
"mitid"; the citizen's user is the actor). The version is looked up through request.citizen: anyone else's
answers 404, logged as refused."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobspor.citizen_portal.access import citizen_view
from jobspor.citizen_portal.ownership import own_or_404

from . import services
from .choices import DocumentKind, SigningChannel
from .forms import SignForm
from .models import SignableDocument


def _back():
    return reverse("minside:plan") + "#plan-signing"


@citizen_view
@require_POST
def plan_sign(request, doc_pk):
    doc = own_or_404(request, SignableDocument.objects.select_related("case__citizen")
                     .filter(pk=doc_pk, kind=DocumentKind.PLAN, case__citizen=request.citizen).first(),
                     what="plan til underskrift", pk=doc_pk)
    form = SignForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.document_sign(actor=request.user, doc=doc, signer_name=d["signer_name"],
                                   content_hash=d["content_hash"], confirmed=d["confirmed"],
                                   channel=SigningChannel.MITID)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Du har skrevet under på planen."))
        return redirect(_back())
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(_back())
