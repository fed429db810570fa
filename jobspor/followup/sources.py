"""What "Mine opgaver" is made of, declared by the apps that own the work.

An app registers a source in its AppConfig.ready():

    from jobspor.followup.sources import TaskItem, register_source
    register_source(due_subgoals)          # due_subgoals(employee, today) -> list[TaskItem]

A source returns the employee's open items due within `UPCOMING_DAYS` (and every overdue one), each
for a case the employee may see (or with case=None and a `subject`, such as a company to follow
up); it should cost a query or two with select_related (the page lists
them all at once). The page logs one access-log entry for the citizens it shows.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

UPCOMING_DAYS = 14

_SOURCES: list[Callable] = []


@dataclass(frozen=True)
class TaskItem:
    kind: str  # what it is, in Danish: "Handling", "Delmål", "Næste kontakt" …
    title: str
    due: dt.date
    case: object  # cases.Case with citizen selected; None for an item about something else (a company)
    url: str
    subject: str = ""  # what the item is about when it is not a case (shown instead of the citizen)
    agenda: bool = False  # today's appointment: shown first, under "I dag", not among the tasks

    def overdue_on(self, today: dt.date) -> bool:
        return self.due < today


def register_source(source: Callable) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def tasks_for(employee, today: dt.date) -> list[TaskItem]:
    items = [item for source in _SOURCES for item in source(employee, today)]
    return sorted(items, key=lambda item: (item.due, item.kind, item.title))
