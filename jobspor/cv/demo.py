"""Demo CVs (jobspor.demo.generator.demo_extensions): most citizens with an active case get a CV made of real
Danish job tasks from one or two occupations they have worked in or aim for. Written with executemany."""

import datetime as dt

from jobspor.cases.models import Case
from jobspor.core.bulk import rows_insert
from jobspor.core.danish_text import phrase_key

from .choices import ItemKind
from .models import Cv, CvExperience, CvItem, CvJobGoal, CvLanguage

CV_SHARE = 0.8  # of the citizens with an active case

# occupation: job goals, concrete tasks, competencies, workplaces (for experience)
OCCUPATIONS = {
    "lager": (
        ["Lagermedarbejder", "Lagerhjælper", "Truckfører"],
        ["pakke varer", "plukke ordrer", "modtage varer", "køre truck", "scanne varer ind", "tælle lager op",
         "sætte varer på plads", "pakke paller", "klargøre forsendelser", "køre palleløfter", "rydde op på lageret"],
        ["truckcertifikat", "kender til håndscanner", "lagerstyringssystem", "sikker løfteteknik"],
        ["Nordlager ApS", "Dagrofa Logistik", "PostNord Horsens", "Bilka Horsens lager"],
    ),
    "rengøring": (
        ["Rengøringsassistent", "Servicemedarbejder"],
        ["gøre rent på kontorer", "vaske gulve", "gøre toiletter rent", "tømme skraldespande", "støvsuge",
         "pudse vinduer", "rengøre køkkener", "skifte sengetøj", "fylde sæbe og papir op", "betjene gulvvaskemaskine"],
        ["kender til rengøringsmidler", "rengøringsteknik", "hygiejneregler"],
        ["ISS Facility Services", "Horsens Kommune, Rengøring", "Elite Miljø", "Forenede Service"],
    ),
    "detail": (
        ["Butiksmedarbejder", "Butiksassistent", "Kassemedarbejder"],
        ["fylde varer på hylder", "betjene kassen", "hjælpe kunder", "bage brød af", "tjekke datoer på varer",
         "pakke varer ud", "holde butikken ryddelig", "modtage varer", "sætte prisskilte op", "tage imod returflasker"],
        ["kassesystem", "kundeservice", "kender til varekendskab"],
        ["Netto", "Rema 1000", "SuperBrugsen", "Lidl", "Jysk"],
    ),
    "køkken": (
        ["Køkkenmedhjælper", "Opvasker", "Kantinemedarbejder"],
        ["vaske op", "skrælle grøntsager", "anrette mad", "lave salater", "rengøre køkkenet", "smøre sandwich",
         "servere mad", "tilberede mad", "tage imod varer", "fylde buffeten op"],
        ["hygiejnebevis", "kender til HACCP", "fødevarehygiejne"],
        ["Kantinen på Rådhuset", "Café Møllen", "Jensens Bøfhus", "Plejecenter Sundbakken, køkkenet"],
    ),
    "pleje": (
        ["Hjemmehjælper", "Omsorgsmedhjælper", "Social- og sundhedshjælper"],
        ["hjælpe ældre med indkøb", "gøre rent hos borgere", "lave mad til beboere", "gå tur med beboere",
         "hjælpe med personlig hygiejne", "dække bord", "læse højt for beboere", "redde senge"],
        ["førstehjælp", "forflytningskursus", "tavshedspligt"],
        ["Plejecenter Sundbakken", "Hjemmeplejen Horsens", "Bofællesskabet Kløvermarken"],
    ),
    "gartneri": (
        ["Gartnermedhjælper", "Anlægsgartnermedhjælper", "Parkarbejder"],
        ["slå græs", "luge bede", "beskære buske", "plante blomster", "rive blade sammen", "lægge fliser",
         "vande planter", "samle affald i parker", "køre havetraktor"],
        ["motorsav kursus", "kender til planter", "maskiner til havearbejde"],
        ["Horsens Kommune, Park og Vej", "Anlægsgartner Holm", "Plantorama", "Gartneriet Østergård"],
    ),
    "transport": (
        ["Chauffør", "Budbilchauffør", "Flyttemand"],
        ["køre varebil", "levere pakker", "læsse lastbil", "bære møbler", "planlægge ruter", "tjekke fragtbreve",
         "køre varer ud til kunder", "surre last"],
        ["kørekort kategori B", "kender til køre-hviletid", "ADR-bevis"],
        ["GLS Horsens", "Flyttefirmaet Hansen", "DAO", "Budstikken"],
    ),
    "byggeri": (
        ["Byggepladsmedarbejder", "Håndværkermedhjælper", "Maler-medhjælper"],
        ["rydde byggepladsen", "bære materialer", "male vægge", "slibe træværk", "opsætte stilladser",
         "sortere affald", "blande beton", "montere gipsplader"],
        ["sikkerhedskursus til byggepladsen", "kender til el-værktøj", "stilladskursus"],
        ["Horsens Byg A/S", "Malerfirmaet Jensen", "NCC", "Tømrer Lund"],
    ),
    "kontor": (
        ["Kontorassistent", "Receptionist", "Kontorhjælper"],
        ["besvare telefonen", "sortere post", "scanne dokumenter", "taste data ind", "tage imod gæster",
         "bestille kontorartikler", "arkivere papirer", "lave kaffe til møder"],
        ["Word og Excel", "kundeservice", "kender til arkivering"],
        ["Horsens Kommune, Borgerservice", "Advokatfirmaet Nielsen", "Revisionsfirmaet Krogh"],
    ),
}
LEISURE = [("fritid", "Træner for ungdomshold", "Horsens Fodboldklub"),
           ("fritid", "Frivillig i genbrugsbutik", "Røde Kors"),
           ("fritid", "Hjælper ved festival", "Horsens Festuge"), ("privat", "Passer familiens have", ""),
           ("privat", "Istandsætter knallerter", ""), ("privat", "Passer sine børnebørn", ""),
           ("uddannelse", "Folkeskolens afgangsprøve", "Horsens"),
           ("uddannelse", "Grundforløb på erhvervsskole", "Learnmark"),
           ("praktik", "Virksomhedspraktik", "Genbrugspladsen")]
ACCOMMODATIONS = ["ingen tunge løft", "korte arbejdsdage i starten", "mulighed for pauser", "fast kontaktperson",
                  "ikke natarbejde", "kan ikke stå op hele dagen", "rolige omgivelser", "arbejde alene i starten"]
LANGUAGES = [("Engelsk", "godt"), ("Engelsk", "lidt"), ("Arabisk", "modersmaal"), ("Tyrkisk", "modersmaal"),
             ("Polsk", "modersmaal"), ("Tysk", "lidt"), ("Somali", "modersmaal")]

_keys: dict[str, str] = {}


def _key(text: str) -> str:
    if text not in _keys:
        _keys[text] = phrase_key(text)
    return _keys[text]


def _date(rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _insert(model, objs: list[dict]):
    """Insert rows (dicts by attribute name, all with the same keys) with jobspor.core.bulk.rows_insert: Django's
    bulk_create spends most of its time preparing each value of ~800,000 rows (100,000 cases). The other columns
    get what the ORM would give them (timestamps now, created_by and updated_by empty, defaults)."""
    if objs:
        names = list(objs[0])
        rows_insert(model, names, [tuple(obj[name] for name in names) for obj in objs])


def demo_extend(*, rng, today, fake, say):
    active = list(Case.objects.filter(closed__isnull=True).order_by("citizen_id")
                  .values_list("citizen_id", "opened", "citizen__birth_date").distinct())
    occupations = list(OCCUPATIONS)
    counts = {"cv": 0, "task": 0}
    cvs, plans = [], []
    seen = set()
    for citizen_id, opened, birth in active:
        if citizen_id in seen or rng.random() > CV_SHARE:
            continue
        seen.add(citizen_id)
        created = min(today, opened + dt.timedelta(days=rng.randint(3, 45)))
        main = rng.choice(occupations)
        other = rng.choice(occupations) if rng.random() < 0.4 else None
        cv = dict(citizen_id=citizen_id, created=created, hours_now=rng.choice([None, 0, 5, 8, 10, 12, 15, 20, 25]),
                hours_wanted=rng.choice([None, 15, 20, 25, 30, 37]),
                max_commute_km=rng.choice([None, 5, 10, 15, 25, 40]),
                transport=sorted(rng.sample(["bil", "cykel", "offentlig_transport"], rng.randint(1, 2))),
                driving_licence=["B"] if rng.random() < 0.45 else [])
        cvs.append(cv)
        plans.append((cv, main, other, created, birth))
    _insert(Cv, cvs)
    ids = dict(Cv.objects.values_list("citizen_id", "pk"))
    for cv in cvs:
        cv["pk"] = ids[cv["citizen_id"]]

    items, experience, goals, languages = [], [], [], []
    for cv, main, other, created, birth in plans:
        goal_titles, tasks, competencies, places = OCCUPATIONS[main]
        chosen = rng.sample(tasks, rng.randint(3, 6))
        if other:
            chosen += [t for t in rng.sample(OCCUPATIONS[other][1], 2) if t not in chosen]
        used = set()
        for kind, texts in ((ItemKind.TASK, chosen),
                            (ItemKind.COMPETENCY, rng.sample(competencies, rng.randint(0, 2))),
                            (ItemKind.ACCOMMODATION, rng.sample(ACCOMMODATIONS, rng.choice([0, 0, 1, 2]))),
                            (ItemKind.JOB_WISH, [rng.choice(goal_titles).lower()] if rng.random() < 0.5 else [])):
            for position, text in enumerate(texts, start=1):
                if (kind, _key(text)) in used:
                    continue
                used.add((kind, _key(text)))
                items.append(dict(cv_id=cv["pk"], kind=kind, text=text, key=_key(text), position=position,
                                  created=created))
        counts["task"] += len(chosen)
        adult = birth + dt.timedelta(days=18 * 365)
        end = _date(rng, max(adult, created - dt.timedelta(days=8 * 365)), created - dt.timedelta(days=30))
        for occupation in [o for o in (main, other) if o]:
            if end <= adult:
                break
            begin = max(adult, end - dt.timedelta(days=rng.randint(120, 5 * 365)))
            experience.append(dict(cv_id=cv["pk"], kind="job", title=rng.choice(OCCUPATIONS[occupation][0]),
                                           place=rng.choice(OCCUPATIONS[occupation][3]), start=begin, end=end,
                                           created=created))
            end = begin - dt.timedelta(days=rng.randint(30, 700))
        if rng.random() < 0.6:
            kind, title, place = rng.choice(LEISURE)
            begin = _date(rng, adult - dt.timedelta(days=3 * 365), created - dt.timedelta(days=60))
            finish = max(begin, min(created, begin + dt.timedelta(days=rng.randint(60, 900))))
            ongoing = kind in ("fritid", "privat") and rng.random() < 0.5
            experience.append(dict(cv_id=cv["pk"], kind=kind, title=title, place=place, start=begin,
                                           end=None if ongoing else finish, created=created))
        if rng.random() < 0.85:
            goals.append(dict(cv_id=cv["pk"], title=rng.choice(goal_titles),
                                   set_on=min(today, created + dt.timedelta(days=rng.randint(0, 60)))))
        languages.append(dict(cv_id=cv["pk"], language="Dansk",
                                    level=rng.choice(["modersmaal", "modersmaal", "modersmaal", "godt", "lidt"])))
        if rng.random() < 0.35:
            language, level = rng.choice(LANGUAGES)
            languages.append(dict(cv_id=cv["pk"], language=language, level=level))
    for model, rows in ((CvItem, items), (CvExperience, experience), (CvJobGoal, goals), (CvLanguage, languages)):
        _insert(model, rows)
    counts["cv"] = len(cvs)
    say(f"  {len(cvs)} CV'er med {counts['task']} arbejdsopgaver")
    return [(len(cvs), "CV", "CV'er"), (counts["task"], "arbejdsopgave på CV", "arbejdsopgaver på CV'er")]
