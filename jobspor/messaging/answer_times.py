"""Answer times per team (management information).

A question is a citizen's or company's message that finds the thread not already waiting for us (the first of
several in a row starts the clock). Its answer time runs from that message to the first jobcentre message after it
in the thread, counted in weekday hours (promise.py). A question counts in the period it was asked in. Within the
promise: answered no later than the deadline; a question still unanswered after its deadline counts as missed; one
still inside its deadline is shown as waiting and left out of both figures.

A thread's team is its case's team, or for a company the team of the company's owner."""

import datetime as dt
import statistics
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from jobspor.core.forms import Form
from jobspor.organisation.models import Team

from .models import AuthorKind, Message
from .promise import deadline, weekday_hours

MAX_DAYS = 3 * 366


class AnswerTimesForm(Form):
    start = forms.DateField(label=_l("Fra"), widget=forms.DateInput(attrs={"type": "date"}),
                            error_messages={"invalid": _l("Skriv datoen som ÅÅÅÅ-MM-DD.")})
    end = forms.DateField(label=_l("Til"), widget=forms.DateInput(attrs={"type": "date"}),
                          error_messages={"invalid": _l("Skriv datoen som ÅÅÅÅ-MM-DD.")})

    def __init__(self, data=None, today=None):
        today = today or timezone.localdate()
        defaults = {"start": (today - dt.timedelta(days=90)).isoformat(), "end": today.isoformat()}
        data = data.copy() if data is not None else {}
        for key, value in defaults.items():
            if not data.get(key):
                data[key] = value
        super().__init__(data)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("Slutdatoen ligger før startdatoen."))
            elif (end - start).days > MAX_DAYS:
                self.add_error("end", _("Vælg en periode på højst tre år."))
        return data


@dataclass
class TeamAnswerTimes:
    name: str
    hours: list = field(default_factory=list)  # answer times of answered questions, weekday hours
    within: int = 0  # answered by the deadline
    unanswered_late: int = 0  # not answered, deadline passed
    waiting: int = 0  # not answered, deadline not yet passed

    @property
    def answered(self) -> int:
        return len(self.hours)

    @property
    def missed(self) -> int:
        return self.answered - self.within + self.unanswered_late

    @property
    def median(self):
        return round(statistics.median(self.hours), 1) if self.hours else None

    @property
    def share_within(self):
        counted = self.answered + self.unanswered_late
        return round(100 * self.within / counted) if counted else None


def _questions(rows):
    """(thread team, asked at, answered at or None) from a thread's messages in order."""
    asked = None
    for row in rows:
        if row["author_kind"] == AuthorKind.STAFF:
            if asked is not None:
                yield asked, row["sent_at"]
                asked = None
        elif asked is None:
            asked = row["sent_at"]
    if asked is not None:
        yield asked, None


def answer_times(start: dt.date, end: dt.date, *, now=None) -> dict:
    now = now or timezone.now()
    lo = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    hi = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    db = settings.JOBSPOR_KPI_DATABASE
    asked_in_period = (Message.objects.using(db).exclude(author_kind=AuthorKind.STAFF)
                       .filter(sent_at__gte=lo, sent_at__lt=hi).values("thread_id"))
    rows = (Message.objects.using(db).filter(thread_id__in=asked_in_period)
            .values("thread_id", "author_kind", "sent_at", "thread__case__team_id",
                    "thread__company__owner__team_id").order_by("thread_id", "sent_at", "id"))
    teams = dict(Team.objects.using(db).values_list("pk", "name"))
    per_team: dict = {}
    total = TeamAnswerTimes(_("Hele jobcentret"))
    by_thread: dict = {}
    for row in rows:
        by_thread.setdefault(row["thread_id"], []).append(row)
    for thread_rows in by_thread.values():
        team_id = thread_rows[0]["thread__case__team_id"] or thread_rows[0]["thread__company__owner__team_id"]
        bucket = per_team.setdefault(team_id, TeamAnswerTimes(teams.get(team_id) or _("Uden team")))
        for asked, answered in _questions(thread_rows):
            if not lo <= asked < hi:
                continue
            due = deadline(asked)
            for target in (bucket, total):
                if answered is not None:
                    target.hours.append(weekday_hours(asked, answered))
                    target.within += answered <= due
                elif due < now:
                    target.unanswered_late += 1
                else:
                    target.waiting += 1
    ordered = sorted(per_team.values(), key=lambda t: t.name)
    return {"start": start, "end": end, "teams": ordered, "total": total}
