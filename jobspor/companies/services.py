"""Writes to the company side: keyword-only, one transaction each, an audit event with before/after."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jobspor.audit.services import event_record
from jobspor.citizens.models import PostalCode
from jobspor.core.models import new_external_id
from jobspor.core.validators import check_dates
from jobspor.core.versioning import Seen, lock_for_edit

from .cvr import cvr_clean, p_number_clean
from .industries import industry_clean
from .models import (
    Company,
    CompanyContact,
    CompanySettings,
    Interaction,
    PartnershipAgreement,
    PrioritisedIndustry,
    VisitTarget,
    Workplace,
)
from .permissions import can_own_companies
from .verbs import CompanyVerb

COMPANY_FIELDS = ["cvr", "name", "industry", "sector", "employees", "address", "postal_code_id", "owner_id",
                  "relation_level", "needs", "inclusive_experience", "inclusive_capacity", "inclusive_contact_id",
                  "mentor_possible", "code_of_care"]
EDITABLE = set(COMPANY_FIELDS) - {"postal_code_id", "owner_id", "inclusive_contact_id"} | {
    "postal_code", "owner", "inclusive_contact"}


def _snapshot(obj, fields):
    return {f: getattr(obj, f) for f in fields}


def _postal_code(code):
    if code in (None, "") or isinstance(code, PostalCode):
        return code or None
    found = PostalCode.objects.filter(code=str(code).strip()).first()
    if found is None:
        raise ValidationError({"postal_code": _("Ukendt postnummer: %(code)s.") % {"code": code}})
    return found


def duplicate_of(cvr: str, *, exclude_pk=None) -> Company | None:
    """The company that already has this CVR number (to offer it instead of a duplicate)."""
    return Company.objects.filter(cvr=cvr).exclude(pk=exclude_pk).first()


def _check_owner(owner):
    if owner is not None and not can_own_companies(owner):
        raise ValidationError({"owner": _("Ejeren skal være en aktiv virksomhedskonsulent eller jobformidler.")})


@transaction.atomic
def company_save(*, actor, company: Company | None = None, external_id: str | None = None, seen: Seen | None = None,
                 **fields) -> Company:
    """Create (company=None) or change a company. Fields: see EDITABLE. CVR and industry are validated and
    cleaned; a CVR number that another company has is refused (the error names that company)."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"company_save cannot set {', '.join(sorted(unknown))}")
    creating = company is None
    if creating:
        company = Company(external_id=external_id or new_external_id("V"))
    else:
        company = lock_for_edit(Company.objects, pk=company.pk, seen=seen)
    before = None if creating else _snapshot(company, COMPANY_FIELDS)
    errors = {}
    if "cvr" in fields:
        try:
            fields["cvr"] = cvr_clean(fields["cvr"])
        except ValidationError as exc:
            errors["cvr"] = exc.messages
        else:
            other = duplicate_of(fields["cvr"], exclude_pk=company.pk)
            if other is not None:
                errors["cvr"] = [_("CVR-nummeret er allerede registreret: %(name)s (%(id)s).")
                                 % {"name": other.name, "id": other.external_id}]
    if "industry" in fields:
        try:
            fields["industry"] = industry_clean(fields["industry"])
        except ValidationError as exc:
            errors["industry"] = exc.messages
    if "postal_code" in fields:
        try:
            fields["postal_code"] = _postal_code(fields["postal_code"])
        except ValidationError as exc:
            errors.update(exc.error_dict)
    if "owner" in fields:
        try:
            _check_owner(fields["owner"])
        except ValidationError as exc:
            errors.update(exc.error_dict)
    contact = fields.get("inclusive_contact")
    if contact is not None and contact.company_id != company.pk:
        errors["inclusive_contact"] = [_("Kontaktpersonen hører ikke til virksomheden.")]
    if errors:
        raise ValidationError(errors)
    for key, value in fields.items():
        setattr(company, key, value)
    if "needs" in fields:
        company.needs = sorted(set(company.needs or []))
    company.name = (company.name or "").strip()
    company.search_name = company.name.casefold()
    company.stamp(actor)
    company.full_clean(exclude=["search_name"])
    company.save()
    after = _snapshot(company, COMPANY_FIELDS)
    if creating:
        event_record(actor=actor, verb=CompanyVerb.COMPANY_CREATED, target=company, after=after)
    elif before != after:
        changed = [k for k in after if before[k] != after[k]]
        verb = CompanyVerb.OWNER_CHANGED if changed == ["owner_id"] else CompanyVerb.COMPANY_UPDATED
        event_record(actor=actor, verb=verb, target=company, before={k: before[k] for k in changed},
                     after={k: after[k] for k in changed})
    return company


def company_upsert(*, actor, external_id: str, cvr: str, name: str, industry: str, sector: str,
                   postal_code=None, employees=None) -> Company:
    """Import: the interchange fields only; everything else (owner, level, contacts …) is kept."""
    company = Company.objects.filter(external_id=external_id).first()
    wanted = {"cvr": cvr, "name": name, "industry": industry, "sector": sector,
              "postal_code": postal_code or None, "employees": employees}
    if company is not None:
        current = {"cvr": company.cvr, "name": company.name, "industry": company.industry, "sector": company.sector,
                   "postal_code": company.postal_code_id, "employees": company.employees}
        wanted = {k: v for k, v in wanted.items() if current[k] != v}
        if not wanted:
            return company
    return company_save(actor=actor, company=company, external_id=external_id, **wanted)


# --- import: many companies at once -------------------------------------------------------------------------

def company_upsert_needed(company: Company, *, cvr: str, name: str, industry: str, sector: str, postal_code=None,
                          employees=None, **_ignored) -> bool:
    """Would company_upsert change this company that exists? False: a batch import may leave it alone."""
    return (company.cvr, company.name, company.industry, company.sector, company.postal_code_id, company.employees) \
        != (cvr, name, industry, sector, postal_code or None, employees)


def company_build(*, actor, external_id: str, cvr: str, name: str, industry: str, sector: str, postal_code=None,
                  employees=None, postal_codes: dict, taken_cvrs: dict) -> Company:
    """The new company company_upsert would write for an import (company_save creating it), checked as it checks
    it but not saved: companies_insert writes a batch of them. `postal_codes` are the batch's postal codes
    ({code: PostalCode}), `taken_cvrs` the companies in the database with the batch's CVR numbers ({cvr: Company},
    duplicate_of for the batch)."""
    from jobspor.core.search_text import fold_fields

    errors = {}
    try:
        cvr = cvr_clean(cvr)
    except ValidationError as exc:
        errors["cvr"] = exc.messages
    else:
        other = taken_cvrs.get(cvr)
        if other is not None:
            errors["cvr"] = [_("CVR-nummeret er allerede registreret: %(name)s (%(id)s).")
                             % {"name": other.name, "id": other.external_id}]
    try:
        industry = industry_clean(industry)
    except ValidationError as exc:
        errors["industry"] = exc.messages
    code = postal_code or None
    if code is not None and code not in postal_codes:
        errors["postal_code"] = [_("Ukendt postnummer: %(code)s.") % {"code": code}]
    if errors:
        raise ValidationError(errors)
    company = Company(external_id=external_id, cvr=cvr, name=(name or "").strip(), industry=industry, sector=sector,
                      postal_code=postal_codes.get(code), employees=employees)
    company.search_name = company.name.casefold()
    company.stamp(actor)
    # The postal code is a row just read; the CVR number's uniqueness is taken_cvrs' (and the import's) check.
    company.full_clean(exclude=["search_name", "postal_code", "owner", "inclusive_contact", "created_by",
                                "updated_by"], validate_unique=False, validate_constraints=False)
    fold_fields(company, [("name", "name_folded")], {})
    return company


@transaction.atomic
def companies_insert(*, actor, companies: list[Company]) -> None:
    """Save companies from company_build in one insert, each with the COMPANY_CREATED event company_save records."""
    from jobspor.audit.services import event_row, events_insert
    from jobspor.core.bulk import objects_insert

    objects_insert(companies)  # sets the ids (SQLite ≥ 3.35, PostgreSQL), which the events name
    events_insert([event_row(actor=actor, verb=CompanyVerb.COMPANY_CREATED, target=company,
                             after=_snapshot(company, COMPANY_FIELDS)) for company in companies])


@transaction.atomic
def contact_save(*, actor, company: Company, contact: CompanyContact | None = None, name: str, role: str = "",
                 phone: str = "", email: str = "", seen: Seen | None = None) -> CompanyContact:
    if contact is not None and contact.company_id != company.pk:
        raise ValidationError(_("Kontaktpersonen hører ikke til virksomheden."))
    if contact is not None and contact.pk:
        contact = lock_for_edit(CompanyContact.objects, pk=contact.pk, seen=seen)
    contact = contact or CompanyContact(company=company)
    before = None if contact._state.adding else _snapshot(contact, ["name", "role", "phone", "email"])
    contact.name, contact.role, contact.phone, contact.email = name.strip(), role.strip(), phone.strip(), email.strip()
    contact.stamp(actor)
    contact.full_clean()
    contact.save()
    event_record(actor=actor, verb=CompanyVerb.CONTACT_SAVED, target=contact, before=before,
                 after=_snapshot(contact, ["name", "role", "phone", "email"]))
    return contact


WORKPLACE_FIELDS = ["p_number", "name", "address", "postal_code_id"]
AGREEMENT_FIELDS = ["starts", "ends", "company_commits", "jobcentre_commits", "placements_per_year",
                    "ordinary_hours_per_week"]


@transaction.atomic
def workplace_save(*, actor, company: Company, p_number: str, postal_code, name: str = "", address: str = "",
                   workplace: Workplace | None = None, seen: Seen | None = None) -> Workplace:
    if workplace is not None and workplace.pk:
        workplace = lock_for_edit(Workplace.objects, pk=workplace.pk, seen=seen)
    try:
        p_number = p_number_clean(p_number)
    except ValidationError as exc:
        raise ValidationError({"p_number": exc.messages}) from None
    taken = Workplace.objects.filter(p_number=p_number).exclude(pk=getattr(workplace, "pk", None)).first()
    if taken is not None:
        raise ValidationError({"p_number": _("P-nummeret er allerede registreret hos %(name)s.")
                               % {"name": taken.company.name}})
    workplace = workplace or Workplace(company=company)
    before = None if workplace._state.adding else _snapshot(workplace, WORKPLACE_FIELDS)
    workplace.p_number, workplace.name, workplace.address = p_number, name.strip(), address.strip()
    workplace.postal_code = _postal_code(postal_code)
    if workplace.postal_code is None:
        raise ValidationError({"postal_code": _("Angiv arbejdsstedets postnummer.")})
    workplace.stamp(actor)
    workplace.full_clean()
    workplace.save()
    event_record(actor=actor, verb=CompanyVerb.WORKPLACE_SAVED, target=workplace, before=before,
                 after=_snapshot(workplace, WORKPLACE_FIELDS))
    return workplace


@transaction.atomic
def agreement_save(*, actor, company: Company, starts: dt.date, company_commits: str, jobcentre_commits: str,
                   ends: dt.date | None = None, placements_per_year=None, ordinary_hours_per_week=None,
                   agreement: PartnershipAgreement | None = None, seen: Seen | None = None) -> PartnershipAgreement:
    if agreement is not None and agreement.pk:
        agreement = lock_for_edit(PartnershipAgreement.objects, pk=agreement.pk, seen=seen)
    if ends is not None and ends < starts:
        raise ValidationError({"ends": _("Aftalen kan ikke slutte, før den begynder.")})
    agreement = agreement or PartnershipAgreement(company=company)
    before = None if agreement._state.adding else _snapshot(agreement, AGREEMENT_FIELDS)
    for key, value in {"starts": starts, "ends": ends, "company_commits": company_commits,
                       "jobcentre_commits": jobcentre_commits, "placements_per_year": placements_per_year,
                       "ordinary_hours_per_week": ordinary_hours_per_week}.items():
        setattr(agreement, key, value)
    agreement.stamp(actor)
    agreement.full_clean()
    agreement.save()
    event_record(actor=actor, verb=CompanyVerb.AGREEMENT_SAVED, target=agreement, before=before,
                 after=_snapshot(agreement, AGREEMENT_FIELDS))
    return agreement


@transaction.atomic
def interaction_log(*, actor, company: Company, employee, kind: str, date: dt.date, contact=None, outcome: str = "",
                    next_step: str = "", next_step_on: dt.date | None = None) -> Interaction:
    """Register a visit, call, meeting or e-mail; the company's follow-up counts from its date."""
    if contact is not None and contact.company_id != company.pk:
        raise ValidationError({"contact": _("Kontaktpersonen hører ikke til virksomheden.")})
    check_dates(fact=True, date=date)
    check_dates(next_step_on=next_step_on)
    if next_step_on is not None and next_step_on < date:
        raise ValidationError({"next_step_on": _("Næste skridt kan ikke ligge før kontakten.")})
    interaction = Interaction(company=company, employee=employee, kind=kind, date=date, contact=contact,
                              outcome=outcome.strip(), next_step=next_step.strip(), next_step_on=next_step_on)
    interaction.stamp(actor)
    interaction.full_clean()
    interaction.save()
    Company.objects.filter(pk=company.pk).exclude(last_interaction_on__gte=date).update(last_interaction_on=date)
    event_record(actor=actor, verb=CompanyVerb.INTERACTION_LOGGED, target=interaction,
                 after={"company": company.name, "kind": kind, "date": date, "employee": employee.name})
    return interaction


@transaction.atomic
def prioritised_industry_save(*, actor, division: str, reason: str, note: str = "") -> PrioritisedIndustry:
    try:
        division = industry_clean(division)[:2]
    except ValidationError as exc:
        raise ValidationError({"division": exc.messages}) from None
    item, _created = PrioritisedIndustry.objects.get_or_create(division=division, defaults={"reason": reason})
    item.reason, item.note = reason, note.strip()
    item.stamp(actor)
    item.full_clean()
    item.save()
    event_record(actor=actor, verb=CompanyVerb.STRATEGY_CHANGED, target=item,
                 after={"division": division, "reason": reason, "note": item.note})
    return item


@transaction.atomic
def prioritised_industry_remove(*, actor, item: PrioritisedIndustry) -> None:
    event_record(actor=actor, verb=CompanyVerb.STRATEGY_CHANGED, target=item,
                 before={"division": item.division, "reason": item.reason})
    item.delete()


@transaction.atomic
def visit_target_set(*, actor, employee, month: dt.date, visits: int) -> VisitTarget:
    month = month.replace(day=1)
    target, _created = VisitTarget.objects.get_or_create(employee=employee, month=month, defaults={"visits": visits})
    before = None if _created else {"visits": target.visits}
    target.visits = visits
    target.stamp(actor)
    target.save()
    event_record(actor=actor, verb=CompanyVerb.STRATEGY_CHANGED, target=target, before=before,
                 after={"employee": employee.name, "month": month, "visits": visits})
    return target


@transaction.atomic
def settings_save(*, actor, **months) -> CompanySettings:
    row = CompanySettings.objects.order_by("pk").first() or CompanySettings()
    before = None if row._state.adding else {k: getattr(row, k) for k in months}
    for key, value in months.items():
        if not key.startswith("months_"):
            raise ValueError(key)
        if not 1 <= int(value) <= 24:
            raise ValidationError({key: _("Angiv mellem 1 og 24 måneder.")})
        setattr(row, key, int(value))
    row.stamp(actor)
    row.save()
    event_record(actor=actor, verb=CompanyVerb.STRATEGY_CHANGED, target=row, before=before, after=dict(months))
    return row
