"""Demo mentor assignments: every active case with a staff mentor on it gets that mentor's assignment
(tasks from the catalogue, hours, period, follow-ups); the fixed `mentor` login gets a handful of cases
in Team JobFirst Nord so it is worth logging in as; a share of the other active group 2/3 cases get a
volunteer mentor. Written in bulk; the rules of mentors.services hold (one mentor per assignment, a staff
mentor is on the case as its mentor, the period starts on or after the case opened and ends after it starts,
no follow-up in the future or before the start, a running staff assignment has not ended)."""

import datetime as dt
import json
import time
from decimal import Decimal

from django.db import connection

from jobspor.cases.models import Case, CaseStaff
from jobspor.demo.generator import ID_PREFIX
from jobspor.organisation.models import Employee, Team
from jobspor.plans.demo import FastInsert, reset_sequences

from .catalogue import AREAS
from .choices import Decision
from .models import MentorAssignment, MentorFollowUp, Volunteer

VOLUNTEER_SHARE = 0.05  # of active group 2/3 cases without a staff mentor
FIXED_MENTOR_CASES = 8  # at least this many cases for the `mentor` login
CASES_PER_VOLUNTEER = 3
ORGANISATIONS = ["Røde Kors Horsens", "Mentorkorpset Horsens", "Dansk Flygtningehjælp, Frivillignet",
                 "Frivilligcenter Horsens", "KFUM's Sociale Arbejde", "Kirkens Korshær Horsens",
                 "Foreningen Nydanskere i job", "Seniorer i Arbejdslivet"]
TASKS = {
    "praktiske_opgaver": ["Øve busturen til praktikstedet de første to uger.",
                          "Lave en ugeplan sammen med borgeren, så mødetiderne i praktikken holdes."],
    "kontakt": ["Følge borgeren til den første samtale hos egen læge og hjælpe med at forberede spørgsmål.",
                "Hjælpe borgeren med at forstå aftalerne i praktikken og tale om dem med jobformidleren."],
    "ressourceafklaring": ["Føre logbog sammen med borgeren om, hvad der går godt i praktikken.",
                           "Samle borgerens erfaringer til næste opfølgning med jobformidleren."],
    "tillid_og_motivation": ["Støtte borgeren i at nå delmålene i planen – de små skridt.",
                             "Holde fast i den ugentlige aftale og fejre, når et delmål er nået."],
    "netvaerk": ["Hjælpe borgeren i gang med en fritidsaktivitet i lokalområdet.",
                 "Støtte kontakten til en bror, der kan køre borgeren de første uger."],
    "sproglig_og_kulturel_stoette": ["Være bindeled de første uger på arbejdspladsen og forklare uskrevne regler.",
                                     "Hjælpe med at finde et danskhold, der passer med arbejdstiderne."],
    "personlige_udfordringer": ["Tage med til mødet i banken om afdragsordning.",
                                "Hjælpe borgeren med at skrive sig op hos boligselskaberne."],
}
FOLLOW_UP_NOTES = {
    Decision.CONTINUE: ["Samarbejdet går godt; borgeren møder stabilt. Vi fortsætter som aftalt.",
                        "Borgeren er glad for støtten. Fortsætter uændret."],
    Decision.ADJUST: ["Færre timer fremover – borgeren klarer bussen selv nu. Fokus flyttes til netværk.",
                      "Justeret: mere fokus på kontakten til lægen, mindre på praktiske opgaver."],
}


def _assignment(rng, *, case_id, opened, today, employee_id=None, volunteer_id=None, running=True):
    areas = sorted(rng.sample([a.key for a in AREAS], k=rng.randint(1, 3)),
                   key=[a.key for a in AREAS].index)
    # Started within the last year or so (an assignment is followed up and renewed, not left for years).
    starts = min(today, max(opened + dt.timedelta(days=rng.randint(7, 90)),
                            today - dt.timedelta(days=rng.randint(30, 400))))
    ends = None
    if rng.random() < 0.6:
        ends = starts + dt.timedelta(days=rng.choice((91, 122, 183)))
        if running and ends < today:
            ends = today + dt.timedelta(days=rng.randint(14, 90))
    return MentorAssignment(
        case_id=case_id, employee_id=employee_id, volunteer_id=volunteer_id, areas=areas,
        tasks="\n".join(rng.choice(TASKS[key]) for key in areas),
        hours_per_week=Decimal(rng.choice(("1", "1.5", "2", "2", "3", "4", "5"))), starts=starts, ends=ends)


def demo_extend(*, rng, today, fake, say):
    started = time.monotonic()
    active = dict(Case.objects.filter(closed__isnull=True).values_list("pk", "opened"))
    fixed = Employee.objects.filter(user__username="mentor").values_list("pk", flat=True).first()
    mentor_links = list(CaseStaff.objects.filter(role="mentor", case__closed__isnull=True)
                        .values_list("case_id", "employee_id"))
    # The fixed mentor login: a handful of group 2 cases in the first team (where the fixed logins work).
    fixed_cases = {case_id for case_id, employee_id in mentor_links if employee_id == fixed}
    if fixed and len(fixed_cases) < FIXED_MENTOR_CASES:
        team = Team.objects.filter(external_id__startswith=ID_PREFIX).order_by("external_id") \
            .values_list("pk", flat=True).first()
        with_mentor = {case_id for case_id, _e in mentor_links}
        candidates = list(Case.objects.filter(team_id=team, closed__isnull=True, target_group=2)
                          .exclude(pk__in=with_mentor).order_by("pk").values_list("pk", flat=True)
                          [:FIXED_MENTOR_CASES - len(fixed_cases)])
        CaseStaff.objects.bulk_create([CaseStaff(case_id=c, employee_id=fixed, role="mentor", is_primary=False)
                                       for c in candidates])
        mentor_links += [(c, fixed) for c in candidates]

    assignments = [_assignment(rng, case_id=case_id, opened=active[case_id], today=today, employee_id=employee_id)
                   for case_id, employee_id in mentor_links]
    with_mentor = {case_id for case_id, _e in mentor_links}
    volunteer_cases = [pk for pk in Case.objects.filter(closed__isnull=True, target_group__in=(2, 3))
                       .order_by("pk").values_list("pk", flat=True)
                       if pk not in with_mentor and rng.random() < VOLUNTEER_SHARE]
    n_volunteers = max(3, len(volunteer_cases) // CASES_PER_VOLUNTEER) if volunteer_cases else 0
    volunteers = []
    for _i in range(n_volunteers):
        name = f"{fake.first_name()} {fake.last_name()}"
        login = "".join(ch for ch in name.lower().replace(" ", ".") if ch.isascii())
        volunteers.append(Volunteer(name=name, phone=f"{rng.randint(20, 61)} {rng.randint(10, 99)} "
                                                     f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
                                    email=f"{login}@frivillig.example", organisation=rng.choice(ORGANISATIONS)))
    Volunteer.objects.bulk_create(volunteers, batch_size=500)
    assignments += [_assignment(rng, case_id=case_id, opened=active[case_id], today=today, running=False,
                                volunteer_id=volunteers[i % len(volunteers)].pk)
                    for i, case_id in enumerate(volunteer_cases)]
    day = connection.ops.adapt_datefield_value
    rows = FastInsert(MentorAssignment, ["case_id", "employee_id", "volunteer_id", "areas", "tasks",
                                         "hours_per_week", "starts", "ends"])
    follow_ups = FastInsert(MentorFollowUp, ["assignment_id", "held_on", "notes", "decision"], with_id=False)
    for a in assignments:
        a.pk = rows.add(a.case_id, a.employee_id, a.volunteer_id, json.dumps(a.areas), a.tasks,
                        connection.ops.adapt_decimalfield_value(a.hours_per_week, 4, 1), day(a.starts),
                        day(a.ends) if a.ends else None)
        held = a.starts + dt.timedelta(days=rng.randint(21, 35))
        last = min(today, a.ends) if a.ends else today
        while held <= last and (not a.ends or held < a.ends):
            decision = Decision.ADJUST if rng.random() < 0.25 else Decision.CONTINUE
            follow_ups.add(a.pk, day(held), rng.choice(FOLLOW_UP_NOTES[decision]), decision)
            held += dt.timedelta(days=rng.randint(35, 63))
        if a.ends and a.ends <= today:
            follow_ups.add(a.pk, day(a.ends), "Mentorforløbet afsluttes som aftalt; borgeren klarer det selv nu.",
                           Decision.END)
    rows.flush()
    n_follow_ups = follow_ups.flush()
    reset_sequences(MentorAssignment, MentorFollowUp)
    say(f"  mentorforløb: {time.monotonic() - started:.1f} s".replace(".", ","))
    return [(len(assignments), "mentorforløb", "mentorforløb"),
            (n_follow_ups, "opfølgning på mentorforløb", "opfølgninger på mentorforløb"),
            (len(volunteers), "frivillig mentor", "frivillige mentorer")]
