"""Demo company users for `jobspor demo`: one user with every right at each of the companies with the most
running placements, so Virksomhedsindgang's demo login shows timer, aftaler and kandidater to work with."""

from django.contrib.auth.hashers import make_password
from django.db.models import Count, Exists, OuterRef, Q

from jobspor.accounts.models import User
from jobspor.companies.models import Company
from jobspor.jobs.choices import JobStatus
from jobspor.jobs.models import JobOpening

from .models import CompanyUser

DEMO_COMPANY_USERS = 12
WITH_OPEN_JOB = 4


def demo_extend(*, rng, today, fake, say):
    by_running = Company.objects.annotate(
        running=Count("placements", filter=Q(placements__status="active"))).order_by("-running", "pk")
    companies = list(by_running[:DEMO_COMPANY_USERS - WITH_OPEN_JOB])
    # A few with an open opening too, so the demo login has candidates to answer (demo_candidates), whatever
    # the day's mix of open and expired openings.
    open_job = Exists(JobOpening.objects.filter(company=OuterRef("pk"), status=JobStatus.OPEN))
    companies += list(by_running.filter(open_job).exclude(pk__in=[c.pk for c in companies])[:WITH_OPEN_JOB])
    companies += list(by_running.exclude(pk__in=[c.pk for c in companies])[:DEMO_COMPANY_USERS - len(companies)])
    unusable = make_password(None)
    made = 0
    for company in companies:
        name = fake.name()
        user = User.objects.create(username=f"virk-demo-{company.cvr}", first_name=name[:150], password=unusable)
        CompanyUser.objects.create(user=user, company=company, name=name, email=fake.company_email(),
                                   is_admin=True, can_sign=True, can_report_hours=True)
        made += 1
    from jobspor.matching.portal_demo import demo_candidates

    sent = demo_candidates(companies=companies, today=today)
    return [(made, "virksomhedsbruger", "virksomhedsbrugere"),
            (sent, "kandidat sendt til en demovirksomhed", "kandidater sendt til demovirksomheder")]
