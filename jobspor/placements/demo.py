"""Demo placements: about a fifth of the active cases at a company (the companies app's demo companies when there
are any, else a small set made here), with signed work agreements, hours week by week (some growing from
internship to ordinary hours, some never), follow-ups with task ratings, and some flagged. All in bulk."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from jobspor.cases.models import Case, CaseStaff
from jobspor.citizens.models import Citizen
from jobspor.companies.models import Company, CompanyContact
from jobspor.core.bulk import rows_insert
from jobspor.core.search_text import fold

from .choices import PlacementKind, PlacementStatus, SignerRole
from .models import FollowUp, Placement, Signature, TaskRating, WeekHours, WorkAgreement
from .services import agreement_document, document_hash, flags_compute
from .weeks import monday_of

SHARE = 0.2
TASKS = {
    "Lager": ["pakke varer", "plukke ordrer", "rengøre lager", "modtage varer", "køre palleløfter"],
    "Kantine": ["opvask", "anrette salatbar", "rengøre køkken", "fylde køleskabe op"],
    "Butik": ["fylde hylder op", "betjene kasse", "rydde op i butikken", "modtage varer"],
    "Pleje": ["servere mad", "gå ture med beboere", "rengøre fællesrum", "vaske tøj"],
    "Grønt": ["slå græs", "luge bede", "feje fortove", "tømme skraldespande"],
}
COMPANIES = [("Nordlager ApS", "521000", "Lager", "privat"), ("Havnens Kantine ApS", "562100", "Kantine", "privat"),
             ("Brugsen Vest", "471100", "Butik", "privat"), ("Plejecenter Solgården", "871000", "Pleje", "offentlig"),
             ("Park og Vej", "841100", "Grønt", "offentlig"), ("Fjord Logistik A/S", "494100", "Lager", "privat"),
             ("Café Møllen", "561010", "Kantine", "privat"), ("Byens Byggemarked", "475200", "Butik", "privat"),
             ("Hjemmeplejen Nord", "881000", "Pleje", "offentlig"), ("Grøn Service ApS", "813000", "Grønt", "privat")]
CONTACT_NAMES = ["Mette Lund", "Jesper Friis", "Hanne Bech", "Lars Kjær", "Susanne Dam", "Peter Holm", "Rikke Bak",
                 "Thomas Vinther", "Lene Krogh", "Morten Skov"]
KINDS = [(PlacementKind.INTERNSHIP, 55), (PlacementKind.ORDINARY_HOURS, 12), (PlacementKind.WAGE_SUBSIDY_PRIVATE, 8),
         (PlacementKind.WAGE_SUBSIDY_PUBLIC, 6), (PlacementKind.FLEX_JOB, 5), (PlacementKind.UTILITY_JOB, 5),
         (PlacementKind.JOB_ROTATION, 3), (PlacementKind.ADULT_APPRENTICE, 3), (PlacementKind.ORDINARY_EDUCATION, 3)]


def _cvr(n: int) -> str:
    while True:
        digits = f"{3000000 + n:07d}"
        check = -sum(w * int(d) for w, d in zip((2, 7, 6, 5, 4, 3, 2), digits, strict=True)) % 11
        if check < 10:
            return digits + str(check)
        n += 1000


def _companies(rng, postal_codes):
    """(company, contact, area) for companies with a contact; made here if the companies demo made none."""
    contacts = list(CompanyContact.objects.select_related("company").order_by("id")[:2000])
    if contacts:
        from jobspor.jobs.models import JobOpening

        wanted = {}
        for company_id, tasks in JobOpening.objects.filter(company__in={c.company_id for c in contacts}) \
                .values_list("company_id", "tasks"):
            wanted.setdefault(company_id, set()).update(tasks or [])
        return [(c.company, c, sorted(wanted[c.company_id]) if len(wanted.get(c.company_id, ())) >= 2
                 else rng.choice(list(TASKS))) for c in contacts]
    made = []
    for i in range(60):
        name, industry, area, sector = COMPANIES[i % len(COMPANIES)]
        name = name if i < len(COMPANIES) else f"{name} {postal_codes[i % len(postal_codes)]}"
        made.append(Company(external_id=f"DEMO-V{i + 1:03d}", cvr=_cvr(i * 7 + 1), name=name,
                            search_name=name.casefold(), name_folded=fold(name), industry=industry, sector=sector,
                            postal_code_id=postal_codes[i % len(postal_codes)], employees=rng.randint(8, 300)))
    Company.objects.bulk_create(made)
    companies = list(Company.objects.filter(external_id__startswith="DEMO-V").order_by("external_id"))
    contacts = CompanyContact.objects.bulk_create([
        CompanyContact(company=c, name=CONTACT_NAMES[i % len(CONTACT_NAMES)], role="Daglig leder",
                       phone=f"{rng.randint(20000000, 99999999)}", email=f"kontakt{i}@example.dk")
        for i, c in enumerate(companies)])
    if contacts and contacts[0].pk is None:
        contacts = list(CompanyContact.objects.filter(company__in=companies).select_related("company").order_by("id"))
    return [(c.company, c, COMPANIES[i % len(COMPANIES)][2]) for i, c in enumerate(contacts)]


def _document_placement(placement, case_external_id, citizen_name):
    """The placement as agreement_document reads it (case and citizen as unsaved instances: no query per row)."""
    placement.case = Case(pk=placement.case_id, external_id=case_external_id, citizen=Citizen(name=citizen_name))
    return placement


def demo_extend(*, rng, today, fake, say):
    cases = list(Case.objects.filter(closed__isnull=True, citizen__postal_code__isnull=False)
                 .values_list("pk", "opened", "citizen__name", "citizen__postal_code_id", "external_id"))
    if not cases:
        return []
    chosen = [c for c in cases if rng.random() < SHARE]
    codes = sorted({c[3] for c in cases})[:60] or ["8000"]
    companies = _companies(rng, codes)
    primaries = dict(CaseStaff.objects.filter(is_primary=True, case_id__in=[c[0] for c in chosen])
                     .values_list("case_id", "employee__name"))
    kinds = [k for k, w in KINDS for _ in range(w)]
    tz = timezone.get_current_timezone()
    placements, plans = [], []
    for n, (case_id, opened, citizen_name, _code, case_external_id) in enumerate(chosen):
        company, contact, area = rng.choice(companies)
        kind = rng.choice(kinds)
        earliest = max(opened, today - dt.timedelta(weeks=40))
        span = (today - earliest).days
        start = earliest + dt.timedelta(days=rng.randint(0, max(0, span - 7))) if span > 7 else today
        start = monday_of(start) if monday_of(start) >= opened else start
        planned = rng.random() < 0.08
        if planned:
            start = today + dt.timedelta(days=rng.randint(3, 30))
        ended = not planned and (today - start).days > 70 and rng.random() < 0.25
        end = start + dt.timedelta(weeks=rng.randint(8, min(30, max(8, (today - start).days // 7)))) if ended else None
        if end is not None and end > today:
            end = today
        status = PlacementStatus.PLANNED if planned else (PlacementStatus.ENDED if end else PlacementStatus.ACTIVE)
        end_reason = ""
        if end:
            end_reason = rng.choice(["ordinaer_beskaeftigelse"] * 3 + ["flere_timer_andetsteds", "ingen_progression",
                                                                        "sygdom", "stoppet_af_borger",
                                                                        "stoppet_af_virksomhed", "andet"])
        pool = area if isinstance(area, list) else TASKS[area]
        tasks = rng.sample(pool, k=min(len(pool), rng.randint(2, 3)))
        placements.append(_document_placement(Placement(
            external_id=f"DEMO-P{n + 1:06d}", case_id=case_id, company=company, contact=contact, kind=kind,
            purpose=rng.choice([1, 1, 1, 2, 3]) if kind == PlacementKind.INTERNSHIP else None,
            title=f"{area}medhjælper" if isinstance(area, str) else "Medhjælper",
            start=start, planned_end=start + dt.timedelta(weeks=13),
            end=end, status=status, end_reason=end_reason), case_external_id, citizen_name))
        # Some grow from internship to ordinary hours; some master tasks without getting paid hours (flagged).
        plans.append({"tasks": tasks, "converts": rng.random() < 0.35, "stuck": rng.random() < 0.15,
                      "hours": rng.choice([6, 8, 10, 12, 15, 20]), "citizen": citizen_name,
                      "jobcentre": primaries.get(case_id, "Jobcentret"), "company": company, "contact": contact})

    # Everything below is built as rows keyed by the placement's position `n` (the ids come after the insert); the
    # random numbers are drawn in the same order as when each row was a model instance.
    agreements, hours, follow_ups, ratings, signatures = [], [], [], [], []
    for n, (p, plan) in enumerate(zip(placements, plans, strict=True)):
        last_day = min(today, p.end) if p.end else today
        signed = p.status != PlacementStatus.PLANNED or rng.random() < 0.5
        agreement = WorkAgreement(
            placement=p, version=1, goal="Ordinære timer på arbejdspladsen – og flere timer over tid.",
            sub_goals=["Møde stabilt til aftalt tid", "Mestre de aftalte opgaver selvstændigt"], tasks=plan["tasks"],
            hours_per_week=plan["hours"], accommodations="", follow_up_weeks=2,
            conversion="Når en opgave mestres (8 eller mere fra virksomheden), aflønnes den ordinært, først 2 timer "
                       "om ugen.", support=f"{plan['jobcentre']} følger op på arbejdspladsen hver 2. uge.",
            contact_info=plan["jobcentre"], start=p.start, signed_on=p.start if signed else None)
        if signed:  # frozen as a signature in the UI freezes it: the whole document and its hash
            agreement.document = agreement_document(agreement)
            agreement.content_hash = document_hash(agreement.document)
            p.agreement_signed_on = p.start
            at = dt.datetime.combine(agreement.signed_on, dt.time(10, 30), tzinfo=tz)
            doc = agreement.document
            for role, name in ((SignerRole.CITIZEN, doc["citizen"]["name"]),
                               (SignerRole.COMPANY, doc["company"]["contact"]), (SignerRole.JOBCENTRE, "Jobcentret")):
                signatures.append((n, role, name, at, agreement.content_hash))
        agreements.append((n, *(getattr(agreement, f) for f in AGREEMENT_FIELDS)))
        ordinary_weeks = []
        monday = monday_of(p.start)
        week_no = 0
        while monday <= last_day and p.status != PlacementStatus.PLANNED:
            ordinary = 0
            if plan["converts"] and week_no >= 5:
                ordinary = min(plan["hours"] + 10, 2 + 2 * ((week_no - 5) // 3))
            internship = max(0, plan["hours"] - ordinary // 2) if p.kind == PlacementKind.INTERNSHIP else 0
            if p.kind != PlacementKind.INTERNSHIP:
                ordinary = ordinary or (plan["hours"] if p.kind != PlacementKind.UTILITY_JOB else 0)
                internship = plan["hours"] if p.kind == PlacementKind.UTILITY_JOB else internship
            if rng.random() > 0.05:  # a week off now and then
                hours.append((n, monday, Decimal(internship), Decimal(ordinary)))
                if ordinary > 0:
                    ordinary_weeks.append(monday)
            monday += dt.timedelta(weeks=1)
            week_no += 1
        # Follow-ups every 2–4 weeks; ratings rise over time (faster for those who convert or are stuck).
        fdate, fu_list, rating_rows = p.start + dt.timedelta(weeks=2), [], []
        k = 0
        overdue = rng.random() < 0.12
        while fdate <= last_day - dt.timedelta(days=(30 if overdue else 0)) and p.status != PlacementStatus.PLANNED:
            k += 1
            fast = plan["converts"] or plan["stuck"]
            nxt = fdate + dt.timedelta(weeks=rng.choice([2, 2, 3, 4]))
            fu_list.append((fdate, nxt))
            for task in plan["tasks"]:
                company_rating = min(10, 3 + k * (2 if fast else 1) + rng.randint(-1, 1))
                rating_rows.append((fdate, task, max(1, min(10, company_rating - rng.randint(0, 2))),
                                    max(1, company_rating)))
            fdate = nxt
        participants = f"{plan['citizen']}, {plan['contact'].name}, {plan['jobcentre']}"
        follow_ups.extend((n, fdate, plan["company"].name, participants, "", nxt) for fdate, nxt in fu_list)
        ratings.extend((n, *row) for row in rating_rows)
        flags = flags_compute(start=p.start, status=p.status, ratings=[(d, t, k) for d, t, _c, k in rating_rows],
                              follow_ups=fu_list, ordinary_weeks=ordinary_weeks, follow_up_weeks=2)
        for key, value in flags.items():
            setattr(p, key, value)
    _write(placements, agreements, signatures, hours, follow_ups, ratings)
    say(f"  {len(placements)} virksomhedsforløb …")
    return [(len(placements), "virksomhedsforløb", "virksomhedsforløb"),
            (len(hours), "uge med timer", "uger med timer"),
            (len(follow_ups), "opfølgning", "opfølgninger")]


PLACEMENT_FIELDS = ["external_id", "case", "company", "workplace", "contact", "opening", "kind", "purpose", "title",
                    "start", "planned_end", "end", "status", "end_reason", "agreement_signed_on", "mastered_since",
                    "last_ordinary_week", "mastered_unconverted", "follow_up_due"]
AGREEMENT_FIELDS = ["version", "goal", "sub_goals", "tasks", "hours_per_week", "accommodations", "conversion",
                    "support", "follow_up_weeks", "contact_info", "start", "signed_on", "document", "content_hash"]


def _write(placements, agreements, signatures, hours, follow_ups, ratings):
    """Insert the rows with executemany (jobspor.core.bulk): the placements with their flags already computed, then
    the rows that point to them, the placement's position in each row replaced by its id."""
    rows_insert(Placement, PLACEMENT_FIELDS,
                [tuple(getattr(p, Placement._meta.get_field(f).attname) for f in PLACEMENT_FIELDS) for p in placements])
    ids = dict(Placement.objects.filter(external_id__startswith="DEMO-P").values_list("external_id", "pk"))
    placement_ids = [ids[p.external_id] for p in placements]
    rows_insert(WorkAgreement, ["placement", *AGREEMENT_FIELDS], [(placement_ids[n], *row) for n, *row in agreements])
    agreement_ids = dict(WorkAgreement.objects.filter(placement__external_id__startswith="DEMO-P", version=1)
                         .values_list("placement_id", "pk"))
    # In the order the agreements were read back before (WorkAgreement's ordering "placement" is Placement's: latest
    # start first, then highest id), so the signatures keep their ids; the sort is stable (citizen, company, jobcentre).
    signatures = sorted(signatures, key=lambda row: (placements[row[0]].start, row[0]), reverse=True)
    rows_insert(Signature, ["agreement", "role", "signer_name", "signed_at", "content_hash"],
                [(agreement_ids[placement_ids[n]], *row) for n, *row in signatures])
    rows_insert(WeekHours, ["placement", "week", "internship_hours", "ordinary_hours"],
                [(placement_ids[n], *row) for n, *row in hours])
    rows_insert(FollowUp, ["placement", "date", "place", "participants", "notes", "next_date"],
                [(placement_ids[n], *row) for n, *row in follow_ups])
    follow_up_ids = {(placement_id, date): pk for placement_id, date, pk in
                     FollowUp.objects.filter(placement__external_id__startswith="DEMO-P")
                     .values_list("placement_id", "date", "pk")}
    rows_insert(TaskRating, ["follow_up", "task", "citizen_rating", "company_rating"],
                [(follow_up_ids[(placement_ids[n], date)], *row) for n, date, *row in ratings])
