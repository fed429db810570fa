"""The company's own user administration: its administrator (CompanyUser.is_admin) invites colleagues and sets who
may sign work agreements and who may report hours.

The binding rule (for the MitID Erhverv login, portal.saml): an invitation is a CompanyUser without mitid_uuid.
At a person's first MitID Erhverv login — an assertion whose persistent id is not yet known — company_user_for
looks for an active invitation at the assertion's CVR with the assertion's e-mail address (case-insensitive); if
there is exactly one, the login is bound to it (its mitid_uuid is set) and it keeps the rights the administrator
gave, unless the assertion itself carries privileges (then those win, as at every later login). Without a matching
invitation a new company user is made as before."""

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jobspor.audit.services import event_record

from .models import CompanyUser
from .verbs import CompanyPortalVerb

RIGHTS = ("is_admin", "can_sign", "can_report_hours")


def _require_admin(admin: CompanyUser) -> None:
    if not admin.is_admin or not admin.is_active:
        raise ValidationError(_("Kun virksomhedens administrator kan invitere kolleger og ændre rettigheder."))


@transaction.atomic
def colleague_invite(*, admin: CompanyUser, name: str, email: str, can_sign=False, can_report_hours=False,
                     is_admin=False) -> CompanyUser:
    _require_admin(admin)
    name, email = " ".join((name or "").split()), (email or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Skriv kollegaens navn.")
    if not email:
        errors["email"] = _("Skriv kollegaens e-mail – den binder invitationen til kollegaens MitID Erhverv.")
    elif CompanyUser.objects.filter(company=admin.company, email__iexact=email, is_active=True).exists():
        errors["email"] = _("Der er allerede en bruger med e-mailen %(email)s hos virksomheden.") % {"email": email}
    if errors:
        raise ValidationError(errors)
    user = get_user_model()(username=f"virk-{admin.company.cvr}-{secrets.token_hex(4)}", first_name=name[:150])
    user.set_unusable_password()
    user.save()
    link = CompanyUser.objects.create(user=user, company=admin.company, name=name, email=email,
                                      can_sign=can_sign, can_report_hours=can_report_hours, is_admin=is_admin)
    event_record(actor=admin.user, verb=CompanyPortalVerb.USER_INVITED, target=link,
                 after={"company": admin.company.cvr, "name": name, "email": email, "is_admin": is_admin,
                        "can_sign": can_sign, "can_report_hours": can_report_hours})
    return link


@transaction.atomic
def colleague_rights(*, admin: CompanyUser, colleague: CompanyUser, is_admin: bool, can_sign: bool,
                     can_report_hours: bool, is_active: bool = True) -> CompanyUser:
    _require_admin(admin)
    colleague = CompanyUser.objects.select_for_update().get(pk=colleague.pk)
    if colleague.company_id != admin.company_id:
        raise ValidationError(_("Brugeren hører til en anden virksomhed."))
    if colleague.pk == admin.pk and (not is_admin or not is_active):
        raise ValidationError(_("I kan ikke fjerne jeres egen administratorret. Bed en anden administrator om det."))
    wanted = {"is_admin": is_admin, "can_sign": can_sign, "can_report_hours": can_report_hours,
              "is_active": is_active}
    before = {k: getattr(colleague, k) for k in wanted}
    if before == wanted:
        return colleague
    for key, value in wanted.items():
        setattr(colleague, key, value)
    colleague.save(update_fields=list(wanted))
    changed = [k for k in wanted if before[k] != wanted[k]]
    event_record(actor=admin.user, verb=CompanyPortalVerb.USER_RIGHTS, target=colleague,
                 before={k: before[k] for k in changed}, after={k: wanted[k] for k in changed})
    return colleague


def invitation_for(*, company, email: str) -> CompanyUser | None:
    """The open invitation a first MitID Erhverv login with this e-mail binds to (None unless exactly one)."""
    if not (email or "").strip():
        return None
    found = list(CompanyUser.objects.select_for_update().filter(company=company, mitid_uuid="", is_active=True,
                                                                 email__iexact=email.strip())[:2])
    return found[0] if len(found) == 1 else None
