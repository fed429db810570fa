"""Demo job openings and small jobs for the demo companies: a year of them, most of the past ones filled
(some by demo citizens through their cases), the rest cancelled or expired; the recent ones open."""

import datetime as dt

from jobspor.cases.models import Case
from jobspor.companies.choices import RelationLevel
from jobspor.companies.demo import ID_PREFIX as COMPANY_PREFIX
from jobspor.companies.models import Company, Workplace
from jobspor.core.search_text import fold

from .models import JobOpening

ID_PREFIX = "DEMO-J"
BATCH = 500
PER_YEAR = {RelationLevel.PASSIVE: (0, 0), RelationLevel.CONTACT: (0, 2), RelationLevel.COOPERATION: (1, 4),
            RelationLevel.PARTNERSHIP: (2, 7)}

# division → [(title, kind weights (smaajob, ordinary, others), tasks, hours (low, high), accommodations)]
JOBS = {
    "47": [("Opfylder", ["fylde varer op", "tjekke datoer", "rydde lager"]),
           ("Butiksassistent", ["betjene kasse", "fylde varer op", "vejlede kunder"])],
    "45": [("Klargører", ["vaske biler", "klargøre biler til levering"])],
    "41": [("Byggepladsmedhjælper", ["rydde byggeplads", "bære materialer", "sortere affald"])],
    "43": [("Håndværkermedhjælper", ["bære materialer", "afdække", "rydde op"])],
    "52": [("Lagermedarbejder", ["pakke varer", "plukke ordrer", "køre truck"]),
           ("Lagerhjælp", ["pakke varer", "rengøre lager", "sortere returvarer"])],
    "49": [("Chaufførmedhjælper", ["læsse varer", "køre ud med varer"])],
    "81": [("Rengøringsassistent", ["gøre rent på kontorer", "tømme skraldespande", "vaske gulve"]),
           ("Anlægsgartnermedhjælper", ["slå græs", "luge bede", "beskære hække"])],
    "56": [("Opvasker", ["tage opvask", "rengøre køkken"]), ("Køkkenmedhjælper", ["skrælle grøntsager",
                                                                               "anrette mad", "tage opvask"])],
    "01": [("Gartnerimedhjælper", ["potte planter", "vande", "pakke planter"])],
    "87": [("Serviceassistent", ["dække borde", "servere mad", "hyggesnak med beboere"]),
           ("Social- og sundhedshjælper", ["personlig pleje", "praktisk hjælp"])],
    "88": [("Pædagogmedhjælper", ["lege med børn", "hjælpe ved måltider"])],
    "84": [("Pedelmedhjælper", ["småreparationer", "flytte møbler", "holde udearealer"])],
    "85": [("Kantinemedhjælper", ["tage opvask", "anrette mad"])],
    "82": [("Kontorassistent", ["scanne post", "registrere bilag", "besvare telefon"])],
    "25": [("Produktionsmedarbejder", ["betjene maskine", "pakke færdigvarer", "kvalitetskontrol"])],
    "10": [("Pakkerimedarbejder", ["pakke varer", "rengøre produktionslinje"])],
    "31": [("Snedkermedhjælper", ["slibe emner", "pakke møbler"])],
}
DEFAULT_JOBS = [("Medhjælper", ["praktiske opgaver", "rydde op"])]
ACCOMMODATIONS = [[], [], ["fleksibel start"], ["ingen tunge løft"], ["rolige omgivelser", "fast makker"]]
KINDS = ["smaajob", "ordinaer_stilling", "virksomhedspraktik", "loentilskud", "fleksjob", "jobrotation",
         "voksenlaerling"]
KIND_WEIGHTS = [40, 30, 12, 8, 6, 2, 2]


def demo_extend(*, rng, today, fake, say):
    companies = list(Company.objects.filter(external_id__startswith=COMPANY_PREFIX)
                     .values_list("pk", "industry", "relation_level", "owner_id", "postal_code_id"))
    if not companies:
        return []
    workplaces = {}
    for workplace_id, company_id in Workplace.objects.filter(company__external_id__startswith=COMPANY_PREFIX) \
            .values_list("pk", "company_id"):
        workplaces.setdefault(company_id, workplace_id)
    cases = list(Case.objects.filter(closed__isnull=True).values_list("pk", "citizen_id", "opened")[:30000])
    used_citizens = set()
    jobs = []
    for company_id, industry, level, owner_id, postal in companies:
        low, high = PER_YEAR[level]
        for _ in range(rng.randint(low, high)):
            title, tasks = rng.choice(JOBS.get(industry[:2], DEFAULT_JOBS))
            kind = rng.choices(KINDS, weights=KIND_WEIGHTS)[0]
            hours = rng.choice([4, 6, 8, 10, 12, 15]) if kind == "smaajob" else rng.choice([15, 20, 25, 30, 37])
            posted = today - dt.timedelta(days=rng.randint(0, 365))
            deadline = posted + dt.timedelta(days=rng.choice([14, 21, 30, 45]))
            status, filled_on, citizen, case, channel = "open", None, None, None, ""
            if deadline < today or rng.random() < 0.3:
                roll = rng.random()
                if roll < 0.62:
                    status = "filled"
                    filled_on = min(today, posted + dt.timedelta(days=max(1, round(rng.triangular(2, 60, 12)))))
                    channel = rng.choices(["jobcentret", "smaajobindsats", "virksomhedsforloeb", "virksomheden"],
                                          weights=[45, 20, 20, 15])[0]
                    if channel != "virksomheden" and cases:
                        for _attempt in range(5):
                            pk, citizen_id, opened = cases[rng.randrange(len(cases))]
                            if citizen_id not in used_citizens and opened <= filled_on:
                                used_citizens.add(citizen_id)
                                case, citizen = pk, citizen_id
                                break
                elif roll < 0.8:
                    status = "cancelled"
                elif deadline < today:
                    status = "expired"
            jobs.append(JobOpening(
                external_id=f"{ID_PREFIX}{len(jobs) + 1:06d}", company_id=company_id,
                workplace_id=workplaces.get(company_id), consultant_id=owner_id, title=title,
                title_folded=fold(title), kind=kind,
                tasks=list(tasks), hours_per_week=hours,
                driving_licence="B" if rng.random() < 0.12 else "",
                competencies_required=["truckcertifikat"] if "køre truck" in tasks else [],
                competencies_wanted=rng.choice([[], [], ["dansk i tale"], ["erfaring fra branchen"]]),
                accommodations=rng.choice(ACCOMMODATIONS), postal_code_id=postal,
                start=deadline + dt.timedelta(days=rng.randint(0, 14)) if rng.random() < 0.6 else None,
                posted=posted, deadline=deadline, status=status, filled_by_id=citizen, filled_case_id=case,
                filled_on=filled_on, fill_channel=channel))
    JobOpening.objects.bulk_create(jobs, batch_size=BATCH)
    small = sum(1 for job in jobs if job.kind == "smaajob")
    return [(len(jobs) - small, "jobåbning", "jobåbninger"), (small, "småjob", "småjob")]
