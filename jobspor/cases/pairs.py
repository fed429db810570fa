"""Makkerskab (seed 004): the jobformidler and the myndighedssagsbehandler of a case work as a pair and meet the
citizen together. The pair is recorded on the case as its staff (CaseStaff roles jobformidler and
myndighedssagsbehandler; the primary contact first); a contact is held jointly when someone of each role on the
case took part (the one who logged it, or a participant). One rule, in Python here and in SQL in jobspor/pairs."""

from dataclasses import dataclass

from jobspor.core.roles import CaseRole

PAIR_ROLES = (CaseRole.JOB_BROKER, CaseRole.CASEWORKER)


@dataclass
class Pair:
    job_broker: object = None  # Employee
    caseworker: object = None

    @property
    def complete(self) -> bool:
        return self.job_broker is not None and self.caseworker is not None


def pair_of(links) -> Pair:
    """The case's pair from its CaseStaff rows (with employee): the primary jobformidler, else the first."""
    pair = Pair()
    for link in sorted(links, key=lambda link: (not link.is_primary, link.pk)):
        if link.role == CaseRole.JOB_BROKER and pair.job_broker is None:
            pair.job_broker = link.employee
        elif link.role == CaseRole.CASEWORKER and pair.caseworker is None:
            pair.caseworker = link.employee
    return pair


def held_jointly(people: set[int], roles: dict[int, str]) -> bool:
    """True if among `people` (employee ids at the contact) are both a jobformidler and a myndighedssagsbehandler
    of the case (`roles`: employee id → role on the case)."""
    present = {roles.get(pk) for pk in people}
    return all(role in present for role in PAIR_ROLES)
