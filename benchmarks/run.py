"""`make bench`: server time of the case list, the case page and the search field of every page on 100,000 demo
cases (SQLite; PostgreSQL with scripts/bench_postgres.sh, which sets JOBSPOR_BENCH_DATABASE_URL).

See benchmarks/README.md. Writes benchmarks/results/latest.json (latest-postgresql.json on PostgreSQL).
"""

import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = Path(os.environ.get("JOBSPOR_BENCH_DB", ROOT / "data" / "bench.sqlite3"))
CASES = int(os.environ.get("JOBSPOR_BENCH_CASES", "100000"))
REQUESTS = int(os.environ.get("JOBSPOR_BENCH_REQUESTS", "50"))
WARM_UP = 3
GOAL_P95_MS = 150.0
SEED = 42
USERS = ("leder", "jobformidler")
# A PostgreSQL database prepared by scripts/bench_postgres.sh (migrated, demo loaded); else our SQLite file.
URL = os.environ.get("JOBSPOR_BENCH_DATABASE_URL") or f"sqlite:///{BENCH_DB}"
VENDOR = "postgresql" if URL.startswith("postgres") else "sqlite"
RESULTS = ROOT / "benchmarks" / "results" / ("latest.json" if VENDOR == "sqlite" else f"latest-{VENDOR}.json")
# JOBSPOR_BENCH_SERIES=global_search_cold,global_search_warm measures only those series.
ONLY = {name for name in os.environ.get("JOBSPOR_BENCH_SERIES", "").split(",") if name}

# Before Django is set up: our own database, local settings, but DEBUG off as in production
# (DEBUG on keeps every query in memory and renders differently).
os.environ["DATABASE_URL"] = URL
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
os.environ["DJANGO_DEBUG"] = "0"
JOBSPOR = [str(Path(sys.executable).parent / "jobspor")]
if not Path(JOBSPOR[0]).exists():  # not installed: run the entry point with this interpreter
    JOBSPOR = [sys.executable, "-c", "from jobspor.cli import main; main()"]


def jobspor(*args):
    subprocess.run([*JOBSPOR, *args], check=True, env=os.environ.copy(), cwd=ROOT)


def _remove_db():
    for suffix in ("", "-wal", "-shm"):
        Path(f"{BENCH_DB}{suffix}").unlink(missing_ok=True)


def prepare() -> dict:
    """Migrate the bench database and load the demo if it has fewer than CASES cases (else reuse it)."""
    if VENDOR != "sqlite":  # scripts/bench_postgres.sh has migrated and loaded it
        from jobspor.cases.models import Case

        return {"loaded": False, "seconds": None, "existing_cases": Case.objects.count()}
    BENCH_DB.parent.mkdir(parents=True, exist_ok=True)
    jobspor("migrate", "--noinput", "-v0")
    from django.db import connection

    from jobspor.cases.models import Case

    existing = Case.objects.count()
    connection.close()
    info = {"loaded": False, "seconds": None, "existing_cases": existing}
    if existing >= CASES:
        print(f"Genbruger {BENCH_DB.name}: {existing:,} sager.".replace(",", "."))
        try:  # keep the load time of the run that built the database
            earlier = json.loads(RESULTS.read_text(encoding="utf-8"))["demo_load"]
            info["seconds_when_built"] = earlier.get("seconds") or earlier.get("seconds_when_built")
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return info
    if existing:  # a smaller load: start again from an empty file
        print(f"{BENCH_DB.name} har kun {existing:,} sager; bygger databasen forfra.".replace(",", "."))
        _remove_db()
        jobspor("migrate", "--noinput", "-v0")
    print(f"Indlæser demo --cases {CASES} …", flush=True)
    started = time.perf_counter()
    jobspor("demo", "--cases", str(CASES), "--seed", str(SEED))
    info.update(loaded=True, seconds=round(time.perf_counter() - started, 1),
                peak_memory_mb=round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1))
    return info


def percentile(values, p):
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def timed(client, urls, cold=False):
    """Server time in ms of each GET (through the whole middleware stack, in process). `cold`: each request on a new
    database connection (as the first request of a worker, or after CONN_MAX_AGE), so no page or plan cache of the
    connection helps."""
    from django.db import connections

    times, cpu = [], []
    for url in urls:
        if cold:
            connections.close_all()
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        cpu.append((time.process_time() - started_cpu) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} gav status {response.status_code}")
        times.append(elapsed)
    timed.cpu = cpu  # CPU time of this process per request (SQLite runs in it): what other work cannot inflate
    return times


def profile(client, url):
    """Queries of one request: count, total time and the slowest three."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    queries = sorted(ctx.captured_queries, key=lambda q: float(q["time"]), reverse=True)
    return {
        "queries": len(queries),
        "sql_ms": round(sum(float(q["time"]) for q in queries) * 1000, 1),
        "slowest": [{"ms": round(float(q["time"]) * 1000, 1), "sql": q["sql"][:400]} for q in queries[:3]],
    }


def search_terms(rng, citizens_names, n):
    """Search terms from names that exist: 4-letter surname prefixes (like "jens") and first names."""
    terms = []
    for name in rng.sample(citizens_names, n):
        parts = name.split()
        terms.append(parts[-1][:4].casefold() if len(terms) % 2 == 0 else parts[0].casefold())
    return terms


def bench_user(username, rng):
    from django.test import Client

    from jobspor.accounts.models import User
    from jobspor.cases.selectors import cases_visible
    from jobspor.core.search_text import fold

    user = User.objects.get(username=username)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    visible = cases_visible(user=user)
    visible_count = visible.count()
    pks = list(visible.values_list("pk", flat=True))
    names = list(visible.filter(closed=None).values_list("citizen__name", flat=True)[:5000])
    terms = search_terms(rng, names, REQUESTS + WARM_UP)
    # Other names for the search field, so its first ("cold") series searches terms not searched before.
    global_terms = [fold(t) for t in search_terms(rng, names, REQUESTS + WARM_UP)]
    global_urls = [f"/soeg/?q={t}" for t in global_terms]
    series = {
        "list_search": [f"/sag/?scope=alle&q={t}&status=active" for t in terms],
        "list_filter": ["/sag/?scope=alle&target_group=2&benefit=kontanthjaelp_aktivitetsparat"] * (REQUESTS + WARM_UP),
        "case_page": [f"/sag/{pk}/" for pk in rng.sample(pks, REQUESTS + WARM_UP)],
        # The search field of every page (cases, companies, openings), the names typed without æ, ø, å: first each
        # term once on a new database connection ("cold"), then the same terms again ("warm").
        "global_search_cold": global_urls,
        "global_search_warm": global_urls,
    }
    out = {"visible_cases": visible_count, "series": {}}
    for name, urls in series.items():
        if ONLY and name not in ONLY:
            continue
        cold = name.endswith("_cold")
        if not cold:
            timed(client, urls[:WARM_UP])
        times = timed(client, urls[WARM_UP:], cold=cold)
        out["series"][name] = {
            "requests": len(times),
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 95), 1),
            "max_ms": round(max(times), 1),
            "cpu_median_ms": round(statistics.median(timed.cpu), 1),
            "cpu_p95_ms": round(percentile(timed.cpu, 95), 1),
            "example": urls[WARM_UP],
            "profile": profile(client, urls[WARM_UP]),
        }
    return out


def main():
    import django

    django.setup()  # opens no database connection: prepare() migrates first
    load = prepare()
    from django.conf import settings

    from jobspor.cases.models import Case

    assert not settings.DEBUG
    rng = random.Random(SEED)
    load_before = os.getloadavg()[0]
    results = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "database": VENDOR if VENDOR != "sqlite" else (
            str(BENCH_DB.relative_to(ROOT)) if BENCH_DB.is_relative_to(ROOT) else str(BENCH_DB)),
        "cases": Case.objects.count(),
        "demo_load": load,
        "goal_p95_ms": GOAL_P95_MS,
        "users": {},
    }
    try:
        for username in USERS:
            results["users"][username] = bench_user(username, rng)
    except Exception:
        traceback.print_exc()
        sys.exit(1)
    results["load_average"] = {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)}
    results["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    worst = max(s["p95_ms"] for u in results["users"].values() for s in u["series"].values())
    results["worst_p95_ms"] = worst
    results["goal_met"] = worst <= GOAL_P95_MS
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    report(results)


def report(r):
    print()
    print(f"Sager i databasen: {r['cases']:,}".replace(",", "."))
    if r["demo_load"]["loaded"]:
        print(f"Indlæsning af demo --cases {CASES}: {r['demo_load']['seconds']} s "
              f"(maks. hukommelse {r['demo_load']['peak_memory_mb']} MB)")
    elif r["demo_load"].get("seconds_when_built"):
        print(f"(Demodata genbrugt; indlæsningen tog {r['demo_load']['seconds_when_built']} s, "
              "da databasen blev bygget.)")
    print(f"Database: {r['database']}")
    print(f"{'bruger':<14}{'måling':<20}{'median ms':>10}{'p95 ms':>9}{'maks ms':>9}{'CPU median':>11}{'CPU p95':>9}"
          f"{'forespørgsler':>15}{'SQL ms':>8}")
    for username, u in r["users"].items():
        for name, s in u["series"].items():
            p = s["profile"]
            print(f"{username:<14}{name:<20}{s['median_ms']:>10}{s['p95_ms']:>9}{s['max_ms']:>9}"
                  f"{s['cpu_median_ms']:>11}{s['cpu_p95_ms']:>9}{p['queries']:>15}{p['sql_ms']:>8}")
        print(f"{'':<14}(ser {u['visible_cases']:,} sager)".replace(",", "."))
    print(f"Maks. hukommelse i benchmark-processen: {r['peak_memory_mb']} MB")
    load = r["load_average"]
    if max(load.values()) > (os.cpu_count() or 1) / 2:
        print(f"NB: maskinen havde andet at lave (load {load['before']} før, {load['after']} efter på "
              f"{os.cpu_count()} kerner); tallene er sandsynligvis for høje.")
    if r["goal_met"]:
        print(f"Mål nået: p95 ≤ {GOAL_P95_MS:.0f} ms (værste p95 {r['worst_p95_ms']} ms).")
    else:
        print(f"Mål IKKE nået: værste p95 {r['worst_p95_ms']} ms er {r['worst_p95_ms'] - GOAL_P95_MS:.1f} ms over "
              f"{GOAL_P95_MS:.0f} ms. Langsomste forespørgsler:")
        for username, u in r["users"].items():
            for name, s in u["series"].items():
                if s["p95_ms"] > GOAL_P95_MS:
                    for q in s["profile"]["slowest"]:
                        print(f"  {username}/{name} {q['ms']} ms: {q['sql'][:200]}")
    print(f"Resultater: {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
