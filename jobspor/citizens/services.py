"""Writes to citizens. CPR is validated here and never copied into the change history."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from jobspor.audit.services import event_record, event_row, events_insert
from jobspor.audit.verbs import Verb
from jobspor.core.bulk import objects_insert, rows_insert
from jobspor.core.instances import instance_new
from jobspor.core.models import new_external_id

from .cpr import cpr_birth_date, cpr_clean, cpr_sex
from .models import Citizen, CitizenNameWord, PostalCode
from .search import name_words, name_words_save

HISTORY_FIELDS = ["name", "address", "postal_code_id", "phone", "email"]


def postal_code_get(code) -> PostalCode | None:
    if code in (None, ""):
        return None
    try:
        return PostalCode.objects.get(code=str(code).strip())
    except PostalCode.DoesNotExist:
        raise ValidationError({"postal_code": _("Ukendt postnummer: %(code)s.") % {"code": code}}) from None


@transaction.atomic
def citizen_save(*, actor, cpr: str, name: str, external_id: str | None = None, citizen: Citizen | None = None,
                 address: str = "", postal_code=None, phone: str = "", email: str = "") -> Citizen:
    """Create or update a citizen (found by `citizen`, else `external_id`, else CPR)."""
    try:
        cpr = cpr_clean(cpr)
    except ValidationError as exc:
        raise ValidationError({"cpr": exc.messages}) from None
    if citizen is None and external_id:
        citizen = Citizen.objects.filter(external_id=external_id).first()
    if citizen is None:
        citizen = Citizen.objects.filter(cpr=cpr).first()
    if citizen is not None and Citizen.objects.filter(cpr=cpr).exclude(pk=citizen.pk).exists():
        raise ValidationError({"cpr": _("Der findes allerede en borger med dette CPR-nummer.")})
    creating = citizen is None
    before = None if creating else _snapshot(citizen)
    cpr_changed = not creating and citizen.cpr != cpr
    if creating:
        citizen = Citizen(external_id=external_id or new_external_id("B"))
    _fill(citizen, cpr=cpr, name=name, address=address,
          postal_code=postal_code if isinstance(postal_code, PostalCode) else postal_code_get(postal_code),
          phone=phone, email=email)
    citizen.stamp(actor)
    citizen.full_clean(exclude=["search_name", "birth_date", "sex"])
    citizen.save()
    if creating or before.get("name") != citizen.name:
        name_words_save(citizen)
    after = _snapshot(citizen)
    if cpr_changed:
        after["cpr"] = "ændret"
    if before != after:
        event_record(actor=actor, verb=Verb.CITIZEN_CREATED if creating else Verb.CITIZEN_UPDATED,
                     target=citizen, before=before, after=after, citizen_id=citizen.pk)
    return citizen


def _fill(citizen, *, cpr, name, address, postal_code: PostalCode | None, phone, email) -> None:
    """The fields citizen_save sets, derived ones included (birth date and sex from the CPR number, search name)."""
    citizen.cpr = cpr
    citizen.birth_date = cpr_birth_date(cpr)
    citizen.sex = cpr_sex(cpr)
    citizen.name = (name or "").strip()
    citizen.search_name = citizen.name.casefold()
    citizen.address = address or ""
    citizen.postal_code = postal_code
    citizen.phone = phone or ""
    citizen.email = email or ""


def citizen_build(*, actor, external_id: str, cpr: str, name: str, postal_code: PostalCode | None) -> Citizen:
    """The citizen citizen_save would create for an import, checked field by field but not saved and without a
    query: citizens_insert writes a batch of them. The caller has made sure that the id and the CPR number are
    new (the database's unique constraints refuse them otherwise)."""
    try:
        cpr = cpr_clean(cpr)
    except ValidationError as exc:
        raise ValidationError({"cpr": exc.messages}) from None
    citizen = instance_new(Citizen, external_id=external_id)
    _fill(citizen, cpr=cpr, name=name, address="", postal_code=postal_code, phone="", email="")
    citizen.stamp(actor)
    # The postal code is a row the caller has read (checking it again would cost a query per citizen).
    citizen.full_clean(exclude=["search_name", "birth_date", "sex", "postal_code"], validate_unique=False,
                       validate_constraints=False)
    return citizen


@transaction.atomic
def citizens_insert(*, actor, citizens: list[Citizen]) -> None:
    """Save citizens from citizen_build in one insert, with the name words and the CITIZEN_CREATED event each that
    citizen_save writes."""
    objects_insert(citizens)  # sets the ids (SQLite ≥ 3.35, PostgreSQL)
    rows_insert(CitizenNameWord, ("citizen", "word"),  # the name words as name_word_rows makes them, as tuples
                [(citizen.pk, word) for citizen in citizens for word in sorted(name_words(citizen.name))], copy=True)
    events_insert([event_row(actor=actor, verb=Verb.CITIZEN_CREATED, target=citizen,
                             after=_snapshot(citizen), citizen_id=citizen.pk)
                   for citizen in citizens])


def citizen_save_needed(citizen: Citizen, *, cpr: str, name: str, postal_code: str | None) -> bool:
    """Would an import's citizen_save (address, phone and e-mail kept) change this citizen? False: a batch import
    may leave the citizen alone."""
    return (citizen.cpr, citizen.name, citizen.postal_code_id) != (cpr, (name or "").strip(), postal_code or None)


def citizen_create(*, actor, cpr: str, name: str, **fields) -> Citizen:
    """A new citizen; never changes one who exists (a known CPR number is refused)."""
    try:
        clean = cpr_clean(cpr)
    except ValidationError as exc:
        raise ValidationError({"cpr": exc.messages}) from None
    try:
        with transaction.atomic():
            if Citizen.objects.filter(cpr=clean).exists():
                raise IntegrityError
            return citizen_save(actor=actor, cpr=clean, name=name, **fields)
    except IntegrityError:  # also when someone else registered the same CPR number a moment ago
        raise ValidationError({"cpr": _("Der findes allerede en borger med dette CPR-nummer.")}) from None


def _snapshot(citizen):
    return {f: getattr(citizen, f) for f in HISTORY_FIELDS}
