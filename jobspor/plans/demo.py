"""Demo plans: most active cases get a goal and 2–5 sub-goals in small, concrete steps (seed 000,
Hovedvej 2.3 and 3.2), some reached, some overdue, with follow-up notes. Written in bulk (see
jobspor.demo.generator.demo_extensions); the rules of plans.services hold: every sub-goal has a due date
on or after the day the plan was made, its owner is the citizen or a staff member on the case, reached_on
is set exactly when it is reached, and no note is dated in the future or before the plan."""

import datetime as dt
import time
from collections import defaultdict

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from jobspor.cases.models import Case, CaseStaff

from .choices import SubGoalStatus
from .models import Plan, SubGoal, SubGoalNote

PLAN_SHARE = 0.85  # of the active cases

COMPANIES = ["Nordlager", "Bygma Horsens", "Netto Egebjergvej", "Horsens Kommunes Park og Vej", "Danish Crown",
             "Rema 1000 Sundvej", "Plantorama", "Bilka Horsens", "Café Jernbanegade", "Forum Horsens",
             "Scandic Bygholm Park", "Vitfoss", "Brdr. Dahl", "Dagli'Brugsen Brædstrup", "Lillebo Plejecenter"]
JOBS = ["Lagermedarbejder", "Køkkenmedhjælper", "Rengøringsassistent", "Butiksmedarbejder", "Chauffør",
        "Pædagogmedhjælper", "Gartnermedhjælper", "Pakkerimedarbejder", "Produktionsmedarbejder",
        "Social- og sundhedshjælper", "Servicemedarbejder", "Truckfører", "Tjener", "Opvasker"]
EDUCATIONS = ["Social- og sundhedshjælper (EUD)", "Grundforløb på EUX Business", "Smed (EUD)",
              "HF-enkeltfag i dansk og matematik", "Ernæringsassistent (EUD)", "Lager- og terminaluddannelsen",
              "Pædagogisk assistent (EUD)", "Tømrer (EUD)"]
HOURS = [10, 15, 20, 25, 30, 37]

STEPS = {
    "job": [
        "Skrive CV færdigt", "Møde op i praktik 3 dage om ugen", "Tage bussen selv til {company}",
        "Øge praktikken fra 10 til 15 timer om ugen", "Få 2 ordinære timer om ugen hos {company}",
        "Søge 2 småjob om ugen på Jobnet", "Besøge {company} sammen med jobformidleren",
        "Tage truckcertifikat", "Lave en aftale om ordinære timer med {company}",
        "Gå fra praktik til løntilskud hos {company}", "Øve jobsamtale med jobformidleren",
        "Møde til tiden alle dage i to uger",
    ],
    "uddannelse": [
        "Besøge erhvervsskolen og tale med en studievejleder", "Søge optagelse på {education}",
        "Tage en brobygningsuge på erhvervsskolen", "Melde sig til ordblindetest",
        "Skrive CV færdigt", "Tage fritidsjob hos {company} 8 timer om ugen",
        "Møde op til undervisning 4 dage om ugen", "Lave et budget for SU-perioden",
    ],
    "jobparat": [
        "Komme op kl. 7 på hverdage", "Tage bussen selv til {company}",
        "Tale med egen læge om smerter i ryggen", "Gå en tur med jobformidleren hver uge (walk and talk)",
        "Møde op i praktik 2 dage om ugen", "Deltage i samtale med rusmiddelcentret",
        "Åbne e-Boks og læse post hver uge", "Melde sig til danskundervisning",
        "Møde til fællesmøde med psykiatrien", "Lave budget sammen med økonomirådgiveren",
        "Øge praktikken fra 6 til 10 timer om ugen", "Holde fast i aftalerne med mentoren",
    ],
    "raskmeldt": [
        "Tale med egen læge om smerter i ryggen", "Holde en rundbordssamtale med arbejdsgiveren",
        "Starte med 12 timer om ugen i eget job", "Øge til 20 timer om ugen i eget job",
        "Tale med arbejdsgiveren om skånehensyn", "Gå til fysioterapi to gange om ugen",
        "Få en friattest fra egen læge", "Prøve andre arbejdsopgaver hos {company}",
    ],
}
GOAL_TEXTS = {
    "job": lambda rng: f"{rng.choice(JOBS)}, {rng.choice(HOURS)} timer om ugen",
    "uddannelse": lambda rng: f"Starte på {rng.choice(EDUCATIONS)}",
    "jobparat": lambda rng: rng.choice(["Klar til virksomhedspraktik med 15 timer om ugen",
                                        "Kunne møde stabilt i praktik og få de første ordinære timer",
                                        "Overskud i hverdagen til at starte i praktik"]),
    "raskmeldt": lambda rng: rng.choice(["Tilbage i eget job på fuld tid", "Raskmeldt og tilbage i eget job",
                                         "Gradvis tilbagevenden til 37 timer om ugen"]),
}
NOTES_REACHED = ["Delmålet er nået – borgeren fortalte selv om det ved samtalen.",
                 "Nået. Virksomheden bekræfter, at det går godt.",
                 "Nået før tid; vi aftalte næste skridt.",
                 "Borgeren har klaret det hele ugen. Godt gået."]
NOTES_PROGRESS = ["Er i gang. Det gik bedre anden uge end første.",
                  "Borgeren var syg en uge; vi holder fast i aftalen.",
                  "Halvvejs. Vi taler om det igen ved næste samtale.",
                  "Fulgt op på telefon: borgeren er motiveret, men bussen er svær om morgenen."]
NOTES_ABANDONED = ["Opgivet: passer ikke længere med målet; nyt delmål aftalt.",
                   "Opgivet efter aftale med borgeren – helbredet tillader det ikke nu."]


class FastInsert:
    """Rows straight into a table with executemany, ids assigned here: at 100,000 cases the demo writes half a
    million plan rows, and building a model instance for each (bulk_create) costs more than the database.
    Values are adapted as Django would (dates, the stamps); call reset_sequences() afterwards (PostgreSQL)."""

    STAMPS = ("created_at", "updated_at", "created_by_id", "updated_by_id")

    def __init__(self, model, columns, *, with_id=True):
        self.model, self.with_id = model, with_id
        self.columns = (["id"] if with_id else []) + list(columns) + list(self.STAMPS)
        self.next_id = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        self.stamps = (now, now, None, None)
        qn = connection.ops.quote_name
        self.sql = (f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(c) for c in self.columns)}) "
                    f"VALUES ({', '.join(['%s'] * len(self.columns))})")
        self.rows = []

    def add(self, *values) -> int | None:
        """Queue one row (values in column order, without id and stamps); returns its id."""
        row_id = None
        if self.with_id:
            row_id = self.next_id
            self.next_id += 1
            values = (row_id, *values)
        self.rows.append(values + self.stamps)
        return row_id

    def flush(self) -> int:
        n = len(self.rows)
        with connection.cursor() as cursor:
            for start in range(0, n, 5000):
                cursor.executemany(self.sql, self.rows[start:start + 5000])
        self.rows = []
        return n


def reset_sequences(*models):
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)


def _goal(rng, benefit, group):
    if benefit == "sygedagpenge":
        return "raskmeldt" if rng.random() < 0.7 else "job"
    if group == 3 or benefit in {"uddannelseshjaelp_uddannelsesparat",
                                 "uddannelseshjaelp_aabenlyst_uddannelsesparat"}:
        return "uddannelse"
    if group == 2 or benefit in {"ressourceforloeb", "jobafklaringsforloeb", "kontanthjaelp_aktivitetsparat",
                                 "uddannelseshjaelp_aktivitetsparat"}:
        return "jobparat" if rng.random() < 0.6 else "job"
    return "job"


def _status(rng, due, today):
    """Older sub-goals are mostly reached; some are left open past their due date (overdue)."""
    age = (today - due).days
    r = rng.random()
    if age > 14:
        return SubGoalStatus.REACHED if r < 0.72 else SubGoalStatus.ABANDONED if r < 0.80 else (
            SubGoalStatus.IN_PROGRESS if r < 0.91 else SubGoalStatus.OPEN)
    if age > -14:
        return SubGoalStatus.REACHED if r < 0.3 else SubGoalStatus.IN_PROGRESS if r < 0.75 else SubGoalStatus.OPEN
    return SubGoalStatus.IN_PROGRESS if r < 0.25 else SubGoalStatus.OPEN


def demo_extend(*, rng, today, fake, say):
    started = time.monotonic()
    cases = list(Case.objects.filter(closed__isnull=True).order_by("pk")
                 .values_list("pk", "opened", "benefit", "target_group"))
    staff = defaultdict(list)  # case → [(employee, role, primary)]
    for case_id, employee_id, role, primary in CaseStaff.objects.filter(case__closed__isnull=True) \
            .values_list("case_id", "employee_id", "role", "is_primary").iterator(chunk_size=5000):
        staff[case_id].append((employee_id, role, primary))
    day = connection.ops.adapt_datefield_value
    plans = FastInsert(Plan, ["case_id", "goal", "goal_text", "made"])
    goals = FastInsert(SubGoal, ["plan_id", "text", "due", "owner_id", "status", "reached_on"])
    notes = FastInsert(SubGoalNote, ["sub_goal_id", "written_on", "author_id", "text", "status"], with_id=False)
    n_plans = n_goals = n_notes = 0
    for case_id, opened, benefit, group in cases:
        if rng.random() >= PLAN_SHARE:
            continue
        goal = _goal(rng, benefit, group)
        # The plan in force: laid soon after the case opened, or renewed within the last year or so.
        made = min(today, max(opened + dt.timedelta(days=rng.randint(2, 30)),
                              today - dt.timedelta(days=rng.randint(20, 420))))
        plan_id = plans.add(case_id, goal, GOAL_TEXTS[goal](rng), day(made))
        links = staff[case_id]
        primary = next((e for e, _r, p in links if p), None)
        others = [e for e, _r, p in links if not p]
        mentors = [e for e, r, _p in links if r == "mentor"]
        steps = rng.sample(STEPS[goal], k=rng.randint(2, 5))
        # The small steps run from the plan to a month or two ahead: the past ones mostly reached.
        stride = max(10, ((today - made).days + rng.randint(20, 75)) // len(steps))
        due = made
        for text in steps:
            due = due + dt.timedelta(days=max(7, stride + rng.randint(-stride // 3, stride // 3)))
            status = _status(rng, due, today)
            r = rng.random()
            owner = None if r < 0.7 else primary if r < 0.88 or not others else rng.choice(others)
            reached_on = None
            if status == SubGoalStatus.REACHED:
                reached_on = min(today, max(made, due + dt.timedelta(days=rng.randint(-12, 6))))
            text = text.format(company=rng.choice(COMPANIES), education=rng.choice(EDUCATIONS))
            goal_id = goals.add(plan_id, text, day(due), owner, status, day(reached_on) if reached_on else None)
            author = rng.choice(mentors) if mentors and rng.random() < 0.5 else primary
            if status == SubGoalStatus.REACHED:
                notes.add(goal_id, day(reached_on), author, rng.choice(NOTES_REACHED), status)
            elif status == SubGoalStatus.ABANDONED:
                notes.add(goal_id, day(min(today, max(made, due))), primary, rng.choice(NOTES_ABANDONED), status)
            elif status == SubGoalStatus.IN_PROGRESS and rng.random() < 0.6:
                written = min(today, max(made, due - dt.timedelta(days=rng.randint(3, 20))))
                notes.add(goal_id, day(written), author, rng.choice(NOTES_PROGRESS), status)
        if len(goals.rows) >= 20000:
            n_plans, n_goals, n_notes = n_plans + plans.flush(), n_goals + goals.flush(), n_notes + notes.flush()
    n_plans, n_goals, n_notes = n_plans + plans.flush(), n_goals + goals.flush(), n_notes + notes.flush()
    reset_sequences(Plan, SubGoal, SubGoalNote)
    say(f"  planer og delmål: {time.monotonic() - started:.1f} s".replace(".", ","))
    return [(n_plans, "plan", "planer"), (n_goals, "delmål", "delmål"),
            (n_notes, "opfølgning på delmål", "opfølgninger på delmål")]
