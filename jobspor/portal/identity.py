"""Who is behind a login: a staff member, a citizen on Min side or a company user on Virksomhedsindgang.

A login is exactly one of these. Portal users never get staff rights: PortalSeparationMiddleware keeps each
kind of user inside its own part of the site."""

from enum import StrEnum


class Kind(StrEnum):
    STAFF = "staff"
    CITIZEN = "citizen"
    COMPANY = "company"


# URL namespaces of each portal; everything else (but PUBLIC_URL_NAMES) is the staff side.
PORTAL_NAMESPACES = {Kind.CITIZEN: "minside", Kind.COMPANY: "virk"}
# Reachable by anyone: switching language, the favicon, security.txt, the SAML endpoints (their own checks).
PUBLIC_URL_NAMES = {"set_language", "favicon", "security_txt", "security_policy"}
PUBLIC_NAMESPACES = {"saml"}


def user_kind(user) -> Kind | None:
    """The kind of an authenticated user (cached on the user object for the request); None when anonymous."""
    if not getattr(user, "is_authenticated", False):
        return None
    if "_jobspor_kind" not in user.__dict__:
        from jobspor.citizen_portal.models import CitizenUser
        from jobspor.company_portal.models import CompanyUser
        from jobspor.organisation.selectors import employee_for_user

        if employee_for_user(user) is not None:  # cached for the request: staff pages cost no extra query
            kind = Kind.STAFF
        elif CitizenUser.objects.filter(user_id=user.pk).exists():
            kind = Kind.CITIZEN
        elif CompanyUser.objects.filter(user_id=user.pk, is_active=True).exists():
            kind = Kind.COMPANY
        else:
            kind = Kind.STAFF
        user.__dict__["_jobspor_kind"] = kind
    return user.__dict__["_jobspor_kind"]
