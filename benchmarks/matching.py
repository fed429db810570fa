"""Matching benchmark: `match --job` and `match --citizen` on a demo database (warm process).

    DATABASE_URL=sqlite:////tmp/d.sqlite3 .venv/bin/jobspor demo --cases 100000   # once
    JOBSPOR_BENCH_DB=/tmp/d.sqlite3 .venv/bin/python benchmarks/matching.py

Times the engine behind the command (engine.candidates_for_job / engine.jobs_for_citizen, top 20) for
random open openings and random active cases with a CV; prints median and p95 in ms, the bulk proposal for
the open small jobs, and the peak memory of the process.
"""

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
os.environ.setdefault("DATABASE_URL", f"sqlite:///{DB}")
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
os.environ["DJANGO_DEBUG"] = "0"
RUNS = int(os.environ.get("JOBSPOR_BENCH_RUNS", "30"))


def timed(fn, items):
    times = []
    for item in items:
        start = time.perf_counter()
        fn(item)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def main():
    import django

    django.setup()
    from jobspor.cases.models import Case
    from jobspor.jobs.models import JobOpening
    from jobspor.matching import bulk, engine

    rng = random.Random(42)
    jobs = list(JobOpening.objects.filter(status="open"))
    cases = list(Case.objects.filter(closed__isnull=True, citizen__cv__isnull=False).order_by("?")[:RUNS * 2])
    print(f"{Case.objects.filter(closed__isnull=True).count()} active cases, {len(jobs)} open openings")
    engine.candidates_for_job(jobs[0])  # warm: vocabulary, postal codes
    engine.jobs_for_citizen(cases[0])
    sample = [rng.choice(jobs) for _ in range(RUNS)]
    sizes = [len(engine.candidates_for_job(j, top=None)) for j in sample[:5]]
    median, p95 = timed(lambda j: engine.candidates_for_job(j, top=20), sample)
    print(f"match --job     median {median:7.1f} ms  p95 {p95:7.1f} ms  (candidates per opening e.g. {sizes})")
    median, p95 = timed(lambda c: engine.jobs_for_citizen(c, top=20), cases[:RUNS])
    print(f"match --citizen median {median:7.1f} ms  p95 {p95:7.1f} ms")
    small = [j for j in jobs if j.kind == "smaajob"][:200]
    start = time.perf_counter()
    proposal, _refs = bulk.propose(small, per_job=200)
    print(f"bulk: {len(small)} small jobs → {len(proposal)} proposed pairs in {time.perf_counter() - start:.1f} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
