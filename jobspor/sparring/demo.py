"""Demo case sparring: last week's meeting of the first team (where the fixed logins work), with the agenda the
system proposed. No decisions: a decision is an event on its case, and the demo records no events."""

import datetime as dt

from jobspor.demo.generator import ID_PREFIX
from jobspor.organisation.models import Team

from .agenda import propose
from .models import SparringItem, SparringMeeting


def demo_extend(*, rng, today, fake, say):
    team = Team.objects.filter(external_id=f"{ID_PREFIX}T01").first()  # TEAMS[0], the fixed logins' team
    if team is None:
        return []
    held_on = today - dt.timedelta(days=7)
    meeting = SparringMeeting.objects.create(team=team, held_on=held_on)
    SparringItem.objects.bulk_create([
        SparringItem(meeting=meeting, case=p.case, reasons=p.reasons, position=n)
        for n, p in enumerate(propose(team, today=held_on), start=1)])
    return [(1, "sparringsmøde", "sparringsmøder")]
