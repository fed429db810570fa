"""Who may do what on the company side.

- Every staff member sees companies, contacts, interactions and openings (company data is not citizen data).
  A citizen's name in a company's history is shown only to those who may see that citizen's case.
- Virksomhedskonsulenter, jobformidlere (JobFirst: company consultant and mentor in one) and leaders
  register and change companies, contacts, workplaces, agreements, interactions and openings.
- A virksomhedskonsulent or a jobformidler can own a company relation (one owner at a time): in JobFirst the
  jobformidler works with both the citizen and the company.
- Leaders set the contact strategy: prioritised industries, visit targets and the follow-up cadence.
"""

from jobspor.core.roles import Role

EDITOR_ROLES = {Role.COMPANY_CONSULTANT, Role.JOB_BROKER, Role.MANAGER}
OWNER_ROLES = {Role.COMPANY_CONSULTANT, Role.JOB_BROKER}


def can_edit_companies(employee) -> bool:
    return employee is not None and employee.is_active and any(employee.has_role(r) for r in EDITOR_ROLES)


def can_own_companies(employee) -> bool:
    return employee is not None and employee.is_active and any(employee.has_role(r) for r in OWNER_ROLES)


def can_set_strategy(employee) -> bool:
    return employee is not None and employee.is_active and employee.is_manager
