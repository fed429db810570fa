"""MitID Erhverv privileges: the OIOSAML basic privilege profile (base64 XML in the attribute
https://data.gov.dk/model/core/eid/privilegesIntermediate).

The company's own user administration in MitID Erhverv gives its employees Jobspor's privileges; a privilege counts
only in a PrivilegeGroup scoped to the CVR the user logs in for. Jobspor's privileges:

    urn:dk:jobspor:privilege:sign          may sign work agreements          → CompanyUser.can_sign
    urn:dk:jobspor:privilege:report_hours  may report a placement's hours    → CompanyUser.can_report_hours
    urn:dk:jobspor:privilege:admin         the company's administrator       → CompanyUser.is_admin

A user without any of them may log in and read (openings, candidates, messages) but neither sign nor report."""

import base64

from defusedxml import ElementTree

PREFIX = "urn:dk:jobspor:privilege:"
SIGN = PREFIX + "sign"
REPORT_HOURS = PREFIX + "report_hours"
ADMIN = PREFIX + "admin"
CVR_SCOPE = "urn:dk:gov:saml:cvrNumberIdentifier:"


def privileges_for_cvr(value: str, cvr: str) -> set[str]:
    """The privileges the user holds for this CVR; an empty set if the attribute is missing or unreadable."""
    if not value:
        return set()
    try:
        root = ElementTree.fromstring(base64.b64decode(value, validate=False))
    except Exception:  # noqa: BLE001 - an unreadable list grants nothing
        return set()
    found = set()
    for group in root.iter():
        if group.tag.rsplit("}", 1)[-1] != "PrivilegeGroup":
            continue
        if (group.get("Scope") or "").strip() != CVR_SCOPE + cvr:
            continue
        for privilege in group:
            if privilege.tag.rsplit("}", 1)[-1] == "Privilege" and privilege.text:
                found.add(privilege.text.strip())
    return found


def rights_from(privileges: set[str]) -> dict:
    """Rights from the assertion's Jobspor privileges for the CVR. An assertion with none of them leaves the rights
    to the company's own administrator in Jobspor (Brugere): None keeps what is set there."""
    if not privileges & {ADMIN, SIGN, REPORT_HOURS}:
        return {"is_admin": None, "can_sign": None, "can_report_hours": None}
    return {"is_admin": ADMIN in privileges, "can_sign": SIGN in privileges,
            "can_report_hours": REPORT_HOURS in privileges}


def privilege_list(cvr: str, privileges) -> str:
    """A base64 privilege list as NemLog-in sends it (the tests' IdP uses this)."""
    items = "".join(f"<Privilege>{p}</Privilege>" for p in privileges)
    xml = ('<?xml version="1.0" encoding="UTF-8"?>'
           '<bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
           f'<PrivilegeGroup Scope="{CVR_SCOPE}{cvr}">{items}</PrivilegeGroup></bpp:PrivilegeList>')
    return base64.b64encode(xml.encode()).decode()
