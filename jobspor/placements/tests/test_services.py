import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from jobspor.audit.models import Event
from jobspor.companies.services import contact_save
from jobspor.cv.models import CvExperience, CvStatement
from jobspor.placements import services
from jobspor.placements.models import Placement, Signature, WeekHours, WorkAgreement
from jobspor.placements.selectors import flags_of, mastered_flag_q, overdue_flag_q
from jobspor.testing.factories import make_company

from .conftest import AGREEMENT, sign_all


def test_create_makes_an_active_placement_with_its_first_agreement_version(placement, job_broker):
    assert placement.status == "active"  # started in the past: active at once
    agreement = services.current_agreement(placement)
    assert agreement.version == 1 and agreement.tasks == ["pakke varer", "rengøre lager"]
    assert agreement.hours_per_week == Decimal("10.0")
    assert Event.objects.filter(verb="placement_created", case_id=placement.case_id).exists()
    assert Event.objects.filter(verb="placement_started", case_id=placement.case_id).exists()


def test_a_future_placement_is_planned_and_starts_only_through_the_service(case, company, contact, job_broker):
    future = dt.date.today() + dt.timedelta(days=10)
    placement = services.placement_create(actor=None, case=case, company=company, contact=contact,
                                          kind="ordinaere_timer", start=future)
    assert placement.status == "planned"
    with pytest.raises(ValidationError, match="fremtiden"):
        services.placement_start(actor=None, placement=placement, on=future)
    placement = services.placement_start(actor=None, placement=placement)
    assert placement.status == "active" and placement.start == dt.date.today()
    with pytest.raises(ValidationError, match="Kun et planlagt"):
        services.placement_start(actor=None, placement=placement)


@pytest.mark.parametrize("change, field, message", [
    ({"contact": None}, "contact", "fast kontaktperson"),
    ({"planned_end": dt.date(2025, 2, 1)}, "planned_end", "slutte, før det starter"),
    ({"purpose": None}, "purpose", "formålet med praktikken"),
    ({"kind": "ordinaere_timer"}, "purpose", "Kun en virksomhedspraktik"),
])
def test_bad_placements_give_danish_errors_and_save_nothing(case, company, contact, change, field, message):
    kwargs = {"case": case, "company": company, "contact": contact, "kind": "virksomhedspraktik", "purpose": 1,
              "start": dt.date(2025, 3, 3)} | change
    with pytest.raises(ValidationError) as exc:
        services.placement_create(actor=None, agreement=dict(AGREEMENT), **kwargs)
    assert message in " ".join(exc.value.message_dict[field])
    assert not Placement.objects.exists() and not WorkAgreement.objects.exists()


def test_a_contact_from_another_company_is_refused(case, company):
    other = make_company(name="Sydlager A/S")
    stranger = contact_save(actor=None, company=other, name="Ole Sørensen")
    with pytest.raises(ValidationError) as exc:
        services.placement_create(actor=None, case=case, company=company, contact=stranger,
                                  kind="ordinaere_timer", start=dt.date(2025, 3, 3))
    assert "anden virksomhed" in exc.value.message_dict["contact"][0]
    assert not Placement.objects.exists()


def test_ending_before_start_is_refused(placement):
    with pytest.raises(ValidationError) as exc:
        services.placement_end(actor=None, placement=placement, end=dt.date(2025, 3, 1),
                               end_reason="ordinaer_beskaeftigelse")
    assert "før det starter" in exc.value.message_dict["end"][0]
    placement.refresh_from_db()
    assert placement.status == "active" and placement.end is None


def test_ending_writes_the_placement_and_the_statement_on_the_cv(placement, job_broker):
    services.placement_end(actor=job_broker.user, placement=placement, end=dt.date(2025, 5, 30),
                           end_reason="ordinaer_beskaeftigelse", statement="Jens er stabil og grundig.")
    placement.refresh_from_db()
    assert placement.status == "ended" and placement.end_reason == "ordinaer_beskaeftigelse"
    experience = CvExperience.objects.get(cv__citizen=placement.case.citizen)
    assert (experience.kind, experience.title, experience.place) == ("praktik", "Lagerhjælp", "Nordlager ApS")
    assert (experience.start, experience.end) == (dt.date(2025, 3, 3), dt.date(2025, 5, 30))
    statement = CvStatement.objects.get(cv__citizen=placement.case.citizen)
    assert statement.given_by == "Mette Lund" and statement.company_name == "Nordlager ApS"
    with pytest.raises(ValidationError, match="allerede afsluttet"):
        services.placement_end(actor=None, placement=placement, end=dt.date(2025, 5, 30), end_reason="andet")


def test_the_lifeline_after_a_job_start(placement, job_broker):
    from jobspor.placements.selectors import lifeline

    job_broker.phone, job_broker.email = "33445566", "anne@jobcenter.dk"
    job_broker.save()
    assert lifeline(case=placement.case) is None
    services.placement_end(actor=None, placement=placement, end=dt.date(2025, 5, 30),
                           end_reason="ordinaer_beskaeftigelse")
    assert lifeline(case=placement.case) == {"name": "Anne Holm", "phone": "33445566", "email": "anne@jobcenter.dk"}


# --- signing and versions ---------------------------------------------------------------------------------------

def test_signing_by_all_three_sets_the_date_and_freezes_the_document(placement, job_broker):
    agreement = sign_all(placement, job_broker.user)
    placement.refresh_from_db()
    assert agreement.signed_on == placement.agreement_signed_on == dt.date.today()
    assert agreement.document is not None
    assert agreement.content_hash == services.document_hash(agreement.document)
    assert len(agreement.content_hash) == 64
    assert set(Signature.objects.filter(agreement=agreement).values_list("role", "signer_name")) == {
        ("borger", "Jens Hansen"), ("virksomhed", "Mette Lund"), ("jobcenter", "Anne Holm")}
    assert all(s.content_hash == agreement.content_hash for s in agreement.signatures.all())
    # "Signed by all parties on or before D" is a plain query for the KPI engine.
    assert Placement.objects.filter(agreement_signed_on__lte=dt.date.today()).count() == 1
    assert Placement.objects.filter(agreement_signed_on__lte=dt.date.today() - dt.timedelta(days=1)).count() == 0


def test_the_hash_is_of_the_canonical_json_of_the_version(placement):
    agreement = services.current_agreement(placement)
    document = services.agreement_document(agreement)
    text = services.canonical_json(document)
    assert text.startswith('{"accommodations":"Ingen tunge løft"')  # sorted keys, compact, UTF-8
    import hashlib

    assert services.agreement_hash(agreement) == hashlib.sha256(text.encode()).hexdigest()


def test_after_the_first_signature_the_version_is_read_only(placement, job_broker):
    agreement = services.current_agreement(placement)
    services.agreement_sign(actor=job_broker.user, agreement=agreement, role="borger", signer_name="jens  hansen",
                            content_hash=services.agreement_hash(agreement))
    with pytest.raises(ValidationError, match="underskrevet og kan ikke ændres"):
        services.agreement_save(actor=None, placement=placement, **(AGREEMENT | {"hours_per_week": 12}))
    agreement.refresh_from_db()
    assert agreement.hours_per_week == 10
    # A change is a new version, which needs new signatures; the old version is kept as signed.
    v2 = services.agreement_new_version(actor=None, placement=placement, hours_per_week=12)
    assert v2.version == 2 and v2.hours_per_week == 12 and v2.tasks == agreement.tasks
    assert not v2.signatures.exists()
    assert WorkAgreement.objects.filter(placement=placement).count() == 2
    assert agreement.signatures.count() == 1 and agreement.document["hours_per_week"] == "10.0"
    # The old version cannot be signed any more.
    with pytest.raises(ValidationError, match="nyere version"):
        services.agreement_sign(actor=job_broker.user, agreement=agreement, role="virksomhed",
                                signer_name="Mette Lund", content_hash=agreement.content_hash)


def test_signing_a_changed_document_with_an_old_hash_is_refused(placement, job_broker):
    agreement = services.current_agreement(placement)
    old_hash = services.agreement_hash(agreement)
    services.agreement_save(actor=None, placement=placement, **(AGREEMENT | {"hours_per_week": 15}))
    with pytest.raises(ValidationError, match="ændret, efter den blev vist"):
        services.agreement_sign(actor=job_broker.user, agreement=agreement, role="borger", signer_name="Jens Hansen",
                                content_hash=old_hash)
    assert not Signature.objects.exists()


def test_the_typed_name_must_be_the_signers(placement, job_broker):
    agreement = services.current_agreement(placement)
    with pytest.raises(ValidationError) as exc:
        services.agreement_sign(actor=job_broker.user, agreement=agreement, role="virksomhed",
                                signer_name="Jens Hansen", content_hash=services.agreement_hash(agreement))
    # The message never says whose name was expected.
    assert exc.value.message_dict["signer_name"] == [
        "Navnet passer ikke til den, der skal skrive under som virksomhed. Skriv dit eget fulde navn."]
    with pytest.raises(ValidationError, match="fulde navn"):
        services.agreement_sign(actor=job_broker.user, agreement=agreement, role="borger", signer_name="  ",
                                content_hash=services.agreement_hash(agreement))
    assert not Signature.objects.exists()


def test_a_party_signs_a_version_once(placement, job_broker):
    agreement = services.current_agreement(placement)
    h = services.agreement_hash(agreement)
    services.agreement_sign(actor=job_broker.user, agreement=agreement, role="borger", signer_name="Jens Hansen",
                            content_hash=h)
    with pytest.raises(ValidationError, match="allerede skrevet under"):
        services.agreement_sign(actor=job_broker.user, agreement=agreement, role="borger",
                                signer_name="Jens Hansen", content_hash=h)


def test_import_records_the_agreement_as_signed_on_a_date(placement):
    services.agreement_signed_set(actor=None, placement=placement, signed_on=dt.date(2025, 3, 3))
    placement.refresh_from_db()
    assert placement.agreement_signed_on == dt.date(2025, 3, 3)
    imported = WorkAgreement.objects.get(placement=placement, imported=True)
    assert imported.signatures.count() == 3 and imported.signed_on == dt.date(2025, 3, 3)
    services.agreement_signed_set(actor=None, placement=placement, signed_on=dt.date(2025, 3, 3))  # idempotent
    assert WorkAgreement.objects.filter(placement=placement, imported=True).count() == 1
    services.agreement_signed_set(actor=None, placement=placement, signed_on=None)
    placement.refresh_from_db()
    assert placement.agreement_signed_on is None and not WorkAgreement.objects.filter(imported=True).exists()


# --- hours ------------------------------------------------------------------------------------------------------

def test_hours_for_a_month_are_saved_in_one_go(placement):
    weeks = [{"week": dt.date(2025, 3, d), "internship_hours": 10, "ordinary_hours": 0} for d in (3, 10, 17, 24, 31)]
    weeks[-1]["ordinary_hours"] = Decimal("2.5")
    assert services.hours_save(actor=None, placement=placement, weeks=weeks) == 5
    assert WeekHours.objects.filter(placement=placement).count() == 5
    assert WeekHours.objects.get(week=dt.date(2025, 3, 31)).iso_week == "2025-W14"
    placement.refresh_from_db()
    assert placement.last_ordinary_week == dt.date(2025, 3, 31)
    assert services.hours_save(actor=None, placement=placement, weeks=weeks) == 0  # nothing changed


@pytest.mark.parametrize("row, key, message", [
    ({"week": dt.date(2025, 3, 10), "internship_hours": 61, "ordinary_hours": 0}, "2025-W11.internship_hours",
     "mellem 0 og 60"),
    ({"week": dt.date(2025, 3, 10), "internship_hours": 85, "ordinary_hours": 0}, "2025-W11.internship_hours",
     "mellem 0 og 60"),
    ({"week": dt.date(2025, 3, 10), "internship_hours": 40, "ordinary_hours": 30}, "2025-W11.ordinary_hours",
     "Højst 60 timer i alt"),
    ({"week": dt.date(2025, 3, 10), "internship_hours": -1, "ordinary_hours": 0}, "2025-W11.internship_hours",
     "mellem 0 og 60"),
    ({"week": dt.date(2025, 2, 17), "internship_hours": 5, "ordinary_hours": 0}, "2025-W08.internship_hours",
     "uden for forløbets periode"),
])
def test_bad_hours_save_nothing(placement, row, key, message):
    good = {"week": dt.date(2025, 3, 3), "internship_hours": 10, "ordinary_hours": 0}
    with pytest.raises(ValidationError) as exc:
        services.hours_save(actor=None, placement=placement, weeks=[good, row])
    assert message in exc.value.message_dict[key][0]
    assert not WeekHours.objects.exists()


# --- follow-ups and flags ---------------------------------------------------------------------------------------

def _follow_up(placement, date, company_rating, next_date=None):
    return services.follow_up_record(
        actor=None, placement=placement, date=date, place="Nordlager", participants="Jens, Mette, Anne",
        next_date=next_date, ratings=[{"task": "pakke varer", "citizen_rating": 7, "company_rating": company_rating},
                                      {"task": "rengøre lager", "citizen_rating": 5, "company_rating": 4}])


def test_a_rating_outside_one_to_ten_is_refused(placement):
    with pytest.raises(ValidationError) as exc:
        services.follow_up_record(actor=None, placement=placement, date=dt.date(2025, 3, 17), place="Lager",
                                  participants="Jens", ratings=[{"task": "pakke varer", "citizen_rating": 11,
                                                                 "company_rating": 0}])
    assert exc.value.message_dict["rating_0_citizen_rating"] == ["Giv en vurdering fra 1 til 10."]


def test_mastered_tasks_without_ordinary_hours_for_four_weeks_flag_the_placement(placement):
    _follow_up(placement, dt.date(2025, 3, 17), 6)
    _follow_up(placement, dt.date(2025, 3, 31), 8)
    _follow_up(placement, dt.date(2025, 4, 14), 9, next_date=dt.date(2025, 6, 30))
    placement.refresh_from_db()
    assert placement.mastered_since == dt.date(2025, 3, 31) and placement.mastered_unconverted
    flagged = Placement.objects.filter(mastered_flag_q(dt.date(2025, 4, 28)))
    assert list(flagged) == [placement]
    assert not Placement.objects.filter(mastered_flag_q(dt.date(2025, 4, 27))).exists()  # only 27 days
    assert "uden ordinære timer" in flags_of(placement, dt.date(2025, 4, 28))[0]
    # Ordinary hours from the week it was mastered: no flag.
    services.hours_save(actor=None, placement=placement,
                        weeks=[{"week": dt.date(2025, 4, 7), "internship_hours": 8, "ordinary_hours": 2}])
    placement.refresh_from_db()
    assert not placement.mastered_unconverted
    assert not Placement.objects.filter(mastered_flag_q(dt.date(2025, 4, 28))).exists()


def test_a_rating_below_eight_breaks_the_run(placement):
    _follow_up(placement, dt.date(2025, 3, 17), 8)
    _follow_up(placement, dt.date(2025, 3, 31), 7)
    placement.refresh_from_db()
    assert placement.mastered_since is None and not placement.mastered_unconverted


def test_an_overdue_follow_up_flags_the_placement(placement):
    placement.refresh_from_db()
    assert placement.follow_up_due == dt.date(2025, 3, 17)  # start + every 2nd week
    _follow_up(placement, dt.date(2025, 3, 17), 5, next_date=dt.date(2025, 4, 1))
    placement.refresh_from_db()
    assert placement.follow_up_due == dt.date(2025, 4, 1)
    assert not Placement.objects.filter(overdue_flag_q(dt.date(2025, 4, 1))).exists()
    assert Placement.objects.filter(overdue_flag_q(dt.date(2025, 4, 2))).get() == placement
    services.placement_end(actor=None, placement=placement, end=dt.date(2025, 4, 30), end_reason="sygdom")
    placement.refresh_from_db()
    assert placement.follow_up_due is None


def test_two_follow_ups_on_one_day_the_one_recorded_last_sets_the_next(placement):
    # A demo follow-up on a Monday and one recorded the same day without a next date failed with a TypeError.
    _follow_up(placement, dt.date(2025, 3, 17), 5, next_date=dt.date(2025, 4, 1))
    _follow_up(placement, dt.date(2025, 3, 17), 6)
    placement.refresh_from_db()
    assert placement.follow_up_due == dt.date(2025, 3, 31)  # the day + the agreement's 2 weeks
    _follow_up(placement, dt.date(2025, 3, 17), 6, next_date=dt.date(2025, 4, 7))
    placement.refresh_from_db()
    assert placement.follow_up_due == dt.date(2025, 4, 7)


def test_the_due_follow_up_is_in_my_tasks(placement, job_broker):
    from jobspor.followup.sources import tasks_for

    items = [i for i in tasks_for(job_broker, dt.date(2025, 3, 10)) if i.kind == "Opfølgning på virksomhed"]
    assert [(i.due, i.case.pk) for i in items] == [(dt.date(2025, 3, 17), placement.case_id)]
