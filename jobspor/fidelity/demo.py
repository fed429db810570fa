"""Demo Test praksis: the demo leader's team has answered the last three finished cycles, getting closer to the
method each time, and has begun on the current one — so the team's chart of fidelity beside results has lines."""

import datetime as dt

from jobspor.organisation.models import Employee

from . import cycles
from .choices import AnswerValue
from .models import Answer, Cycle, Question

# Chance of yes / partly per cycle, oldest first; the current cycle is a third answered.
PROGRESS = [(0.25, 0.35), (0.4, 0.35), (0.55, 0.3), (0.65, 0.25)]
ACTIONS = ["Tag det op på næste teammøde", "Aftal med lederen, hvordan vi gør det fremover",
           "Lav en fælles skabelon", "Følg op ved sagssparring"]


def demo_extend(*, rng, today, fake, say):
    leader = Employee.objects.filter(user__username="leder").select_related("team").first()
    if leader is None or leader.team_id is None:
        return []
    team = leader.team
    members = list(Employee.objects.filter(team=team, is_active=True).order_by("pk"))
    questions = list(Question.objects.order_by("section", "position"))
    bounds = cycles.recent(today, len(PROGRESS))
    made = []
    for (start, end), (yes, partly) in zip(bounds, PROGRESS, strict=True):
        cycle = Cycle.objects.create(team=team, start=start, end=end)
        current = end >= today
        for question in questions:
            if current and rng.random() > 0.35:
                continue  # the running cycle is under way
            draw = rng.random()
            value = AnswerValue.YES if draw < yes else AnswerValue.PARTLY if draw < yes + partly else AnswerValue.NO
            answer = Answer(cycle=cycle, question=question, value=value, answered_by=leader,
                            note="" if value == AnswerValue.YES else fake.sentence(nb_words=8))
            if value != AnswerValue.YES:
                answer.action = rng.choice(ACTIONS)
                answer.action_owner = rng.choice(members)
                answer.action_due = min(end, today) + dt.timedelta(days=rng.randint(14, 60))
            made.append(answer)
    Answer.objects.bulk_create(made)
    say(f"  {len(made)} svar i Test praksis ({team.name})")
    return [(len(made), "svar i Test praksis", "svar i Test praksis")]
