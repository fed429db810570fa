"""Evaluation of the ranking on generated data with planted ground truth (issue 6, point 8).

`generate` creates openings in eight Danish towns and, for each, citizens built to fit it (the relevant
ones) and distractors that must not rank above them:

    fit, exact          the opening's tasks word for word, job goal = the title, nearby, licence
    fit, paraphrase     the tasks in other words ("pakning af varer" for "pakke varer"), job goal similar
    fit, partial        two of the three tasks, plus unrelated experience
    fit, goal           one task and the job goal
    fit, extra          all tasks among many unrelated ones, lives a little farther away
    other sense         the same verbs in another sense ("køre bus" for "køre truck", "betjene maskiner"
                        for "betjene kasse")
    too far            all tasks, but lives beyond their own commute limit   (hard requirement)
    no licence         all tasks, but lacks the required driving licence     (hard requirement)
    no competency      all tasks, but lacks the required competency          (hard requirement)
    background          citizens with the tasks of other openings

`evaluate` ranks the candidates of every opening with the engine and reports precision@5 (relevant among
the first five / 5), mean reciprocal rank of the first relevant candidate, and how many hard-requirement
distractors were listed at all (must be 0).
"""

import datetime as dt
import random
from dataclasses import dataclass, field

# title, tasks, paraphrased tasks, other-sense tasks, licence, required competency, town, nearby, far away
OPENINGS = [
    ("Lagerhjælper", ["pakke varer", "plukke ordrer", "køre truck"],
     ["pakning af varer", "plukning af ordrer", "truckkørsel"], ["pakke gaver ind", "plukke blomster", "køre bus"],
     "B", "", "8700", ["8700", "8660"], "9000"),
    ("Rengøringsassistent", ["gøre rent på kontorer", "tømme skraldespande", "vaske gulve"],
     ["rengøring af kontorer", "tømning af skraldespande", "gulvvask"], ["vaske biler", "tømme lastbiler",
                                                                        "male gulve"],
     "", "", "8000", ["8000", "8210"], "2100"),
    ("Butiksmedhjælper", ["betjene kasse", "fylde varer op", "vejlede kunder"],
     ["kassebetjening", "opfyldning af varer", "vejledning af kunder"], ["betjene maskiner", "fylde tanke op",
                                                                         "vejlede elever"],
     "", "", "5000", ["5000", "5200"], "9000"),
    ("Køkkenmedhjælper", ["vaske op", "skrælle kartofler", "anrette mad"],
     ["opvask", "skrælning af kartofler", "anretning af mad"], ["vaske tøj", "skrælle maling af", "købe mad"],
     "", "hygiejnebevis", "9000", ["9000", "9200"], "6700"),
    ("Pedelmedhjælper", ["slå græs", "feje fortove", "udføre små reparationer"],
     ["græsslåning", "fejning af fortove", "små reparationer"], ["slå søm i", "feje skorsten", "udføre revision"],
     "B", "", "2100", ["2100", "2200"], "8000"),
    ("Chaufførmedhjælper", ["køre varer ud", "læsse varer", "bære kasser"],
     ["udbringning af varer", "læsning af varer", "bære kasser med varer"], ["køre taxa", "læsse bøger",
                                                                             "bære uniform"],
     "B", "", "6700", ["6700", "6705"], "2100"),
    ("Pædagogmedhjælper", ["lege med børn", "hjælpe ved måltider", "rydde op"],
     ["leg med børn", "hjælp ved måltider", "oprydning"], ["lege med musik", "hjælpe ved kirurgi", "rydde sne"],
     "", "børneattest", "8900", ["8900"], "5000"),
    ("Plejehjemsmedhjælper", ["hjælpe beboere", "servere mad", "gå ture med beboere"],
     ["hjælp til beboere", "servering af mad", "gåture med beboere"], ["hjælpe kunder", "servere drinks",
                                                                       "gå med aviser"],
     "", "", "4000", ["4000"], "9000"),
]
UNRELATED = ["sortere post", "passe dyr", "lægge fliser", "svejse stål", "sy gardiner", "skrive fakturaer"]


@dataclass
class Planted:
    job: object
    relevant: set = field(default_factory=set)  # case ids built to fit
    excluded: set = field(default_factory=set)  # case ids that fail a hard requirement


def generate(*, primary, seed=6, opened=dt.date(2025, 1, 10)) -> list[Planted]:
    from jobspor.testing.factories import make_case, make_company, make_cv, make_job

    rng = random.Random(seed)
    planted = []
    n = 0

    def citizen(code, tasks, *, goals=(), licence=("B",), commute=30, competencies=(), hours=20):
        nonlocal n
        n += 1
        case = make_case(primary=primary, name=f"Borger {n}", postal_code=code, external_id=f"EV{n:04d}",
                         opened=opened - dt.timedelta(days=rng.randint(0, 200)))
        make_cv(case=case, tasks=list(tasks), competencies=list(competencies), job_goals=list(goals),
                driving_licence=list(licence), max_commute_km=commute, hours_per_week=hours)
        return case.pk

    for i, (title, tasks, paraphrase, other, licence, required, town, near, far) in enumerate(OPENINGS):
        company = make_company(name=f"Evalueringsfirma {i} ApS", postal_code=town)
        job = make_job(company=company, title=title, external_id=f"EVJ{i}", tasks=tasks, hours_per_week=15,
                       postal_code=town, driving_licence=licence,
                       competencies_required=[required] if required else [])
        has = [required] if required else []
        p = Planted(job=job)
        p.relevant |= {
            citizen(near[0], tasks, goals=[title], competencies=has),
            citizen(rng.choice(near), paraphrase, goals=[title.lower()], competencies=has),
            citizen(rng.choice(near), tasks[:2] + [rng.choice(UNRELATED)], competencies=has),
            citizen(near[-1], tasks[:1], goals=[title], competencies=has),
            citizen(near[-1], tasks + rng.sample(UNRELATED, 3), competencies=has, hours=10),
        }
        citizen(near[0], other, competencies=has)  # other sense: not relevant, not excluded
        citizen(near[0], other[:2] + tasks[2:], competencies=has)  # one real task, two false friends
        p.excluded.add(citizen(far, tasks, goals=[title], commute=20, competencies=has))
        if licence:
            p.excluded.add(citizen(near[0], tasks, goals=[title], licence=(), competencies=has))
        if required:
            p.excluded.add(citizen(near[0], tasks, goals=[title]))
        planted.append(p)
    for p in planted:  # background: citizens near each opening with other openings' tasks
        for _ in range(3):
            other = rng.choice([o for o in OPENINGS if o[0] != p.job.title])
            citizen(p.job.postal_code_id, rng.sample(other[1], 2), goals=[other[0]])
    return planted


def evaluate(planted: list[Planted], *, today=None, k: int = 5) -> dict:
    from . import engine

    precision, reciprocal, violations = [], [], 0
    for p in planted:
        ranked = [c.case_id for c in engine.candidates_for_job(p.job, top=50, today=today)]
        precision.append(len(set(ranked[:k]) & p.relevant) / k)
        first = next((i for i, case_id in enumerate(ranked, 1) if case_id in p.relevant), None)
        reciprocal.append(1 / first if first else 0.0)
        violations += len(set(ranked) & p.excluded)
    return {"openings": len(planted), f"precision_at_{k}": round(sum(precision) / len(precision), 3),
            "mrr": round(sum(reciprocal) / len(reciprocal), 3), "hard_requirement_violations": violations}
