"""Matching benchmark (issue 6 point 9), warm process, on the 100,000-case demo database of benchmarks/run.py.

    .venv/bin/python benchmarks/matching.py            # `make bench` runs it after benchmarks/run.py
    JOBSPOR_BENCH_DB=/tmp/d.sqlite3 .venv/bin/python benchmarks/matching.py

1. `match --job`: engine.candidates_for_job(top=20) for random open openings against all active cases;
2. `match --citizen`: engine.jobs_for_citizen(top=20) for random active cases against 20,000 open openings,
   which the script creates itself (copies of the demo's openings on other postal codes);
3. bulk: bulk.propose for 5,000 active cases × 1,000 openings (1–3 places each).
The openings of 2 and 3 are created in a transaction that is rolled back at the end: the database is
left as it was. Prints median, p95 and max in ms and the peak memory (ru_maxrss); writes
benchmarks/results/matching.json. Goals: p95 ≤ 300 ms for 1 and 2, bulk ≤ 60 s.
"""

import json
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = os.environ.get("JOBSPOR_BENCH_DB", str(ROOT / "data" / "bench.sqlite3"))
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
os.environ["DJANGO_DEBUG"] = "0"
RUNS = int(os.environ.get("JOBSPOR_BENCH_RUNS", "40"))
OPENINGS = int(os.environ.get("JOBSPOR_BENCH_OPENINGS", "20000"))
BULK_CASES, BULK_OPENINGS = 5000, 1000
GOAL_P95_MS, GOAL_BULK_S = 300.0, 60.0
RESULTS = ROOT / "benchmarks" / "results" / "matching.json"


class Rollback(Exception):
    pass


def timed(fn, items) -> dict:
    times = []
    for item in items:
        start = time.perf_counter()
        fn(item)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[max(0, -(-len(times) * 95 // 100) - 1)], 1), "max_ms": round(times[-1], 1),
            "runs": len(times)}


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def show(name, figures):
    print(f"{name:<34} median {figures['median_ms']:7.1f} ms  p95 {figures['p95_ms']:7.1f} ms  "
          f"max {figures['max_ms']:7.1f} ms  ({figures['runs']} runs)", flush=True)


def make_openings(rng, n):
    """n open openings: the demo's openings (title, tasks, requirements) on random postal codes of companies."""
    from jobspor.citizens.models import PostalCode
    from jobspor.jobs.models import JobOpening

    models = list(JobOpening.objects.all()[:2000])
    codes = list(PostalCode.objects.filter(latitude__isnull=False).values_list("code", flat=True))
    created = []
    for i in range(n):
        model = rng.choice(models)
        created.append(JobOpening(
            external_id=f"BENCH-{i:06d}", company_id=model.company_id, title=model.title,
            title_folded=model.title_folded, kind=model.kind, tasks=model.tasks, hours_per_week=model.hours_per_week,
            driving_licence=model.driving_licence,
            competencies_required=model.competencies_required, competencies_wanted=model.competencies_wanted,
            postal_code_id=rng.choice(codes), posted=model.posted, status="open"))
    return JobOpening.objects.bulk_create(created, batch_size=2000)


def main():
    import django

    django.setup()
    from django.db import transaction

    from jobspor.cases.models import Case
    from jobspor.jobs.models import JobOpening
    from jobspor.matching import bulk, engine
    from jobspor.matching.models import OpeningPlaces

    rng = random.Random(42)
    results = {"database": DB}
    active = Case.objects.filter(closed__isnull=True).count()
    jobs = list(JobOpening.objects.filter(status="open"))
    print(f"{active} active cases, {len(jobs)} open openings in {DB}", flush=True)

    # 1. One opening against all active cases.
    engine.candidates_for_job(jobs[0])  # warm: vocabulary, key index, active-case table, postal codes
    results["match_job"] = timed(lambda j: engine.candidates_for_job(j, top=20), [rng.choice(jobs)
                                                                              for _ in range(RUNS)])
    show("match --job (top 20)", results["match_job"])

    try:
        with transaction.atomic():
            start = time.perf_counter()
            created = make_openings(rng, OPENINGS - len(jobs))
            print(f"created {len(created)} openings in {time.perf_counter() - start:.1f} s "
                  f"({JobOpening.objects.filter(status='open').count()} open)", flush=True)

            # 2. One citizen against 20,000 open openings.
            cases = list(Case.objects.filter(closed__isnull=True, citizen__cv__isnull=False).order_by("?")[:RUNS + 1])
            engine.jobs_for_citizen(cases[0])  # warm
            results["match_citizen"] = timed(lambda c: engine.jobs_for_citizen(c, top=20), cases[1:])
            results["match_citizen"]["open_openings"] = JobOpening.objects.filter(status="open").count()
            show("match --citizen (top 20)", results["match_citizen"])

            # 3. Bulk: 5,000 cases × 1,000 openings.
            if os.environ.get("JOBSPOR_BENCH_BULK") == "0":
                results["bulk"] = {"seconds": 0, "skipped": True}
                raise Rollback
            openings = rng.sample(created, BULK_OPENINGS)
            OpeningPlaces.objects.bulk_create([OpeningPlaces(opening=o, places=rng.randint(1, 3)) for o in openings])
            case_ids = list(Case.objects.filter(closed__isnull=True, citizen__cv__isnull=False)
                            .order_by("?").values_list("pk", flat=True)[:BULK_CASES])
            start = time.perf_counter()
            proposal, _refs = bulk.propose(openings, case_ids=case_ids)
            seconds = time.perf_counter() - start
            results["bulk"] = {"cases": len(case_ids), "openings": len(openings), "pairs": len(proposal),
                               "seconds": round(seconds, 1),
                               "total_score": round(sum(p.score for p in proposal), 1)}
            print(f"bulk {len(case_ids)} cases × {len(openings)} openings → {len(proposal)} proposed pairs "
                  f"in {seconds:.1f} s", flush=True)
            raise Rollback
    except Rollback:
        pass
    results["peak_memory_mb"] = peak_mb()
    print(f"peak memory (ru_maxrss) {results['peak_memory_mb']:.0f} MB")
    ok = (results["match_job"]["p95_ms"] <= GOAL_P95_MS and results["match_citizen"]["p95_ms"] <= GOAL_P95_MS
          and results["bulk"]["seconds"] <= GOAL_BULK_S)
    results["goals_met"] = ok
    print("goals (p95 ≤ 300 ms, bulk ≤ 60 s):", "met" if ok else "NOT met")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
