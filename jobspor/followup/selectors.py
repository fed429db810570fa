from dataclasses import dataclass

from django.utils import timezone

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.organisation.selectors import employee_for_user

from .sources import TaskItem, tasks_for

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
    items = tasks_for(employee, today) if employee else []
    agenda = [item for item in items if item.agenda]
    tasks = [item for item in items if not item.agenda]
    lists = {"overskredet": [item for item in tasks if item.overdue_on(today)],
             "kommende": [item for item in tasks if not item.overdue_on(today)]}
    sections = {key: Section(key, found if show_all == key else found[:SHOWN], len(found))
                for key, found in lists.items()}
    shown = agenda + [item for section in sections.values() for item in section.items]
    cases = {item.case.pk: item.case.citizen_id for item in shown if item.case is not None}
    access_log_write(actor=user, action=Action.LIST, purpose=PURPOSE_FOLLOWUP, citizen_ids=list(cases.values()),
                     case_ids=list(cases), path=path)
    return today, agenda, sections
