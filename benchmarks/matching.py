"""Matching benchmark (issue 6 point 9, issue 16 point 3) on the 100,000-case demo database of benchmarks/run.py
(topped up to about 2 million weekly hours rows by benchmarks/kpi_data.py).

    .venv/bin/python benchmarks/matching.py            # `make bench` runs it after benchmarks/run.py
    JOBSPOR_BENCH_DB=/tmp/d.sqlite3 .venv/bin/python benchmarks/matching.py
    JOBSPOR_BENCH_DATABASE_URL=postgres://… .venv/bin/python benchmarks/matching.py   # scripts/bench_postgres.sh

Series (median, p95 and max in ms; goal p95 ≤ 300 ms for each):
- `cold_citizen`, `cold_job`: the first match in a new process (a subprocess per run: django.setup(), then the
  first `jobs_for_citizen` + `companies_for_citizen` — the Match tab's work — or the first
  `candidates_for_job`), with the index stored in the database; `command_citizen`: `jobspor match --citizen`
  as a whole command (Python start and imports included: reported, no goal);
- `after_edit_citizen`, `after_edit_job`: the first match after an edit somewhere else (a CV line added, a job
  goal, a case's target group, an opening's hours — in turn), in one process;
- `warm_job` (`match --job`: top 20 among every active case), `warm_tab` (the Match tab's engine calls);
- `http_tab_first`, `http_tab`: the Match tab, `/sag/<pk>/?fane=match`, over HTTP through gunicorn (DEBUG off, as
  the demo `jobformidler`): the first request of each new worker (5 servers of one worker each, timed once the
  worker has loaded the application and its warm-up: it accepts no request before), then the rest;
  `http_worker_ready` (reported, no goal): from starting gunicorn until its worker is ready (Python, Django, the
  templates, the matching index);
- `match_citizen` against 20,000 open openings and bulk (5,000 cases × 1,000 openings, goal ≤ 60 s) as before
  (`JOBSPOR_BENCH_BULK=0` skips the bulk run).
Edits, the extra openings and bulk places are made in transactions that are rolled back: the database is left as
it was (apart from the stored index). The load average (`os.getloadavg`) is recorded with each series: on a busy
machine the figures are too high. Writes benchmarks/results/matching[-postgresql].json.
"""

import json
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = os.environ.get("JOBSPOR_BENCH_DB", str(ROOT / "data" / "bench.sqlite3"))
os.environ["DATABASE_URL"] = os.environ.get("JOBSPOR_BENCH_DATABASE_URL") or f"sqlite:///{DB}"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
os.environ["DJANGO_DEBUG"] = "0"
RUNS = int(os.environ.get("JOBSPOR_BENCH_RUNS", "40"))
COLD_RUNS = int(os.environ.get("JOBSPOR_BENCH_COLD_RUNS", "8"))
HTTP_RUNS = int(os.environ.get("JOBSPOR_BENCH_HTTP_RUNS", "30"))
OPENINGS = int(os.environ.get("JOBSPOR_BENCH_OPENINGS", "20000"))
BULK_CASES, BULK_OPENINGS = 5000, 1000
GOAL_P95_MS, GOAL_BULK_S = 300.0, 60.0
VENDOR = "postgresql" if os.environ["DATABASE_URL"].startswith("postgres") else "sqlite"
RESULTS = ROOT / "benchmarks" / "results" / ("matching.json" if VENDOR == "sqlite" else "matching-postgresql.json")
PYTHON = sys.executable
# Parts to run (all by default): cold (with the command), warm, edit, http, openings (20,000 open, bulk)
PARTS = set((os.environ.get("JOBSPOR_BENCH_PARTS") or "cold,warm,edit,http,openings").split(","))


class Rollback(Exception):
    pass


def _p95(values):
    values = sorted(values)
    return round(values[max(0, -(-len(values) * 95 // 100) - 1)], 1)


def summary(times, cpu=None) -> dict:
    """Wall time (median, p95, max) and, where measured, the CPU time of the process doing the matching
    (time.process_time: on SQLite it includes the SQL; what other work on the machine cannot inflate)."""
    found = {"median_ms": round(statistics.median(times), 1), "p95_ms": _p95(times), "max_ms": round(max(times), 1),
             "runs": len(times), "load": round(os.getloadavg()[0], 1)}
    if cpu:
        found.update(cpu_median_ms=round(statistics.median(cpu), 1), cpu_p95_ms=_p95(cpu))
    return found


def timed(fn, items) -> dict:
    times, cpu = [], []
    for item in items:
        start, start_cpu = time.perf_counter(), time.process_time()
        fn(item)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return summary(times, cpu)


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def show(name, figures):
    cpu = ""
    if "cpu_p95_ms" in figures:
        cpu = f"  CPU median {figures['cpu_median_ms']:.1f} p95 {figures['cpu_p95_ms']:.1f}"
    print(f"{name:<26} median {figures['median_ms']:8.1f} ms  p95 {figures['p95_ms']:8.1f} ms  "
          f"max {figures['max_ms']:8.1f} ms{cpu}  ({figures['runs']} runs, load {figures['load']})", flush=True)


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


# --- a new process's first match (run as a subprocess: `matching.py --cold citizen|job <pk>`) -------------------

def cold_child(what, pk):
    import django

    django.setup()
    from jobspor.cases.models import Case
    from jobspor.jobs.models import JobOpening
    from jobspor.matching import engine

    start, start_cpu = time.perf_counter(), time.process_time()
    if what == "citizen":
        case = Case.objects.get(pk=pk)
        jobs = engine.jobs_for_citizen(case, top=20)
        engine.companies_for_citizen(case, exclude_company_ids={m.job.company_id for m in jobs})
    else:
        engine.candidates_for_job(JobOpening.objects.get(pk=pk), top=20)
    print(json.dumps({"ms": (time.perf_counter() - start) * 1000, "cpu_ms": (time.process_time() - start_cpu) * 1000}))


def cold_series(what, pks) -> dict:
    times, cpu = [], []
    for pk in pks:
        out = subprocess.run([PYTHON, __file__, "--cold", what, str(pk)], capture_output=True, text=True, check=True,
                             env=os.environ)
        found = json.loads(out.stdout.strip().splitlines()[-1])
        times.append(found["ms"])
        cpu.append(found["cpu_ms"])
    return summary(times, cpu)


def command_series(refs) -> dict:
    jobspor = shutil.which("jobspor", path=str(Path(PYTHON).parent)) or "jobspor"
    times = []
    for ref in refs:
        start = time.perf_counter()
        subprocess.run([jobspor, "match", "--citizen", ref, "--format", "json"], capture_output=True, check=True,
                       env=os.environ)
        times.append((time.perf_counter() - start) * 1000)
    return summary(times)


# --- the Match tab over HTTP through gunicorn ------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_series(cookie, pks, servers=5) -> tuple[dict, dict, dict]:
    """Per server (one worker, so its first request is that worker's first): start gunicorn, wait until the worker
    has loaded the application (warm-up included: benchmarks/gunicorn_ready.py), time its first Match tab request
    and the rest, stop it. Also returns the time from starting gunicorn until the worker was ready."""
    gunicorn = shutil.which("gunicorn", path=str(Path(PYTHON).parent)) or "gunicorn"
    first, rest, ready_ms = [], [], []
    per_server = max(1, len(pks) // servers)
    for n in range(servers):
        port = free_port()
        ready = Path(tempfile.mkdtemp(prefix="jobspor-ready-"))
        started = time.perf_counter()
        server = subprocess.Popen([gunicorn, "config.wsgi:application", "-c", "benchmarks/gunicorn_ready.py",
                                   "--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "120"],
                                  cwd=ROOT, env=os.environ | {"JOBSPOR_BENCH_READY_DIR": str(ready)},
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.time() + 120
            while not any(ready.iterdir()) and time.time() < deadline:
                time.sleep(0.05)
            ready_ms.append((time.perf_counter() - started) * 1000)
            for i, pk in enumerate(pks[n * per_server:(n + 1) * per_server]):
                request = urllib.request.Request(f"http://127.0.0.1:{port}/sag/{pk}/?fane=match",
                                                 headers={"Cookie": cookie, "Host": "127.0.0.1"})
                start = time.perf_counter()
                with urllib.request.urlopen(request, timeout=120) as response:
                    body = response.read()
                    assert response.status == 200 and b"match" in body, response.status
                (first if i == 0 else rest).append((time.perf_counter() - start) * 1000)
        finally:
            server.terminate()
            server.wait(timeout=30)
            shutil.rmtree(ready, ignore_errors=True)
    return summary(first), summary(rest), summary(ready_ms)


def main():
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from jobspor.cases.models import Case
    from jobspor.jobs.models import JobOpening
    from jobspor.matching import index

    call_command("migrate", verbosity=0)
    rng = random.Random(42)
    from jobspor.placements.models import WeekHours

    results = {"database": settings.DATABASES["default"]["NAME"], "vendor": VENDOR,
               "hours_rows": WeekHours.objects.count(), "load_before": [round(x, 1) for x in os.getloadavg()]}
    active = list(Case.objects.filter(closed__isnull=True, citizen__cv__isnull=False).values_list("pk", flat=True))
    jobs = list(JobOpening.objects.filter(status="open"))
    print(f"{len(active)} active cases with a CV, {len(jobs)} open openings, {results['hours_rows']} hours rows "
          f"({VENDOR}), load {results['load_before']}", flush=True)

    start = time.perf_counter()
    index.build()  # stores the snapshot new processes start from
    results["full_build_s"] = round(time.perf_counter() - start, 1)
    print(f"full build of the index and its snapshot: {results['full_build_s']} s", flush=True)

    # 1. A new process's first match, and the command as a whole.
    if "cold" in PARTS:
        cold(results, rng, active, jobs)
    if "warm" in PARTS or "edit" in PARTS:
        warm_and_after_edit(results, rng, active, jobs)
    if "http" in PARTS:
        http(results, rng)
    if "openings" in PARTS:
        openings(results, rng, active, jobs)
    index.reset()
    results["peak_memory_mb"] = peak_mb()
    results["load_after"] = [round(x, 1) for x in os.getloadavg()]
    print(f"peak memory (ru_maxrss) {results['peak_memory_mb']:.0f} MB, load after {results['load_after']}")
    goal_series = ["cold_citizen", "cold_job", "warm_job", "warm_tab", "after_edit_citizen", "after_edit_job",
                   "http_tab_first", "http_tab", "match_citizen"]
    missed = [name for name in goal_series if name in results and results[name]["p95_ms"] > GOAL_P95_MS]
    ok = not missed and results.get("bulk", {}).get("seconds", 0) <= GOAL_BULK_S
    results["goals_met"], results["goals_missed"] = ok, missed
    print("goals (p95 ≤ 300 ms, bulk ≤ 60 s):", "met" if ok else f"NOT met: {', '.join(missed) or 'bulk'}")
    if max(results["load_before"][0], results["load_after"][0]) > 4:
        print("the machine was busy (load average above 4): the figures are higher than on a quiet machine")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def cold(results, rng, active, jobs):
    from jobspor.cases.models import Case

    results["cold_citizen"] = cold_series("citizen", rng.sample(active, COLD_RUNS))
    show("cold_citizen (new process)", results["cold_citizen"])
    results["cold_job"] = cold_series("job", [j.pk for j in rng.sample(jobs, COLD_RUNS)])
    show("cold_job (new process)", results["cold_job"])
    refs = list(Case.objects.filter(pk__in=rng.sample(active, 5)).values_list("citizen__external_id", flat=True))
    results["command_citizen"] = command_series(refs)
    show("command_citizen (whole)", results["command_citizen"])


def warm_and_after_edit(results, rng, active, jobs):
    from django.db import transaction

    from jobspor.cases.models import Case
    from jobspor.cases.services import case_update
    from jobspor.cv import services as cv
    from jobspor.jobs.services import job_save
    from jobspor.matching import engine, index

    # 2. Warm, in this process.
    engine.candidates_for_job(jobs[0])
    results["warm_job"] = timed(lambda j: engine.candidates_for_job(j, top=20), [rng.choice(jobs) for _ in range(RUNS)])
    show("warm_job (match --job)", results["warm_job"])

    def tab(pk):
        case = Case.objects.get(pk=pk)
        found = engine.jobs_for_citizen(case, top=20)
        engine.companies_for_citizen(case, exclude_company_ids={m.job.company_id for m in found})

    results["warm_tab"] = timed(tab, rng.sample(active, RUNS))
    show("warm_tab (engine)", results["warm_tab"])

    # 3. The first match after an edit elsewhere (rolled back afterwards).
    citizens = list(Case.objects.filter(pk__in=rng.sample(active, RUNS)).select_related("citizen"))
    edits = ["cv_line", "job_goal", "case", "opening"]

    def edit(i):
        kind = edits[i % len(edits)]
        case = citizens[i]
        if kind == "cv_line":
            cv.cv_item_add(actor=None, citizen=case.citizen, kind="task", text=f"bench opgave {i} lagerarbejde")
        elif kind == "job_goal":
            cv.cv_job_goal_add(actor=None, citizen=case.citizen, title=f"Lagermedarbejder {i}")
        elif kind == "case":
            case_update(actor=None, case=case, target_group=2 if case.target_group != 2 else 3)
        else:
            job = jobs[i % len(jobs)]
            job_save(actor=None, company=job.company, job=job, title=job.title, kind=job.kind,
                     hours_per_week=job.hours_per_week + 1, posted=job.posted, tasks=job.tasks,
                     postal_code=job.postal_code_id)

    after = {"citizen": [], "job": []}
    after_cpu = {"citizen": [], "job": []}
    try:
        with transaction.atomic():
            for i in range(RUNS):
                edit(i)
                which = "citizen" if i % 2 else "job"
                start, start_cpu = time.perf_counter(), time.process_time()
                if which == "citizen":
                    tab(rng.choice(active))
                else:
                    engine.candidates_for_job(rng.choice(jobs), top=20)
                after[which].append((time.perf_counter() - start) * 1000)
                after_cpu[which].append((time.process_time() - start_cpu) * 1000)
            raise Rollback
    except Rollback:
        pass
    index.reset()
    results["after_edit_citizen"] = summary(after["citizen"], after_cpu["citizen"])
    results["after_edit_job"] = summary(after["job"], after_cpu["job"])
    show("after_edit_citizen", results["after_edit_citizen"])
    show("after_edit_job", results["after_edit_job"])


def http(results, rng):
    from django.conf import settings
    from django.test import Client

    from jobspor.accounts.models import User
    from jobspor.cases.selectors import cases_visible

    # 4. The Match tab over HTTP through gunicorn, as the demo jobformidler.
    user = User.objects.get(username="jobformidler")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    mine = list(cases_visible(user=user).filter(closed__isnull=True, citizen__cv__isnull=False)
                .values_list("pk", flat=True)[:5000])
    results["http_tab_first"], results["http_tab"], results["http_worker_ready"] = http_series(
        cookie, rng.sample(mine, HTTP_RUNS))
    show("http_worker_ready (start)", results["http_worker_ready"])
    show("http_tab_first (gunicorn)", results["http_tab_first"])
    show("http_tab (gunicorn)", results["http_tab"])


def openings(results, rng, active, jobs):
    from django.db import transaction

    from jobspor.cases.models import Case
    from jobspor.jobs.models import JobOpening
    from jobspor.matching import bulk, engine
    from jobspor.matching.models import OpeningPlaces

    # 5. One citizen against 20,000 open openings; bulk.
    try:
        with transaction.atomic():
            start = time.perf_counter()
            created = make_openings(rng, OPENINGS - len(jobs))
            print(f"created {len(created)} openings in {time.perf_counter() - start:.1f} s", flush=True)
            cases = list(Case.objects.filter(pk__in=rng.sample(active, RUNS + 1)))
            engine.jobs_for_citizen(cases[0])  # the new openings are read in
            results["match_citizen"] = timed(lambda c: engine.jobs_for_citizen(c, top=20), cases[1:])
            results["match_citizen"]["open_openings"] = JobOpening.objects.filter(status="open").count()
            show("match --citizen (20k open)", results["match_citizen"])
            if os.environ.get("JOBSPOR_BENCH_BULK") == "0":
                results["bulk"] = {"seconds": 0, "skipped": True}
                raise Rollback
            openings = rng.sample(created, BULK_OPENINGS)
            OpeningPlaces.objects.bulk_create([OpeningPlaces(opening=o, places=rng.randint(1, 3)) for o in openings])
            case_ids = rng.sample(active, BULK_CASES)
            start = time.perf_counter()
            proposal, _refs = bulk.propose(openings, case_ids=case_ids)
            seconds = time.perf_counter() - start
            results["bulk"] = {"cases": len(case_ids), "openings": len(openings), "pairs": len(proposal),
                               "seconds": round(seconds, 1), "total_score": round(sum(p.score for p in proposal), 1)}
            print(f"bulk {len(case_ids)} cases × {len(openings)} openings → {len(proposal)} proposed pairs "
                  f"in {seconds:.1f} s", flush=True)
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--cold":
        cold_child(sys.argv[2], int(sys.argv[3]))
        sys.exit(0)
    sys.exit(main())
