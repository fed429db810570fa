"""Demo: a few plans frozen and signed by the citizen on the jobformidler's device, so the Plan tab and the
signing pages show signed versions with their hash (see jobspor.demo.generator.demo_extensions)."""

import datetime as dt

from django.utils import timezone

from jobspor.plans.models import Plan

from .choices import DocumentKind, SigningChannel
from .hashing import document_hash
from .models import DocumentSignature, SignableDocument
from .services import plan_document

SIGNED_PLANS = 25


def demo_extend(*, rng, today, fake, say):
    plan_ids = list(Plan.objects.filter(case__closed__isnull=True, sub_goals__isnull=False).distinct()
                    .order_by("pk").values_list("pk", flat=True))
    chosen = sorted(rng.sample(plan_ids, k=min(SIGNED_PLANS, len(plan_ids))))
    plans = list(Plan.objects.filter(pk__in=chosen).select_related("case__citizen")
                 .prefetch_related("sub_goals__owner"))
    docs, signatures = [], []
    for plan in plans:
        document = plan_document(plan)
        docs.append(SignableDocument(case=plan.case, kind=DocumentKind.PLAN, version=1,
                                     title=f"Plan: {plan.get_goal_display()}", document=document,
                                     content_hash=document_hash(document)))
    SignableDocument.objects.bulk_create(docs)
    tz = timezone.get_current_timezone()
    for doc, plan in zip(docs, plans, strict=True):
        day = min(today, plan.made + dt.timedelta(days=rng.randint(0, 3)))
        signatures.append(DocumentSignature(
            document=doc, signer_name=plan.case.citizen.name, content_hash=doc.content_hash,
            channel=SigningChannel.DEVICE,
            signed_at=dt.datetime.combine(day, dt.time(rng.randint(9, 14), rng.choice([0, 15, 30, 45])), tzinfo=tz)))
    DocumentSignature.objects.bulk_create(signatures)
    return [(len(signatures), "underskrevet plan", "underskrevne planer")]
