"""Signed means frozen: the database refuses changes to a signed agreement version, its signatures and the
placement terms it states (raw SQL, past the services); the services refuse first with a Danish message and
change nothing; changed terms make a new version that must be signed again."""

import base64
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from jobspor.audit.models import Event
from jobspor.companies.services import contact_save
from jobspor.placements import frozen, services
from jobspor.placements.models import Placement, Signature, WorkAgreement
from jobspor.testing.factories import make_company

from .conftest import AGREEMENT, sign_all

pytestmark = pytest.mark.django_db


def raw(sql, params=()):
    """Run SQL past the ORM and the services; True if the database accepted it."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except IntegrityError:
        return False
    return True


def png(size=(300, 100), blank=False) -> str:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", size, (0, 0, 0, 0))
    if not blank:
        ImageDraw.Draw(image).line([(10, 60), (120, 20), (290, 70)], fill=(20, 20, 20, 255), width=3)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


@pytest.fixture
def signed(placement, job_broker):
    return sign_all(placement, job_broker.user)


@pytest.fixture
def other_contact(company):
    return contact_save(actor=None, company=company, name="Ole Lager", role="Formand")


def test_the_triggers_are_in_the_database():
    assert frozen.installed(connection) == set(frozen.installed_names(connection.vendor))


def test_on_sqlite_the_triggers_are_made_after_migrations_which_may_rebuild_tables():
    # A migration that changes a column makes SQLite rebuild the table, which drops its triggers and fails on other
    # tables' triggers that name it: they are dropped before `migrate` and made after it.
    from jobspor.placements.sqlite_triggers import install_after_migrate, lift_before_migrate, trigger_sets

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL keeps triggers through ALTER TABLE; its migrations make them")

    def all_triggers():
        with connection.cursor() as cursor:
            # The placements app's own (matching/changes.py and kpi/facts.py log writes to these tables too).
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name LIKE 'placements_%' "
                           "AND name NOT LIKE 'matching_%' AND name NOT LIKE 'kpi_%'")
            return {row[0] for row in cursor.fetchall()}

    expected = all_triggers()
    assert len(expected) == sum(len(drop) for _create, drop in trigger_sets().values()) == 9
    lift_before_migrate(sender=None, using=connection.alias)
    assert all_triggers() == set()
    install_after_migrate(sender=None, using=connection.alias)
    assert all_triggers() == expected


# --- the database -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("column, value", [
    ("document", '{"goal": "forfalsket"}'), ("content_hash", "0" * 64), ("goal", "Et andet mål"),
    ("hours_per_week", 37), ("tasks", '["noget andet"]'), ("signed_on", "2020-01-01"), ("start", "2020-01-01"),
])
def test_the_database_refuses_to_change_a_signed_version(signed, column, value):
    assert not raw(f"UPDATE placements_workagreement SET {column} = %s WHERE id = %s", [value, signed.pk])
    fresh = WorkAgreement.objects.get(pk=signed.pk)
    assert (fresh.document, fresh.content_hash, fresh.goal, fresh.signed_on) == \
        (signed.document, signed.content_hash, signed.goal, signed.signed_on)


def test_the_database_refuses_to_delete_a_signed_version_or_its_signatures(signed):
    assert not raw("DELETE FROM placements_signature WHERE agreement_id = %s", [signed.pk])
    assert not raw("UPDATE placements_signature SET signer_name = 'Nogen Andre' WHERE agreement_id = %s", [signed.pk])
    assert not raw("UPDATE placements_signature SET content_hash = %s WHERE agreement_id = %s", ["0" * 64, signed.pk])
    assert not raw("DELETE FROM placements_workagreement WHERE id = %s", [signed.pk])
    assert not raw("DELETE FROM placements_placement WHERE id = %s", [signed.placement_id])
    assert Signature.objects.filter(agreement=signed).count() == 3
    assert set(Signature.objects.values_list("signer_name", flat=True)) == {"Jens Hansen", "Mette Lund", "Anne Holm"}


def test_after_the_first_signature_the_document_is_frozen_but_the_others_can_sign(placement, job_broker):
    agreement = services.current_agreement(placement)
    services.agreement_sign(actor=job_broker.user, agreement=agreement, role="borger", signer_name="Jens Hansen",
                            content_hash=services.agreement_hash(agreement))
    agreement.refresh_from_db()
    assert not raw("UPDATE placements_workagreement SET goal = 'x' WHERE id = %s", [agreement.pk])
    assert not raw("UPDATE placements_workagreement SET document = NULL, content_hash = '' WHERE id = %s",
                   [agreement.pk])
    assert not raw("DELETE FROM placements_workagreement WHERE id = %s", [agreement.pk])
    for role, name in (("virksomhed", "Mette Lund"), ("jobcenter", "Anne Holm")):
        services.agreement_sign(actor=job_broker.user, agreement=agreement, role=role, signer_name=name,
                                content_hash=agreement.content_hash)
    agreement.refresh_from_db()
    assert agreement.signed_on == dt.date.today()


@pytest.mark.parametrize("column", ["company_id", "contact_id", "workplace_id", "kind", "purpose", "start"])
def test_the_database_refuses_to_change_the_terms_of_a_signed_placement(signed, other_contact, column):
    other_company = make_company(name="Sydlager A/S")
    from jobspor.companies.models import Workplace

    workplace = Workplace.objects.create(company=signed.placement.company, p_number="1000000001", name="Lager 2",
                                         postal_code_id="8210")
    value = {"company_id": other_company.pk, "contact_id": other_contact.pk, "workplace_id": workplace.pk,
             "kind": "ordinaere_timer", "purpose": 2, "start": "2025-03-10"}[column]
    extra = ", purpose = NULL" if column == "kind" else ""
    assert not raw(f"UPDATE placements_placement SET {column} = %s{extra} WHERE id = %s", [value, signed.placement_id])
    placement = Placement.objects.get(pk=signed.placement_id)
    assert (placement.company_id, placement.contact_id, placement.kind, placement.start) == \
        (signed.placement.company_id, signed.placement.contact_id, "virksomhedspraktik", dt.date(2025, 3, 3))


def test_what_the_agreement_does_not_state_can_still_change(signed):
    assert raw("UPDATE placements_placement SET title = 'Lagermedarbejder', planned_end = '2025-12-31' WHERE id = %s",
               [signed.placement_id])
    services.placement_end(actor=None, placement=signed.placement, end=dt.date(2025, 5, 30), end_reason="andet")
    assert Placement.objects.get(pk=signed.placement_id).status == "ended"


def test_a_new_version_opens_the_terms_but_never_the_company(signed, other_contact):
    services.agreement_new_version(actor=None, placement=signed.placement, hours_per_week=12)
    assert raw("UPDATE placements_placement SET contact_id = %s WHERE id = %s", [other_contact.pk, signed.placement_id])
    other_company = make_company(name="Sydlager A/S")
    assert not raw("UPDATE placements_placement SET company_id = %s, contact_id = NULL WHERE id = %s",
                   [other_company.pk, signed.placement_id])
    # The signed version keeps what was signed.
    assert WorkAgreement.objects.get(pk=signed.pk).document["company"]["contact"] == "Mette Lund"


def test_an_unsigned_version_is_not_frozen(placement):
    agreement = services.current_agreement(placement)
    assert raw("UPDATE placements_workagreement SET goal = 'Nyt mål' WHERE id = %s", [agreement.pk])
    assert raw("UPDATE placements_placement SET start = '2025-03-04' WHERE id = %s", [placement.pk])


def test_an_imported_agreement_follows_the_import(placement):
    services.agreement_signed_set(actor=None, placement=placement, signed_on=dt.date(2025, 3, 3))
    services.agreement_signed_set(actor=None, placement=placement, signed_on=None)  # deletes the imported one
    assert not WorkAgreement.objects.filter(imported=True).exists() and not Signature.objects.exists()


# --- the services: a Danish message, nothing changed --------------------------------------------------------------

def _unchanged(placement, before):
    placement.refresh_from_db()
    assert (placement.company_id, placement.contact_id, placement.kind, placement.purpose, placement.start) == before
    assert not Event.objects.filter(verb="placement_updated").exists()


def test_the_company_of_a_signed_placement_never_changes(signed):
    placement = signed.placement
    before = (placement.company_id, placement.contact_id, placement.kind, placement.purpose, placement.start)
    other = make_company(name="Sydlager A/S")
    stranger = contact_save(actor=None, company=other, name="Ole Sørensen")
    for new_version in (False, True):
        with pytest.raises(ValidationError) as exc:
            services.placement_update(actor=None, placement=placement, company=other, contact=stranger,
                                      new_version=new_version)
        assert "opret et nyt forløb" in exc.value.message_dict["company"][0]
    _unchanged(placement, before)
    assert WorkAgreement.objects.filter(placement=placement).count() == 1


@pytest.mark.parametrize("change", [{"contact": "other"}, {"kind": "ordinaere_timer", "purpose": None},
                                    {"purpose": 2}, {"start": dt.date(2025, 3, 10)}])
def test_other_terms_of_a_signed_placement_need_a_new_version(signed, other_contact, change):
    placement = signed.placement
    before = (placement.company_id, placement.contact_id, placement.kind, placement.purpose, placement.start)
    change = {k: other_contact if v == "other" else v for k, v in change.items()}
    with pytest.raises(ValidationError) as exc:
        services.placement_update(actor=None, placement=placement, **change)
    field = next(iter(change))
    assert exc.value.message_dict[field] == ["Arbejdsaftalen (version 1) er underskrevet og kan ikke ændres. "
                                             "Ændringen kræver en ny version af aftalen, som skal underskrives igen "
                                             "af alle tre parter."]
    _unchanged(placement, before)
    assert WorkAgreement.objects.filter(placement=placement).count() == 1


def test_a_confirmed_change_of_terms_makes_a_new_version_to_sign_again(signed, other_contact, job_broker):
    placement = services.placement_update(actor=job_broker.user, placement=signed.placement, contact=other_contact,
                                          title="Lagermedarbejder", new_version=True)
    assert placement.contact == other_contact
    v1, v2 = placement.agreements.order_by("version")
    assert (v1.signed_on, v1.document["company"]["contact"], v1.content_hash) == \
        (signed.signed_on, "Mette Lund", signed.content_hash)
    assert v2.version == 2 and v2.signed_on is None and v2.document is None and not v2.signatures.exists()
    assert (v2.goal, v2.tasks) == (v1.goal, v1.tasks)
    assert services.agreement_document(v2)["company"]["contact"] == "Ole Lager"
    assert Event.objects.filter(verb="work_agreement_new_version").exists()
    # The date all parties first signed stays (kpi.md), and the new version is signed as the first was.
    placement.refresh_from_db()
    assert placement.agreement_signed_on == signed.signed_on
    sign_all(placement, job_broker.user, company="Ole Lager")
    assert placement.agreements.get(version=2).signed_on == dt.date.today()


def test_a_title_or_planned_end_changes_without_a_new_version(signed):
    services.placement_update(actor=None, placement=signed.placement, title="Lagermedarbejder",
                              planned_end=dt.date(2025, 12, 31))
    assert WorkAgreement.objects.filter(placement=signed.placement).count() == 1


def test_an_unsigned_placement_changes_freely(placement, other_contact):
    services.placement_update(actor=None, placement=placement, contact=other_contact, start=dt.date(2025, 3, 4))
    placement.refresh_from_db()
    assert placement.contact == other_contact and WorkAgreement.objects.filter(placement=placement).count() == 1


def test_a_signed_planned_placement_starts_on_the_agreed_day(case, company, contact, job_broker):
    future = dt.date.today() + dt.timedelta(days=10)
    placement = services.placement_create(actor=None, case=case, company=company, contact=contact,
                                          kind="ordinaere_timer", start=future,
                                          agreement=dict(AGREEMENT) | {"start": future})
    sign_all(placement, job_broker.user)
    with pytest.raises(ValidationError) as exc:
        services.placement_start(actor=None, placement=placement)
    assert f"startdatoen {future:%d.%m.%Y}" in exc.value.message_dict["start"][0]
    placement.refresh_from_db()
    assert (placement.status, placement.start) == ("planned", future)


def test_the_import_cannot_change_the_terms_of_a_signed_placement(signed):
    placement = signed.placement
    with pytest.raises(ValidationError) as exc:
        services.placement_upsert(actor=None, external_id=placement.external_id, case=placement.case,
                                  company=placement.company, kind="virksomhedspraktik", purpose=2,
                                  start=placement.start, end=None, end_reason="", agreement_signed=None)
    assert "kræver en ny version" in exc.value.message_dict["purpose"][0]
    placement.refresh_from_db()
    assert placement.purpose == 1


def test_a_signed_version_cannot_be_saved_over(signed):
    with pytest.raises(ValidationError, match="underskrevet og kan ikke ændres"):
        services.agreement_save(actor=None, placement=signed.placement, **(AGREEMENT | {"goal": "Et andet mål"}))
    assert WorkAgreement.objects.get(pk=signed.pk).goal == AGREEMENT["goal"]


# --- the signing page -------------------------------------------------------------------------------------------

@pytest.fixture
def logged_in(client, job_broker):
    client.force_login(job_broker.user)
    return client


def _sign_url(placement):
    return reverse("placements:sign", args=[placement.case_id, placement.pk])


def _signing_part(response) -> str:
    body = response.content.decode()
    return body[body.index('id="underskrifter"'):]


def test_the_signing_page_never_tells_whose_name_to_type(logged_in, placement):
    names = ("Jens Hansen", "Mette Lund", "Anne Holm")
    page = logged_in.get(_sign_url(placement))
    assert page.status_code == 200
    part = _signing_part(page)
    assert not [name for name in names if name in part]
    assert "Anne Holm" not in page.content.decode().split("<main", 1)[-1]  # the jobcentre's signer: nowhere
    h = services.agreement_hash(services.current_agreement(placement))
    for role in ("borger", "virksomhed", "jobcenter"):
        wrong = logged_in.post(_sign_url(placement), {"role": role, "content_hash": h, "signer_name": "Hans Jensen"})
        assert wrong.status_code == 400
        part = _signing_part(wrong)
        assert "Navnet passer ikke" in part and not [name for name in names if name in part]
    assert not Signature.objects.exists()


def test_a_drawn_signature_is_stored_with_the_versions_hash_and_shown(logged_in, placement):
    agreement = services.current_agreement(placement)
    h = services.agreement_hash(agreement)
    response = logged_in.post(_sign_url(placement), {"role": "borger", "content_hash": h,
                                                     "signer_name": "Jens Hansen", "drawing": png()})
    assert response.status_code == 302
    signature = Signature.objects.get(role="borger")
    agreement.refresh_from_db()
    assert signature.content_hash == agreement.content_hash == h
    assert base64.b64decode(signature.drawing).startswith(b"\x89PNG\r\n\x1a\n")
    assert f"data:image/png;base64,{signature.drawing}" in logged_in.get(_sign_url(placement)).content.decode()
    view = logged_in.get(reverse("placements:agreement", args=[placement.case_id, placement.pk, 1]))
    assert f"data:image/png;base64,{signature.drawing}" in view.content.decode()
    pdf = logged_in.get(reverse("placements:agreement_pdf", args=[placement.case_id, placement.pk, 1]))
    assert pdf.status_code == 200 and b"/Subtype /Image" in pdf.content
    # The drawing is part of the frozen signature.
    assert not raw("UPDATE placements_signature SET drawing = '' WHERE id = %s", [signature.pk])


@pytest.mark.parametrize("drawing", [
    "data:image/svg+xml;base64," + base64.b64encode(b"<svg onload='alert(1)'/>").decode(),
    "data:image/png;base64,bm90IGEgcG5n",  # "not a png"
    "data:image/png;base64,%%%",
    "javascript:alert(1)",
])
def test_a_drawing_that_is_not_a_png_is_refused_and_nothing_is_signed(logged_in, placement, drawing):
    h = services.agreement_hash(services.current_agreement(placement))
    response = logged_in.post(_sign_url(placement), {"role": "borger", "content_hash": h,
                                                     "signer_name": "Jens Hansen", "drawing": drawing})
    assert response.status_code == 400
    assert "Den tegnede underskrift kunne ikke læses" in response.content.decode()
    assert not Signature.objects.exists()


def test_a_blank_canvas_signs_with_the_name_alone(placement, job_broker):
    agreement = services.current_agreement(placement)
    signature = services.agreement_sign(actor=job_broker.user, agreement=agreement, role="borger",
                                        signer_name="Jens Hansen", content_hash=services.agreement_hash(agreement),
                                        drawing=png(blank=True))
    assert signature.drawing == ""


def test_the_signing_page_offers_a_drawing_pad_as_an_enhancement(logged_in, placement):
    part = _signing_part(logged_in.get(_sign_url(placement)))
    assert part.count("data-drawpad=") == 3 and part.count('<input type="hidden" name="drawing"') == 3
    assert "hidden>" in part  # shown by the script only


def test_it_is_the_triggers_that_refuse(signed):
    # The same statements pass without them (inside this test's transaction): no other constraint stops them.
    frozen.remove(connection)
    assert raw("UPDATE placements_workagreement SET goal = 'x', document = NULL WHERE id = %s", [signed.pk])
    assert raw("UPDATE placements_signature SET signer_name = 'Nogen Andre' WHERE agreement_id = %s", [signed.pk])
    assert raw("UPDATE placements_placement SET kind = 'ordinaere_timer', purpose = NULL WHERE id = %s",
               [signed.placement_id])
