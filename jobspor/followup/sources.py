"""What "Mine opgaver" is made of, declared by the apps that own the work.

An app registers a source in its AppConfig.ready() (or at import of a module its AppConfig imports):

    from jobspor.followup.sources import TaskItem, register_source
    register_source(due_subgoals)          # due_subgoals(employee, today) -> list[TaskItem]

A source returns the employee's open items due within `UPCOMING_DAYS` (and every overdue one), each
for a case the employee may see (or with case=None and a `subject`, such as a company to follow
up); it should cost a query or two with select_related.

A source that can hold hundreds of items for a busy jobformidler registers in two steps, so that the page
builds only the rows it shows (the oldest overdue, the nearest upcoming) instead of every item:

    register_source(find_due_actions, load=load_due_actions)
    # find_due_actions(employee, today) -> list[(due, key)]  light: values_list, no model instances
    # load_due_actions(keys) -> {key: TaskItem}              the chosen keys only, with select_related

The page logs one access-log entry for the citizens it shows.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

UPCOMING_DAYS = 14


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


@dataclass(frozen=True)
class _Source:
    find: Callable
    load: Callable | None = None  # None: find returns the TaskItems themselves


_SOURCES: list[_Source] = []


def register_source(source: Callable, *, load: Callable | None = None) -> None:
    if all(registered.find is not source for registered in _SOURCES):
        _SOURCES.append(_Source(source, load))


@dataclass
class Found:
    """What the page shows: today's agenda, and the first `limit` rows of each list with the list's length."""
    agenda: list[TaskItem] = field(default_factory=list)
    overdue: list[TaskItem] = field(default_factory=list)
    upcoming: list[TaskItem] = field(default_factory=list)
    overdue_total: int = 0
    upcoming_total: int = 0


@dataclass(frozen=True, order=True)
class _Ref:
    due: dt.date
    order: int  # the source's place: one day's items keep their sources together
    position: int  # the place within the source (its own order)
    source: _Source = field(compare=False)
    key: object = field(compare=False)  # a key for source.load, or the TaskItem of a one-step source


def find(employee, today: dt.date, *, limits: dict[str, int | None]) -> Found:
    """The employee's items, split into today's agenda, the overdue (oldest first) and the upcoming (nearest
    first); `limits` caps each list ("overdue", "upcoming"; None = all). Only the rows kept are loaded."""
    agenda, overdue, upcoming = [], [], []
    for order, source in enumerate(_SOURCES):
        for position, found in enumerate(source.find(employee, today)):
            if source.load is None:
                if found.agenda:
                    agenda.append(found)
                    continue
                ref = _Ref(found.due, order, position, source, found)
            else:
                ref = _Ref(found[0], order, position, source, found[1])
            (overdue if ref.due < today else upcoming).append(ref)
    overdue.sort()
    upcoming.sort()
    shown = {"overdue": overdue[:limits.get("overdue")], "upcoming": upcoming[:limits.get("upcoming")]}
    loaded = _load([ref for refs in shown.values() for ref in refs])
    return Found(agenda=agenda, overdue=[loaded[id(ref)] for ref in shown["overdue"] if id(ref) in loaded],
                 upcoming=[loaded[id(ref)] for ref in shown["upcoming"] if id(ref) in loaded],
                 overdue_total=len(overdue), upcoming_total=len(upcoming))


def _load(refs: list[_Ref]) -> dict[int, TaskItem]:
    """id(ref) → TaskItem, one load call per two-step source. A key the source no longer finds (changed since
    it was found) is left out."""
    loaded, by_source = {}, {}
    for ref in refs:
        if ref.source.load is None:
            loaded[id(ref)] = ref.key
        else:
            by_source.setdefault(ref.source, []).append(ref)
    for source, source_refs in by_source.items():
        items = source.load([ref.key for ref in source_refs])
        loaded.update({id(ref): items[ref.key] for ref in source_refs if ref.key in items})
    return loaded


def tasks_for(employee, today: dt.date) -> list[TaskItem]:
    """Every item, agenda included, by due date: for tests and other callers that want the whole list."""
    found = find(employee, today, limits={"overdue": None, "upcoming": None})
    return sorted(found.agenda + found.overdue + found.upcoming, key=lambda item: (item.due, item.kind, item.title))


def source_items(source: Callable, employee, today: dt.date) -> list[TaskItem]:
    """One registered source's items in its own order (the source's tests, a caller that wants one kind)."""
    registered = next(s for s in _SOURCES if s.find is source)
    found = registered.find(employee, today)
    if registered.load is None:
        return list(found)
    items = registered.load([key for _due, key in found])
    return [items[key] for _due, key in found if key in items]
