import datetime as dt

import pytest

from jobspor.companies.services import contact_save
from jobspor.cv.services import cv_item_add
from jobspor.placements import services
from jobspor.testing.factories import make_case, make_company

TODAY = dt.date(2025, 6, 2)  # a Monday


@pytest.fixture
def case(job_broker):
    case = make_case(primary=job_broker, name="Jens Hansen", opened=dt.date(2025, 1, 10))
    for task in ("pakke varer", "rengøre lager"):
        cv_item_add(actor=None, citizen=case.citizen, kind="task", text=task)
    return case


@pytest.fixture
def company(db):
    return make_company(name="Nordlager ApS", postal_code="8210")


@pytest.fixture
def contact(company):
    return contact_save(actor=None, company=company, name="Mette Lund", role="Lagerchef", phone="20304050",
                        email="mette@nordlager.dk")


AGREEMENT = {"goal": "Ordinære timer som lagermedarbejder", "sub_goals": ["Møde stabilt tre dage om ugen"],
             "tasks": ["pakke varer", "rengøre lager"], "hours_per_week": 10, "accommodations": "Ingen tunge løft",
             "conversion": "Når en opgave mestres (8+), aflønnes den ordinært, først 2 timer om ugen.",
             "support": "Anne følger op hver 2. uge", "follow_up_weeks": 2, "contact_info": "Anne, 11223344",
             "start": dt.date(2025, 3, 3)}


@pytest.fixture
def placement(case, company, contact, job_broker):
    return services.placement_create(actor=job_broker.user, case=case, company=company, contact=contact,
                                     kind="virksomhedspraktik", purpose=1, start=dt.date(2025, 3, 3),
                                     title="Lagerhjælp", agreement=dict(AGREEMENT))


def sign_all(placement, actor, *, citizen="Jens Hansen", company="Mette Lund", jobcentre="Anne Holm"):
    agreement = services.current_agreement(placement)
    content_hash = services.agreement_hash(agreement)
    for role, name in (("borger", citizen), ("virksomhed", company), ("jobcenter", jobcentre)):
        services.agreement_sign(actor=actor, agreement=agreement, role=role, signer_name=name,
                                content_hash=content_hash)
    agreement.refresh_from_db()
    return agreement
