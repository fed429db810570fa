"""Virksomhedsindgang's services: company users."""

from django.contrib.auth import get_user_model
from django.db import transaction

from jobspor.audit.services import event_record
from jobspor.companies.models import Company

from .models import CompanyUser
from .verbs import CompanyPortalVerb


@transaction.atomic
def company_user_for(*, company: Company, name: str, email: str = "", mitid_uuid: str = "", is_admin=None,
                     can_sign=None, can_report_hours=None) -> CompanyUser:
    """The company user with this MitID Erhverv id at this company, made at their first login; rights are
    updated from the assertion at each login (a right given as None — the assertion carries no privileges — keeps
    what the company's administrator set). Without an id (demo) a new user is made. A first login binds to the
    administrator's invitation with the same e-mail at the company (company_portal.invitations)."""
    from .invitations import invitation_for

    link = None
    if mitid_uuid:
        link = CompanyUser.objects.select_for_update().filter(mitid_uuid=mitid_uuid).first()
        if link is None:
            link = invitation_for(company=company, email=email)
            if link is not None:
                link.mitid_uuid = mitid_uuid
                link.save(update_fields=["mitid_uuid"])
                event_record(actor=link.user, verb=CompanyPortalVerb.INVITATION_BOUND, target=link,
                             after={"company": company.cvr})
    if link is None:
        is_admin, can_sign, can_report_hours = bool(is_admin), bool(can_sign), bool(can_report_hours)
        user = get_user_model()(username=f"virk-{company.cvr}-{CompanyUser.objects.count() + 1}",
                                first_name=name[:150])
        user.set_unusable_password()
        user.save()
        link = CompanyUser.objects.create(user=user, company=company, name=name, email=email,
                                          mitid_uuid=mitid_uuid, is_admin=is_admin, can_sign=can_sign,
                                          can_report_hours=can_report_hours)
        event_record(actor=user, verb="portal_user_created", target=link, after={"company": company.cvr})
        return link
    changed = {}
    for field, value in (("company", company), ("name", name), ("email", email or None), ("is_admin", is_admin),
                         ("can_sign", can_sign), ("can_report_hours", can_report_hours)):
        if value is not None and getattr(link, field) != value:
            changed[field] = value
            setattr(link, field, value)
    if changed:
        link.save()
    return link
