"""Demo companies for `jobspor demo`: a local business community like seed 000's municipality — mostly small
firms, many in trade, construction and health and social care, a few large public workplaces — with owners,
contacts, workplaces, relation levels, partnership agreements, a year of interactions and a contact strategy.

Written in bulk (see jobspor.demo.generator): values follow the rules the services keep (valid CVR numbers,
DB07 codes whose division exists, owners who are virksomhedskonsulenter or jobformidlere — in JobFirst the
jobformidler works with both citizen and company —, last_interaction_on = the latest interaction). Names are
correct, distinguishable Danish business names (demo_names)."""

import datetime as dt

from jobspor.cases.models import Case
from jobspor.citizens.models import PostalCode
from jobspor.core.roles import Role
from jobspor.core.search_text import fold
from jobspor.organisation.models import Employee

from .choices import RelationLevel
from .demo_names import CompanyNames
from .models import (
    Company,
    CompanyContact,
    CompanySettings,
    Interaction,
    PartnershipAgreement,
    PrioritisedIndustry,
    VisitTarget,
    Workplace,
)

ID_PREFIX = "DEMO-V"
MIN_COMPANIES, MAX_COMPANIES, CASES_PER_COMPANY = 300, 3500, 30
MUNICIPALITY_CODE = "615"
BATCH = 500
BROKER_OWNED_SHARE = 0.30  # company relations owned by a jobformidler (the rest by virksomhedskonsulenter)
FIXED_BROKER_SHARE = 0.04  # of all companies: owned by the fixed `jobformidler` login

# DB07 code, weight, sector, employees (low, high, mode), name words, contact roles.
INDUSTRIES = [
    ("471100", 9, "privat", (3, 60, 12), ["Købmand", "SuperBrugsen", "Dagligvarer"], ["Butikschef", "Souschef"]),
    ("477100", 5, "privat", (1, 15, 3), ["Tøjhuset", "Mode", "Butik"], ["Indehaver", "Butikschef"]),
    ("452000", 4, "privat", (2, 25, 6), ["Auto", "Autoværksted", "Bilcenter"], ["Værkstedsleder", "Indehaver"]),
    ("412000", 6, "privat", (2, 80, 8), ["Byg", "Tømrer og Snedker", "Entreprise"], ["Formand", "Indehaver"]),
    ("432200", 5, "privat", (1, 30, 5), ["VVS", "El-installation", "Blik og VVS"], ["Indehaver", "Projektleder"]),
    ("433400", 3, "privat", (1, 12, 3), ["Malerfirma", "Maler"], ["Malermester"]),
    ("521000", 4, "privat", (5, 150, 25), ["Lager", "Logistik", "Distribution"], ["Lagerchef", "HR-ansvarlig"]),
    ("494100", 3, "privat", (2, 60, 10), ["Transport", "Vognmand", "Fragt"], ["Disponent", "Vognmand"]),
    ("812100", 5, "privat", (2, 120, 10), ["Rengøring", "Service", "Facility"], ["Driftsleder", "Indehaver"]),
    ("561010", 6, "privat", (2, 40, 8), ["Restaurant", "Café", "Pizzeria", "Grillbar"], ["Køkkenchef", "Indehaver"]),
    ("813000", 3, "privat", (1, 25, 4), ["Anlægsgartner", "Have og Park", "Grønne Områder"], ["Indehaver", "Formand"]),
    ("011900", 2, "privat", (1, 20, 4), ["Gartneri", "Planteskole"], ["Gartner", "Indehaver"]),
    ("871000", 4, "offentlig", (30, 120, 60), ["Plejecenter", "Plejehjem"], ["Centerleder", "Afdelingsleder"]),
    ("881000", 3, "offentlig", (10, 60, 25), ["Hjemmeplejen", "Aktivitetscenter"], ["Leder", "Teamleder"]),
    ("889100", 3, "offentlig", (8, 40, 18), ["Børnehaven", "Vuggestuen", "Dagtilbud"], ["Dagtilbudsleder"]),
    ("841100", 2, "offentlig", (50, 600, 150), ["Kommune – Teknik og Miljø", "Kommune – Borgerservice"],
     ["HR-konsulent", "Afdelingsleder"]),
    ("852000", 2, "offentlig", (20, 90, 45), ["Skole", "Skolen"], ["Skoleleder", "Pedel"]),
    ("821100", 3, "privat", (1, 20, 4), ["Kontorservice", "Regnskab og Kontor", "Administration"], ["Kontorchef"]),
    ("251100", 3, "privat", (5, 250, 30), ["Stål", "Metal", "Maskinfabrik"], ["Produktionschef", "HR-ansvarlig"]),
    ("101300", 2, "privat", (10, 300, 60), ["Slagteri og Pølsemageri", "Fødevarer"], ["Produktionsleder"]),
    ("310900", 2, "privat", (5, 120, 20), ["Møbelfabrik", "Snedkeri"], ["Produktionschef"]),
    ("960210", 2, "privat", (1, 8, 2), ["Frisør", "Salon"], ["Indehaver"]),
    ("931300", 1, "privat", (2, 30, 8), ["Fitness", "Motionscenter"], ["Centerchef"]),
    ("551000", 1, "privat", (5, 60, 15), ["Hotel", "Kro"], ["Hotelchef", "Receptionschef"]),
]
LEVEL_WEIGHTS = {RelationLevel.PASSIVE: 35, RelationLevel.CONTACT: 35, RelationLevel.COOPERATION: 20,
                 RelationLevel.PARTNERSHIP: 10}
INTERACTIONS_PER_YEAR = {RelationLevel.PASSIVE: (0, 1), RelationLevel.CONTACT: (1, 3),
                         RelationLevel.COOPERATION: (3, 7), RelationLevel.PARTNERSHIP: (5, 12)}
KIND_WEIGHTS = {"besoeg": 45, "telefon": 30, "moede": 10, "email": 15}
OUTCOMES = {
    "besoeg": ["Rundvisning på lageret; de mangler hænder til pakning i spidsbelastning.",
               "Talt om småjob på 8–10 timer om ugen til opfyldning og rengøring.",
               "Virksomheden er åben for en praktik med fokus på ordinære timer efter 4 uger.",
               "Opfølgning på borger i praktik: går godt, mester vil gerne tale om løntimer.",
               "Præsenteret jobcentrets rekrutteringsservice; de vender tilbage efter sæsonen."],
    "telefon": ["Aftalt besøg i næste uge.", "Ingen aktuelle behov; kontakt igen efter sommerferien.",
                "Har to stillinger på vej; sender jobordre.", "Spurgt til erfaringer med småjob."],
    "moede": ["Partnerskabsmøde: status på forløb og ordinære timer.",
              "Møde om fastholdelse af sygemeldt medarbejder."],
    "email": ["Sendt information om løntilskud og mentorstøtte.", "Modtaget jobbeskrivelse til småjob."],
}
NEXT_STEPS = ["Send kandidatforslag", "Ring for opfølgning", "Aftal besøg", "Send jobordre til jobformidlerne", ""]
NEEDS = ["rekruttering", "fastholdelse", "opkvalificering", "smaaopgaver"]
CODES_OF_CARE = [
    "Ring til værkføreren dagen før borgeren starter, og kom med på første dag.",
    "Vi vil gerne kende borgerens hensyn på forhånd og have én fast kontakt i jobcentret.",
    "Kort opfølgning hver 14. dag på stedet de første to måneder.",
    "",
    "",
]


def _cvr(rng) -> str:
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        check = -sum(w * d for w, d in zip((2, 7, 6, 5, 4, 3, 2), digits, strict=True)) % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


def _size(rng, low, high, mode):
    return max(low, round(rng.triangular(low, high, mode)))


def demo_extend(*, rng, today, fake, say):
    staff = list(Employee.objects.filter(is_active=True).select_related("user").order_by("pk"))
    consultants = [e for e in staff if e.has_role(Role.COMPANY_CONSULTANT)]
    brokers = [e for e in staff if e.has_role(Role.JOB_BROKER)]
    if not consultants:
        return []
    fixed = next((e for e in consultants if e.user and e.user.username == "konsulent"), None)
    fixed_broker = next((e for e in brokers if e.user and e.user.username == "jobformidler"), None)
    towns = dict(PostalCode.objects.values_list("code", "town"))
    names = CompanyNames(rng, taken=Company.objects.values_list("name", flat=True))
    n = max(MIN_COMPANIES, min(MAX_COMPANIES, Case.objects.count() // CASES_PER_COMPANY))
    home = list(PostalCode.objects.filter(municipality_code=MUNICIPALITY_CODE).values_list("code", flat=True)) or \
        list(PostalCode.objects.values_list("code", flat=True)[:20])
    weights = [8 if code == "8700" else 1 for code in home]
    say(f"Virksomheder: {n} …")

    used_cvr, used_p = set(), set()
    companies = []
    plans = []
    for i in range(n):
        code, _w, sector, size, _words, roles = rng.choices(INDUSTRIES, weights=[x[1] for x in INDUSTRIES])[0]
        cvr = _cvr(rng)
        while cvr in used_cvr:
            cvr = _cvr(rng)
        used_cvr.add(cvr)
        postal = rng.choices(home, weights=weights)[0]
        name = names(code, towns.get(postal) or "Horsens")
        level = rng.choices(list(LEVEL_WEIGHTS), weights=list(LEVEL_WEIGHTS.values()))[0]
        draw = rng.random()
        if fixed_broker and draw < FIXED_BROKER_SHARE:
            owner = fixed_broker
        elif brokers and draw < BROKER_OWNED_SHARE:
            owner = rng.choice(brokers)
        else:
            owner = fixed if fixed and rng.random() < 0.12 else rng.choice(consultants)
        employees = _size(rng, *size)
        if rng.random() < 0.3 and sector == "privat":
            employees = rng.randint(1, 4)  # most firms are small
        companies.append(Company(
            external_id=f"{ID_PREFIX}{i + 1:05d}", cvr=cvr, name=name, search_name=name.casefold(),
            name_folded=fold(name), industry=code, sector=sector, employees=employees,
            address=fake.street_address(), postal_code_id=postal,
            owner_id=owner.pk, relation_level=level,
            needs=sorted(rng.sample(NEEDS, rng.randint(0, 2))),
            inclusive_experience=rng.choice(["", "", "Har haft flere borgere i praktik med gode resultater.",
                                             "Erfaring med borgere med angst og stress; rolige opgaver findes."]),
            inclusive_capacity=rng.choice([None, None, 1, 2, 3]) if level != RelationLevel.PASSIVE else None,
            mentor_possible=level in (RelationLevel.COOPERATION, RelationLevel.PARTNERSHIP) and rng.random() < 0.6,
            code_of_care=rng.choice(CODES_OF_CARE) if level != RelationLevel.PASSIVE else ""))
        plans.append((level, roles, employees, postal))
    Company.objects.bulk_create(companies, batch_size=BATCH)
    companies = list(Company.objects.filter(external_id__startswith=ID_PREFIX).order_by("external_id"))

    contacts, workplaces, agreements = [], [], []
    for company, (level, roles, employees, postal) in zip(companies, plans, strict=True):
        for _ in range(1 if employees < 10 else rng.randint(1, 3)):
            first, last = fake.first_name(), fake.last_name()
            contacts.append(CompanyContact(company=company, name=f"{first} {last}", role=rng.choice(roles),
                                           phone=f"+45 {rng.randint(20, 99)} {rng.randint(10, 99)} "
                                                 f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
                                           email=f"{first.lower()[:1]}{last.lower()[:4]}@virksomhed.example"
                                           .replace("ø", "o").replace("æ", "ae").replace("å", "aa")))
        for _ in range(1 if employees < 50 else rng.randint(1, 3)):
            p = rng.randint(1_000_000_000, 1_999_999_999)
            while p in used_p:
                p = rng.randint(1_000_000_000, 1_999_999_999)
            used_p.add(p)
            workplaces.append(Workplace(company=company, p_number=str(p), address=company.address,
                                        postal_code_id=postal))
        if level == RelationLevel.PARTNERSHIP:
            starts = today - dt.timedelta(days=rng.randint(30, 700))
            agreements.append(PartnershipAgreement(
                company=company, starts=starts, ends=None if rng.random() < 0.7 else starts + dt.timedelta(days=730),
                company_commits=f"Tager {rng.randint(2, 6)} borgere i virksomhedsforløb om året med sigte på "
                                "ordinære timer; fast kontaktperson på arbejdspladsen.",
                jobcentre_commits="Forhåndsscreenede kandidater inden for 5 arbejdsdage; opfølgning på stedet hver "
                                  "14. dag; hjælp til papirarbejdet.",
                placements_per_year=rng.randint(2, 6), ordinary_hours_per_week=rng.choice([20, 40, 60, 80])))
    CompanyContact.objects.bulk_create(contacts, batch_size=BATCH)
    Workplace.objects.bulk_create(workplaces, batch_size=BATCH)
    PartnershipAgreement.objects.bulk_create(agreements, batch_size=BATCH)
    first_contact = {}
    for contact in CompanyContact.objects.filter(company__external_id__startswith=ID_PREFIX).order_by("pk"):
        first_contact.setdefault(contact.company_id, contact.pk)

    interactions = []
    last = {}
    kinds, kind_weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    for company, (level, _roles, _e, _p) in zip(companies, plans, strict=True):
        low, high = INTERACTIONS_PER_YEAR[level]
        count = rng.randint(low, high)
        if company.owner_id == getattr(fixed, "pk", None) and level == RelationLevel.COOPERATION and rng.random() < .4:
            count = 1  # some of the fixed login's companies are overdue for follow-up
            days = [rng.randint(95, 150)]
        else:
            days = sorted(rng.randint(0, 365) for _ in range(count))
        for ago in days:
            kind = rng.choices(kinds, weights=kind_weights)[0]
            date = today - dt.timedelta(days=ago)
            step = rng.choice(NEXT_STEPS)
            interactions.append(Interaction(
                company=company, kind=kind, date=date,
                employee_id=company.owner_id if rng.random() < 0.85 else rng.choice(consultants).pk,
                contact_id=first_contact.get(company.pk) if rng.random() < 0.8 else None,
                outcome=rng.choice(OUTCOMES[kind]), next_step=step,
                next_step_on=date + dt.timedelta(days=rng.randint(7, 30)) if step else None))
            last[company.pk] = max(last.get(company.pk, date), date)
    Interaction.objects.bulk_create(interactions, batch_size=BATCH)
    for company in companies:
        company.last_interaction_on = last.get(company.pk)
    Company.objects.bulk_update(companies, ["last_interaction_on"], batch_size=BATCH)

    for division, reason, note in [("87", "mangel", "Social- og sundhedsassistenter og -hjælpere"),
                                   ("43", "vaekst", "Byggeriet i Horsens Syd"),
                                   ("56", "omsaetning", "Sæsonarbejde og mange småjob"),
                                   ("52", "mangel", "Lagerarbejdere med truckcertifikat")]:
        PrioritisedIndustry.objects.get_or_create(division=division, defaults={"reason": reason, "note": note})
    month = today.replace(day=1)
    months = [month, (month - dt.timedelta(days=1)).replace(day=1)]
    VisitTarget.objects.bulk_create([VisitTarget(employee=e, month=m, visits=rng.choice([8, 10, 12, 15]))
                                     for e in consultants for m in months], batch_size=BATCH, ignore_conflicts=True)
    if not CompanySettings.objects.exists():
        CompanySettings.objects.create()
    return [(len(companies), "virksomhed", "virksomheder"), (len(interactions), "kontakt med virksomhed",
                                                             "kontakter med virksomheder")]
