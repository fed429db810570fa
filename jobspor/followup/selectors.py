from dataclasses import dataclass

from django.utils import timezone

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.organisation.selectors import employee_for_user

from .sources import Found, TaskItem, find

PURPOSE_FOLLOWUP = "Opfølgning"
# Rows shown of each list until the user asks for all: a busy jobformidler has hundreds of open items, and the
# first screenful (the oldest overdue, the nearest upcoming) is what the day's work starts from.
SHOWN = 50
SECTIONS = ("overskredet", "kommende")  # ?alle=<section> shows the whole list


@dataclass
class Section:
    key: str
    items: list[TaskItem]  # the rows shown
    total: int

    @property
    def hidden(self) -> int:
        return self.total - len(self.items)


def my_tasks(*, user, path="", show_all: str = ""):
    """The user's open follow-up items: today's meetings, the overdue (oldest first) and the upcoming, each list
    cut at SHOWN rows unless `show_all` names it. One access-log entry for the citizens shown."""
    employee = employee_for_user(user)
    today = timezone.localdate()
    limits = {"overdue": None if show_all == "overskredet" else SHOWN,
              "upcoming": None if show_all == "kommende" else SHOWN}
    found = find(employee, today, limits=limits) if employee else Found()
    agenda = found.agenda
    sections = {"overskredet": Section("overskredet", found.overdue, found.overdue_total),
                "kommende": Section("kommende", found.upcoming, found.upcoming_total)}
    shown = agenda + [item for section in sections.values() for item in section.items]
    cases = {item.case.pk: item.case.citizen_id for item in shown if item.case is not None}
    access_log_write(actor=user, action=Action.LIST, purpose=PURPOSE_FOLLOWUP, citizen_ids=list(cases.values()),
                     case_ids=list(cases), path=path)
    return today, agenda, sections
