"""Demo placements: about a fifth of the active cases at a company (the companies app's demo companies when there
are any, else a small set made here), with signed work agreements, hours week by week (some growing from
internship to ordinary hours, some never), follow-ups with task ratings, and some flagged. All in bulk."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from jobspor.cases.models import Case, CaseStaff
from jobspor.companies.models import Company, CompanyContact
from jobspor.core.search_text import fold

from .choices import PlacementKind, PlacementStatus, SignerRole
from .models import FollowUp, Placement, Signature, TaskRating, WeekHours, WorkAgreement
from .services import agreement_document, document_hash, flags_compute
from .weeks import monday_of

SHARE = 0.2
BATCH = 2000
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


def _bulk(model, rows):
    model.objects.bulk_create(rows, batch_size=BATCH)


def demo_extend(*, rng, today, fake, say):
    cases = list(Case.objects.filter(closed__isnull=True, citizen__postal_code__isnull=False)
                 .values_list("pk", "opened", "citizen__name", "citizen__postal_code_id"))
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
    for n, (case_id, opened, citizen_name, _code) in enumerate(chosen):
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
        placements.append(Placement(
            external_id=f"DEMO-P{n + 1:06d}", case_id=case_id, company=company, contact=contact, kind=kind,
            purpose=rng.choice([1, 1, 1, 2, 3]) if kind == PlacementKind.INTERNSHIP else None,
            title=f"{area}medhjælper" if isinstance(area, str) else "Medhjælper",
            start=start, planned_end=start + dt.timedelta(weeks=13),
            end=end, status=status, end_reason=end_reason))
        # Some grow from internship to ordinary hours; some master tasks without getting paid hours (flagged).
        plans.append({"tasks": tasks, "converts": rng.random() < 0.35, "stuck": rng.random() < 0.15,
                      "hours": rng.choice([6, 8, 10, 12, 15, 20]), "citizen": citizen_name,
                      "jobcentre": primaries.get(case_id, "Jobcentret"), "company": company, "contact": contact})
    _bulk(Placement, placements)
    placements = list(Placement.objects.filter(external_id__startswith="DEMO-P").order_by("external_id")
                      .select_related("case__citizen", "company", "contact", "workplace"))

    agreements, hours, follow_ups, ratings_plan, flags = [], [], [], [], {}
    for p, plan in zip(placements, plans, strict=True):
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
        agreements.append(agreement)
        if signed:
            p.agreement_signed_on = p.start
        weeks = []
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
                weeks.append(monday)
                hours.append(WeekHours(placement=p, week=monday, internship_hours=Decimal(internship),
                                       ordinary_hours=Decimal(ordinary)))
            monday += dt.timedelta(weeks=1)
            week_no += 1
        ordinary_weeks = [h.week for h in hours[-len(weeks):] if h.ordinary_hours > 0] if weeks else []
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
        for fdate, nxt in fu_list:
            follow_ups.append(FollowUp(placement=p, date=fdate, place=plan["company"].name,
                                       participants=f"{plan['citizen']}, {plan['contact'].name}, {plan['jobcentre']}",
                                       notes="", next_date=nxt))
        ratings_plan.append(rating_rows)
        flags[p.pk] = flags_compute(start=p.start, status=p.status,
                                    ratings=[(d, t, k) for d, t, _c, k in rating_rows], follow_ups=fu_list,
                                    ordinary_weeks=ordinary_weeks, follow_up_weeks=2)
    _bulk(WorkAgreement, agreements)
    signed_agreements = WorkAgreement.objects.filter(placement__external_id__startswith="DEMO-P",
                                                     signed_on__isnull=False)
    signatures = []
    for a in signed_agreements.select_related("placement").iterator(chunk_size=BATCH):
        at = dt.datetime.combine(a.signed_on, dt.time(10, 30), tzinfo=tz)
        doc = a.document
        for role, name in ((SignerRole.CITIZEN, doc["citizen"]["name"]),
                           (SignerRole.COMPANY, doc["company"]["contact"]), (SignerRole.JOBCENTRE, "Jobcentret")):
            signatures.append(Signature(agreement_id=a.pk, role=role, signer_name=name, signed_at=at,
                                        content_hash=a.content_hash))
    _bulk(Signature, signatures)
    _bulk(WeekHours, hours)
    _bulk(FollowUp, follow_ups)
    by_key = {(f.placement_id, f.date): f.pk for f in
              FollowUp.objects.filter(placement__external_id__startswith="DEMO-P").only("pk", "placement_id", "date")}
    rating_objs = []
    for p, rows in zip(placements, ratings_plan, strict=True):
        for fdate, task, citizen_rating, company_rating in rows:
            rating_objs.append(TaskRating(follow_up_id=by_key[(p.pk, fdate)], task=task, citizen_rating=citizen_rating,
                                          company_rating=company_rating))
    _bulk(TaskRating, rating_objs)
    for p in placements:
        for key, value in flags[p.pk].items():
            setattr(p, key, value)
    Placement.objects.bulk_update(placements, ["agreement_signed_on", "mastered_since", "mastered_unconverted",
                                               "last_ordinary_week", "follow_up_due"], batch_size=BATCH)
    say(f"  {len(placements)} virksomhedsforløb …")
    return [(len(placements), "virksomhedsforløb", "virksomhedsforløb"),
            (len(hours), "uge med timer", "uger med timer"),
            (len(follow_ups), "opfølgning", "opfølgninger")]
