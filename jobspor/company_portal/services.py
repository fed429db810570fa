"""Virksomhedsindgang's services: company users."""

from django.contrib.auth import get_user_model
from django.db import transaction

from jobspor.audit.services import event_record
from jobspor.companies.models import Company

from .models import CompanyUser


@transaction.atomic
def company_user_for(*, company: Company, name: str, email: str = "", mitid_uuid: str = "", is_admin=False,
                     can_sign=False, can_report_hours=False) -> CompanyUser:
    """The company user with this MitID Erhverv id at this company, made at their first login; rights are
    updated from the assertion at each login. Without an id (demo, invitation) a new user is made."""
    link = None
    if mitid_uuid:
        link = CompanyUser.objects.select_for_update().filter(mitid_uuid=mitid_uuid).first()
    if link is None:
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
    for field, value in (("company", company), ("name", name), ("email", email), ("is_admin", is_admin),
                         ("can_sign", can_sign), ("can_report_hours", can_report_hours)):
        if getattr(link, field) != value:
            changed[field] = value
            setattr(link, field, value)
    if changed:
        link.save()
    return link
