import pytest

from jobspor.matching import bounds, vocabulary
from jobspor.testing.factories import EmployeeFactory, make_case, make_company, make_cv, make_job


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    vocabulary.reset()
    bounds.reset()
    yield
    vocabulary.reset()
    bounds.reset()


@pytest.fixture
def consultant(team):
    return EmployeeFactory(name="Kim Konsulent", team=team, roles=["virksomhedskonsulent"], user__username="kim")


@pytest.fixture
def world(job_broker):
    """A warehouse small job in Horsens (8700) and four citizens: two fit, one too far, one without licence."""
    company = make_company(name="Nordlager ApS", postal_code="8700")
    job = make_job(company=company, title="Lagerhjælp", external_id="J1", tasks=["pakke varer", "plukke ordrer",
                   "køre truck"], hours_per_week=8, postal_code="8700", driving_licence="B")
    good = make_case(primary=job_broker, name="Ali Hansen", postal_code="8700", external_id="S1")
    make_cv(case=good, tasks=["pakke varer", "plukning af ordrer"], job_goals=["Lagermedarbejder"],
            driving_licence=["B"], max_commute_km=20, hours_per_week=10)
    ok = make_case(primary=job_broker, name="Bente Jensen", postal_code="7100", external_id="S2")
    make_cv(case=ok, tasks=["pakke varer"], driving_licence=["B"], max_commute_km=40, hours_per_week=5)
    far = make_case(primary=job_broker, name="Carl Far", postal_code="9000", external_id="S3")
    make_cv(case=far, tasks=["pakke varer", "plukke ordrer", "køre truck"], driving_licence=["B"], max_commute_km=10,
            hours_per_week=20)
    nolicence = make_case(primary=job_broker, name="Dorte Uden", postal_code="8700", external_id="S4")
    make_cv(case=nolicence, tasks=["pakke varer", "plukke ordrer", "køre truck"], hours_per_week=20)
    return {"company": company, "job": job, "good": good, "ok": ok, "far": far, "nolicence": nolicence}
