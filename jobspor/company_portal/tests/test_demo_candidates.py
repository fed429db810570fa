"""`jobspor demo` gives the demo company users candidates to answer on Virksomhedsindgang."""

from django.urls import reverse

from jobspor.company_portal.models import CompanyUser
from jobspor.demo.tests.test_demo import run_demo
from jobspor.matching import index
from jobspor.matching.choices import Outcome
from jobspor.matching.models import ShortlistEntry
from jobspor.testing.factories import company_login


def test_demo_company_users_have_candidates_awaiting_an_answer(client, db):
    # This process has an index of the empty database, as after an earlier test (the demo lifts the triggers that
    # would tell it of the new rows: it must build anew, not use this one).
    index.reset()
    index.build(store=False)
    run_demo("--cases", "200")
    waiting = ShortlistEntry.objects.filter(opening__company__portal_users__isnull=False, sent_on__isnull=False,
                                            outcome=Outcome.PENDING)
    assert waiting.exists()
    link = CompanyUser.objects.filter(company=waiting.first().opening.company).first()
    company_login(client, link)
    page = client.get(reverse("virk:candidates")).content.decode()
    assert "Venter på jeres svar" in page
