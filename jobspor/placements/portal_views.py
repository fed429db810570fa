"""Min side: "Mine timer og aftaler" — the citizen's own placements week by week, the work agreements as PDF, and
signing an agreement with their own MitID login.

Every object is looked up through request.citizen: another citizen's placement id is a 404, and the attempt is
written to the access log (action "denied") under the citizen it belongs to."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.citizen_portal.access import citizen_view, log_own_read, portal_context
from jobspor.core.forms import Form

from . import services
from .choices import PlacementStatus, SignatureChannel, SignerRole
from .models import Placement, Signature, WeekHours, WorkAgreement

PURPOSE_PORTAL = "Borgerens timer og aftaler på Min side"


def _refuse_other(request, placement_pk):
    """Another citizen's (or no) placement: 404, and the attempt logged under the citizen it belongs to."""
    other = Placement.objects.filter(pk=placement_pk).values_list("case__citizen_id", "case_id").first()
    if other is not None:
        access_log_write(actor=request.user, action=Action.DENIED, purpose=PURPOSE_PORTAL, citizen_ids=[other[0]],
                         case_ids=[other[1]], path=request.get_full_path())
    raise Http404


def own_placement(request, placement_pk) -> Placement:
    placement = (Placement.objects.select_related("case__citizen", "company", "contact", "workplace")
                 .filter(pk=placement_pk, case__citizen=request.citizen).first())
    if placement is None:
        _refuse_other(request, placement_pk)
    return placement


def waiting_for_citizen(placement, agreement) -> bool:
    """The agreement is the placement's current version, made in Jobspor, and the citizen has not signed it."""
    return (agreement is not None and not agreement.imported and agreement.signed_on is None
            and placement.status != PlacementStatus.ENDED
            and all(s.role != SignerRole.CITIZEN for s in agreement.signatures.all()))


def citizen_placements(citizen) -> list[Placement]:
    """The citizen's placements (all their cases), newest first, with hours, agreement versions and signatures."""
    agreements = WorkAgreement.objects.order_by("-version").prefetch_related(
        Prefetch("signatures", queryset=Signature.objects.order_by("signed_at", "id")))
    placements = list(Placement.objects.filter(case__citizen=citizen)
                      .select_related("company", "contact", "workplace")
                      .prefetch_related(Prefetch("hours", queryset=WeekHours.objects.order_by("-week")),
                                        Prefetch("agreements", queryset=agreements))
                      .order_by("-start", "-id"))
    for p in placements:
        p.weeks = list(p.hours.all())
        p.totals = {"internship": sum(h.internship_hours for h in p.weeks),
                    "ordinary": sum(h.ordinary_hours for h in p.weeks)}
        p.versions = list(p.agreements.all())
        p.current_agreement = p.versions[0] if p.versions else None
        p.waiting = waiting_for_citizen(p, p.current_agreement)
    return placements


@citizen_view
def hours(request):
    """Mine timer og aftaler."""
    placements = citizen_placements(request.citizen)
    log_own_read(request, case_ids=sorted({p.case_id for p in placements}) or None)
    return render(request, "placements/portal_hours.html", portal_context(
        request, nav="hours", placements=placements, waiting=[p for p in placements if p.waiting]))


def _version(placement, version) -> WorkAgreement:
    agreement = (WorkAgreement.objects.filter(placement=placement, version=version)
                 .prefetch_related(Prefetch("signatures", queryset=Signature.objects.order_by("signed_at", "id")))
                 .first())
    if agreement is None:
        raise Http404
    agreement.placement = placement
    return agreement


@citizen_view
def agreement_pdf(request, placement_pk, version):
    """My work agreement (one version) as the same PDF staff print."""
    from .pdf import html_to_pdf

    placement = own_placement(request, placement_pk)
    agreement = _version(placement, version)
    log_own_read(request, case_ids=[placement.case_id])
    html = render_to_string("placements/agreement_pdf.html", {
        "placement": placement, "agreement": agreement, "doc": services.agreement_document(agreement),
        "hash": services.agreement_hash(agreement), "signatures": list(agreement.signatures.all()),
        "printed": timezone.localtime()})
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="arbejdsaftale-{placement.external_id}-v{version}.pdf"'
    return response


class CitizenSignForm(Form):
    """The citizen signs with the login they are in (MitID): no name to type, only the hash of the document they
    were shown and their explicit yes."""

    content_hash = forms.CharField(widget=forms.HiddenInput, max_length=64)
    agree = forms.BooleanField(label=gettext_lazy("Jeg har læst arbejdsaftalen og er enig i den"), error_messages={
        "required": gettext_lazy("Sæt kryds for at bekræfte, at du har læst aftalen og er enig.")})


@citizen_view
def agreement_sign(request, placement_pk):
    """Read the current agreement and sign it as the citizen, with MitID (the login of this session)."""
    placement = own_placement(request, placement_pk)
    current = services.current_agreement(placement)
    if current is None:
        raise Http404
    agreement = _version(placement, current.version)
    if not waiting_for_citizen(placement, agreement):
        messages.info(request, _("Der er ingen arbejdsaftale, der venter på din underskrift."))
        return redirect("minside:hours")
    content_hash = services.agreement_hash(agreement)
    form = CitizenSignForm(request.POST if request.method == "POST" else None,
                           initial={"content_hash": content_hash})
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_sign(actor=request.user, agreement=agreement, role=SignerRole.CITIZEN,
                                    signer_name=request.citizen.name, content_hash=form.cleaned_data["content_hash"],
                                    channel=SignatureChannel.MITID)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            # Show what is there now (a newer version, a changed document), to read and sign again.
            current = services.current_agreement(placement)
            agreement = _version(placement, current.version)
            content_hash = services.agreement_hash(agreement)
            form.data = form.data.copy()
            form.data["content_hash"] = content_hash
        else:
            messages.success(request, _("Du har skrevet under på arbejdsaftalen med dit MitID."))
            return redirect(reverse("minside:hours") + f"#forloeb-{placement.pk}")
    log_own_read(request, case_ids=[placement.case_id])
    return render(request, "placements/portal_sign.html", portal_context(
        request, nav="hours", placement=placement, agreement=agreement, hash=content_hash, form=form,
        doc=services.agreement_document(agreement)), status=400 if form.errors else 200)
