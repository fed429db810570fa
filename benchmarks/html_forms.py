"""What the load test's users type into Jobspor's forms (benchmarks/locustfile.py; tested without Locust in
jobspor/placements/tests/test_load_scenario.py): the fields a browser would send, and the values a user changes."""
from __future__ import annotations

import datetime as dt
import html.parser


class FormFields(html.parser.HTMLParser):
    """The named inputs of the first form whose action ends with `action` (or, for "", of the first form that posts
    to its own page): the values a browser would send if the user changed nothing."""

    def __init__(self, action: str):
        super().__init__()
        self.action, self.inside, self.fields = action, False, {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            action = a.get("action") or ""
            self.inside = not self.fields and (action.endswith(self.action) if self.action else action == "")
        elif self.inside and tag == "input" and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields[a["name"]] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def form_fields(page: str, action: str) -> dict:
    parser = FormFields(action)
    parser.feed(page)
    return parser.fields


def contact_values(today: dt.date, note: str) -> dict:
    """A job conversation held today, its journal note, the next one in two weeks (the journal's contact form)."""
    return {"kind": "jobsamtale", "date": today.isoformat(), "note": note,
            "next_date": (today + dt.timedelta(days=14)).isoformat(), "next_kind": ""}


def hours_month(today: dt.date) -> str:
    """The month grid (`?maaned=`) that holds this week: the month of its Monday."""
    return f"{today - dt.timedelta(days=today.weekday()):%Y-%m}"


def hours_values(data: dict, today: dt.date, hours: str) -> dict:
    """This week's internship hours in a placement's month grid (or the grid's latest week that has begun, when this
    week is not in it): the week's field is `i-<ISO week>`, next to a hidden `was-<ISO week>`."""
    def monday(label):
        year, number = label.split("-W")
        return dt.date.fromisocalendar(int(year), int(number), 1)
    weeks = sorted((k[4:] for k in data if k.startswith("was-")), key=monday)
    begun = [w for w in weeks if monday(w) <= today] or weeks
    return {f"i-{begun[-1]}": hours} if begun else {}
