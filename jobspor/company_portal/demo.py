"""Demo company users for `jobspor demo`: one user with every right at each of the companies with the most
running placements, so Virksomhedsindgang's demo login shows timer, aftaler and kandidater to work with."""

from django.contrib.auth.hashers import make_password
from django.db.models import Count, Q

from jobspor.accounts.models import User
from jobspor.companies.models import Company

from .models import CompanyUser

DEMO_COMPANY_USERS = 12


def demo_extend(*, rng, today, fake, say):
    companies = list(Company.objects.annotate(
        running=Count("placements", filter=Q(placements__status="active"))).order_by("-running", "pk")
        [:DEMO_COMPANY_USERS])
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
