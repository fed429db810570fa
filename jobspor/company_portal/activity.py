"""Portal activity in the company's activity score (companies.activity): a company that posts openings itself and
answers the candidates it is sent is an active partner. 1 point per opening posted on Virksomhedsindgang (on top
of the point every opening gives, jobs.selectors.opening_points) and 1 point per candidate answered there, in the
score's window."""

import datetime as dt
from collections import Counter

from django.utils import timezone

from jobspor.audit.models import Event
from jobspor.matching.choices import MatchVerb

from .models import CompanyUser


def portal_points(company_ids, since: dt.date) -> Counter:
    from jobspor.jobs.models import PortalPosting

    start = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
    points = Counter(PortalPosting.objects.filter(opening__company_id__in=company_ids, posted_at__gte=start)
                     .values_list("opening__company_id", flat=True))
    company_of = dict(CompanyUser.objects.filter(company_id__in=company_ids).values_list("user_id", "company_id"))
    if company_of:
        for user_id in Event.objects.filter(verb=MatchVerb.SHORTLIST_OUTCOME, user_id__in=list(company_of),
                                            at__gte=start).values_list("user_id", flat=True):
            points[company_of[user_id]] += 1
    return points
