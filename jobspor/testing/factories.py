"""Test data builders shared by the test suites (factory_boy for rows, services for cases)."""

import datetime as dt
import itertools

import factory

from jobspor.accounts.models import User
from jobspor.cases.services import case_create
from jobspor.citizens.services import citizen_save
from jobspor.organisation.models import Department, Employee, Jobcentre, Team

PASSWORD = "test-password-123"
_cpr_serial = itertools.count(1000)


class JobcentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jobcentre

    name = "Jobcenter Test"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    jobcentre = factory.SubFactory(JobcentreFactory)
    name = factory.Sequence(lambda n: f"Afdeling {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    external_id = factory.Sequence(lambda n: f"T{n}")
    name = factory.Sequence(lambda n: f"Team {n}")
    department = factory.SubFactory(DepartmentFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruger{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    external_id = factory.Sequence(lambda n: f"E{n}")
    name = factory.Sequence(lambda n: f"Medarbejder {n}")
    team = factory.SubFactory(TeamFactory)
    roles = factory.LazyFunction(lambda: ["jobformidler"])
    user = factory.SubFactory(UserFactory)


def next_cpr(birth="010190", sex="M") -> str:
    """A valid CPR number (modulus 11 not required) for the given DDMMYY and sex."""
    serial = next(_cpr_serial) % 1000
    # 7th digit 0-3 means born 1900-1999 (stdnum's century rule), so keep the serial under 400.
    digits = f"{birth}{serial % 400:03d}"
    odd = sex == "M"
    final = 1 if odd else 2
    return digits + str(final)


def make_case(*, primary, name="Jens Hansen", birth="010190", sex="M", benefit="kontanthjaelp_aktivitetsparat",
              opened=dt.date(2025, 1, 10), postal_code="8210", **kwargs):
    citizen = citizen_save(actor=None, cpr=next_cpr(birth, sex), name=name, postal_code=postal_code,
                           address="Testvej 1")
    return case_create(actor=None, citizen=citizen, benefit=benefit, opened=opened, primary_employee=primary,
                       **kwargs)


# --- companies and job openings (jobspor.companies, jobspor.jobs) ----------------------------------------

_cvr_serial = itertools.count(1000001)


def next_cvr() -> str:
    """A CVR number that passes modulus 11 (weights 2 7 6 5 4 3 2 1)."""
    while True:
        digits = f"{next(_cvr_serial) % 10_000_000:07d}"
        if digits[0] == "0":
            continue
        check = -sum(w * int(d) for w, d in zip((2, 7, 6, 5, 4, 3, 2), digits, strict=True)) % 11
        if check < 10:
            return digits + str(check)


def make_company(*, owner=None, name="Nordlager ApS", industry="521000", postal_code="8700", actor=None, **fields):
    from jobspor.companies.services import company_save

    return company_save(actor=actor, cvr=fields.pop("cvr", None) or next_cvr(), name=name, industry=industry,
                        sector=fields.pop("sector", "privat"), postal_code=postal_code, owner=owner, **fields)


def make_job(*, company, title="Lagerhjælp", kind="smaajob", hours_per_week=8, posted=dt.date(2025, 3, 1),
             actor=None, **fields):
    from jobspor.jobs.services import job_save

    return job_save(actor=actor, company=company, title=title, kind=kind, hours_per_week=hours_per_week,
                    posted=posted, **fields)
def make_contact(*, case, employee=None, date=None, kind="jobsamtale", note="Jobsamtale afholdt.", **kwargs):
    """A contact on the case (through the service), by its primary contact unless `employee` is given."""
    from jobspor.cases.models import CaseStaff
    from jobspor.contacts.services import contact_log
    employee = employee or CaseStaff.objects.get(case=case, is_primary=True).employee
    return contact_log(actor=None, case=case, employee=employee, date=date or case.opened, kind=kind, note=note,
                       **kwargs)
def make_action(*, case, owner=None, title="Ring til virksomheden", due=None):
    from jobspor.cases.models import CaseStaff
    from jobspor.contacts.services import action_plan
    owner = owner or CaseStaff.objects.get(case=case, is_primary=True).employee
    return action_plan(actor=None, case=case, title=title, owner=owner, due=due or case.opened)
def make_effort(*, case, sector="misbrugscenter", status="i_gang", **kwargs):
    from jobspor.efforts.services import effort_save
    return effort_save(actor=None, case=case, sector=sector, status=status, **kwargs)


def make_cv(*, case, tasks=(), competencies=(), job_goals=(), driving_licence=(), max_commute_km=None,
            hours_per_week=None, created=None):
    """A CV for the case's citizen (through cv_replace, as an import would write it)."""
    from jobspor.cv.services import cv_replace
    created = created or case.opened
    return cv_replace(actor=None, citizen=case.citizen, created=created, tasks=list(tasks),
                      competencies=list(competencies), driving_licence=list(driving_licence),
                      job_goals=[{"title": t, "created": created} for t in job_goals],
                      max_commute_km=max_commute_km, hours_per_week=hours_per_week)


# --- portals (jobspor.citizen_portal, jobspor.company_portal) ---------------------------------------------

def citizen_login(client, citizen):
    """Log `client` in on Min side as `citizen` (the session MitID would start; the SAML flow itself is tested in
    jobspor/portal/saml/tests). Returns the citizen's user."""
    from jobspor.citizen_portal.services import citizen_user_for
    user = citizen_user_for(citizen)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return user


def make_company_user(*, company, name="Birthe Virksomhed", is_admin=True, can_sign=True, can_report_hours=True,
                      **fields):
    from jobspor.company_portal.services import company_user_for
    return company_user_for(company=company, name=name, is_admin=is_admin, can_sign=can_sign,
                            can_report_hours=can_report_hours, **fields)


def company_login(client, company_user):
    """Log `client` in on Virksomhedsindgang as this company user (the session MitID Erhverv would start)."""
    client.force_login(company_user.user, backend="django.contrib.auth.backends.ModelBackend")
    return company_user.user
