"""KPI benchmark data: tops the 100,000-case demo database up to about 2,000,000 weekly hours rows over two
years (104 weeks up to the latest week with hours), as JobFirst would produce them.

Extra company placements (mostly virksomhedspraktik, some løntilskud and ordinære timer) on existing cases of
every team, inside each case's open period, each with a signed work agreement (three signatures) and one
hours row per week: internship hours first, ordinary hours growing for about 40 % of the internships, now and
then a week with zero hours or no row at all; some placements end, the rest run to the latest week; about a
sixth of the cases get a second company. No follow-ups (the KPIs do not read them).

Idempotent (nothing happens when the BENCH-P placements exist), deterministic (seeded; the same database gives
the same rows), one transaction, raw executemany for the hours (about a minute for 1.8 million rows).

    from benchmarks.kpi_data import top_up; top_up()      # after django.setup(); benchmarks/kpi.py calls it
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import time

PREFIX = "BENCH-P"
TARGET_ROWS = 2_000_000
WEEKS = 104
SEED = 42
KINDS = [("virksomhedspraktik", 74), ("loentilskud_privat", 8), ("loentilskud_offentlig", 5),
         ("ordinaere_timer", 13)]
END_REASONS = ["ordinaer_beskaeftigelse"] * 3 + ["flere_timer_andetsteds", "ingen_progression", "sygdom",
                                                 "stoppet_af_borger", "stoppet_af_virksomhed", "andet"]
HOURS_PER_WEEK = [6, 8, 10, 12, 15, 20]
ROWS_PER_BATCH = 50_000


def _next_monday(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def _weeks(rng: random.Random, kind: str, hours: int, converts: bool, weeks: int):
    """(week index, internship hours, ordinary hours) for `weeks` consecutive weeks; a missing index is a gap."""
    convert_from = rng.randint(4, 12)
    for n in range(weeks):
        draw = rng.random()
        if draw < 0.04:  # no row: a week not registered
            continue
        if draw < 0.07:  # a registered week without hours (illness, holiday)
            yield n, 0, 0
            continue
        if kind == "virksomhedspraktik":
            ordinary = min(hours + 10, 2 + 2 * ((n - convert_from) // 3)) if converts and n >= convert_from else 0
            yield n, max(0, hours - ordinary // 2), ordinary
        else:  # wage subsidy and ordinary hours: paid at an ordinary wage from the start, a few more over time
            yield n, 0, min(37, hours + 2 * (n // 8))


def _plan(rng, cases, companies, first: dt.date, latest: dt.date, today: dt.date, wanted: int):
    """Placements (dicts) and their hours rows (tuples without placement id) until about `wanted` rows."""
    placements, total = [], 0
    order = list(cases)
    rng.shuffle(order)
    kinds = [k for k, w in KINDS for _ in range(w)]
    for case_id, opened, closed in order:
        if total >= wanted:
            break
        low = max(first, _next_monday(opened))
        high = latest if closed is None else min(latest, closed - dt.timedelta(days=closed.weekday()))
        if (high - low).days < 4 * 7:
            continue
        company_ids = rng.sample(companies, 2 if rng.random() < 0.17 else 1)
        start = low + dt.timedelta(weeks=rng.randint(0, (high - low).days // 7 - 4))
        for company_id, contact_id in company_ids:
            kind = rng.choice(kinds)
            planned_weeks = rng.randint(6, 78)
            last_week = start + dt.timedelta(weeks=planned_weeks - 1)
            runs_on = closed is None and last_week >= latest
            last_week = min(last_week, high)
            end = None
            if not runs_on:
                end = min(last_week + dt.timedelta(days=4), today, closed or today)
            converts = kind == "virksomhedspraktik" and rng.random() < 0.4
            hours = rng.choice(HOURS_PER_WEEK)
            weeks = (last_week - start).days // 7 + 1
            rows = [(start + dt.timedelta(weeks=n), internship, ordinary)
                    for n, internship, ordinary in _weeks(rng, kind, hours, converts, weeks)]
            if not rows:
                continue
            placements.append({
                "external_id": f"{PREFIX}{len(placements) + 1:07d}", "case_id": case_id, "company_id": company_id,
                "contact_id": contact_id, "kind": kind,
                "purpose": rng.choice([1, 1, 1, 2, 3]) if kind == "virksomhedspraktik" else None,
                "title": "Medhjælper", "start": start, "planned_end": start + dt.timedelta(weeks=13), "end": end,
                "status": "ended" if end else "active", "end_reason": rng.choice(END_REASONS) if end else "",
                "agreement_signed_on": start, "hours": hours,
                "last_ordinary_week": max((w for w, _i, o in rows if o > 0), default=None), "rows": rows})
            total += len(rows)
            # A second company: starts some weeks later, while or after the first one runs.
            start = min(high - dt.timedelta(weeks=4), start + dt.timedelta(weeks=rng.randint(2, 30)))
            if start < low:
                break
    return placements, total


def top_up(*, target: int = TARGET_ROWS, seed: int = SEED, say=print) -> dict:
    """Add the benchmark placements and hours unless they are there. Returns what it did."""
    from django.db import connection, transaction
    from django.db.models import Max
    from django.utils import timezone

    from jobspor.cases.models import Case
    from jobspor.companies.models import CompanyContact
    from jobspor.placements.models import Placement, Signature, WeekHours, WorkAgreement

    if Placement.objects.filter(external_id__startswith=PREFIX).exists():
        return {"added": False, "hours_rows": WeekHours.objects.count()}
    t0 = time.perf_counter()
    rng = random.Random(seed)
    today = timezone.localdate()
    latest = WeekHours.objects.aggregate(w=Max("week"))["w"] or today - dt.timedelta(days=today.weekday())
    first = latest - dt.timedelta(weeks=WEEKS - 1)
    existing = WeekHours.objects.count()
    cases = list(Case.objects.filter(opened__lte=latest - dt.timedelta(weeks=4))
                 .exclude(closed__lt=first + dt.timedelta(weeks=4)).order_by("pk")
                 .values_list("pk", "opened", "closed"))
    companies = list(CompanyContact.objects.order_by("pk").values_list("company_id", "pk"))
    if not cases or not companies:
        return {"added": False, "reason": "no cases or companies", "hours_rows": existing}
    plan, rows = _plan(rng, cases, companies, first, latest, today, target - existing)
    say(f"KPI benchmark data: {len(plan)} placements, {rows} hours rows, weeks {first} to {latest} …")
    now = timezone.now()
    with transaction.atomic():
        Placement.objects.bulk_create(
            [Placement(created_at=now, updated_at=now,
                       **{k: v for k, v in p.items() if k not in {"hours", "rows"}}) for p in plan],
            batch_size=5000)
        ids = dict(Placement.objects.filter(external_id__startswith=PREFIX).values_list("external_id", "pk"))
        agreements = []
        for p in plan:
            doc = {"agreement": {"placement": p["external_id"], "version": 1}, "hours_per_week": p["hours"],
                   "start": p["start"].isoformat()}
            agreements.append(WorkAgreement(
                placement_id=ids[p["external_id"]], version=1, goal="Ordinære timer på arbejdspladsen.",
                tasks=["pakke varer", "modtage varer"], hours_per_week=p["hours"],
                conversion="Mestrede opgaver aflønnes ordinært, først 2 timer om ugen.", start=p["start"],
                signed_on=p["start"], document=doc,
                content_hash=hashlib.sha256(repr(sorted(doc.items())).encode()).hexdigest()))
        WorkAgreement.objects.bulk_create(agreements, batch_size=5000)
        at = dt.time(10, 30, tzinfo=timezone.get_current_timezone())
        Signature.objects.bulk_create(
            [Signature(agreement_id=a_id, role=role, signer_name=name, signed_at=dt.datetime.combine(signed, at),
                       content_hash=digest)
             for a_id, signed, digest in WorkAgreement.objects.filter(placement__external_id__startswith=PREFIX)
             .values_list("pk", "signed_on", "content_hash")
             for role, name in (("borger", "Borger"), ("virksomhed", "Kontaktperson"), ("jobcenter", "Jobcentret"))],
            batch_size=5000)
        table = WeekHours._meta.db_table
        # Raw SQL for speed, so every NOT NULL column without a database default is named here.
        sql = (f"INSERT INTO {table} (placement_id, week, internship_hours, ordinary_hours, status, query_note, "
               "created_at, updated_at) VALUES (%s, %s, %s, %s, 'recorded', '', %s, %s)")
        batch = []
        stamp = connection.ops.adapt_datetimefield_value(now)
        day = connection.ops.adapt_datefield_value
        with connection.cursor() as cursor:
            for p in plan:
                pk = ids[p["external_id"]]
                batch.extend((pk, day(week), internship, ordinary, stamp, stamp)
                             for week, internship, ordinary in p["rows"])
                if len(batch) >= ROWS_PER_BATCH:
                    cursor.executemany(sql, batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # statistics and visibility map, as autovacuum would make them
            cursor.execute("VACUUM ANALYZE")
    else:
        from jobspor.core.statistics import statistics_refresh

        statistics_refresh()  # as after any bulk load (issue 10)
    total = WeekHours.objects.count()
    seconds = round(time.perf_counter() - t0, 1)
    say(f"KPI benchmark data: {total} hours rows in all ({seconds} s)")
    return {"added": True, "placements": len(plan), "hours_rows": total, "seconds": seconds,
            "weeks": [first.isoformat(), latest.isoformat()]}
