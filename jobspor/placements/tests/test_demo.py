import datetime as dt

import pytest

from jobspor.demo.generator import demo_load
from jobspor.placements import services
from jobspor.placements.models import Placement, Signature, WeekHours
from jobspor.placements.selectors import mastered_flag_q, overdue_flag_q


@pytest.mark.django_db
def test_demo_placements_hours_follow_ups_and_flags():
    result = demo_load(cases=600, seed=5)
    today = dt.date.today()
    placements = Placement.objects.all()
    n = placements.count()
    assert n > 40 and (n, "virksomhedsforløb", "virksomhedsforløb") in result.extra
    assert placements.filter(agreement_signed_on__isnull=False).count() >= 0.8 * n
    assert Signature.objects.count() == 3 * placements.filter(agreement_signed_on__isnull=False).count()
    assert set(placements.values_list("status", flat=True)) == {"planned", "active", "ended"}
    assert placements.values("kind").distinct().count() >= 6
    assert WeekHours.objects.filter(ordinary_hours__gt=0).exists()
    assert placements.filter(mastered_flag_q(today)).exists()
    assert placements.filter(overdue_flag_q(today)).exists()
    # The denormalised flags agree with the services' own computation.
    for p in placements.filter(status="active")[:30]:
        before = (p.mastered_since, p.mastered_unconverted, p.last_ordinary_week, p.follow_up_due)
        services._refresh_flags(p)
        assert (p.mastered_since, p.mastered_unconverted, p.last_ordinary_week, p.follow_up_due) == before
    # Signed documents hash to what was signed.
    for p in placements.filter(agreement_signed_on__isnull=False)[:10]:
        agreement = p.agreements.get()
        assert agreement.content_hash == services.document_hash(agreement.document)
