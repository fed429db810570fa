"""Load test (issue 15 point 6): a jobcentre's working day (benchmarks/locustfile.py) against gunicorn on the
100,000-case demo, at a constant arrival rate, stepped up until it breaks.

    scripts/bench_postgres.sh .venv/bin/python benchmarks/load.py        # PostgreSQL (data/pg-bench), as `make bench`

1. Writes the plan (benchmarks/results/load-plan.json): which demo employees log in — jobformidlere,
   virksomhedskonsulenter, leaders — and the cases, placements, companies and openings each works on.
2. Starts gunicorn (`config.settings.local`, DEBUG off; JOBSPOR_LOAD_WORKERS workers, default 2 × cores + 1, each
   with JOBSPOR_LOAD_THREADS threads, default 4, so that a slow page does not hold a whole worker's queue).
3. For each rate of JOBSPOR_LOAD_RATES (requests/s; default 100,200,400,800) runs Locust headless: rate × pace
   users (JOBSPOR_LOAD_PACE, default 2 s between one user's requests, Poisson), a warm-up (JOBSPOR_LOAD_WARMUP,
   60 s: logins, every worker's first requests) and then JOBSPOR_LOAD_SECONDS (120) measured. Stops after the
   first rate that breaks: p95 over 500 ms, any error, or under 90 % of the rate achieved (JOBSPOR_LOAD_ALL=1 runs
   every rate all the same).
4. Prints, per rate, the rate achieved, median/p95/max, errors, per page, and the CPU seconds per second spent
   by gunicorn, the PostgreSQL server, Locust and everything else on the machine (from /proc), with the load
   average; writes benchmarks/results/load-<vendor>.json.

JOBSPOR_LOAD_SLOW=0 leaves the known slow pages out (the Match tab, the jobcentre-wide dashboard, the forecast).
Users start logged in (sessions made with `force_login`); JOBSPOR_LOAD_LOGIN=form has each log in on the login page
during the warm-up instead (a password hash each: that alone saturated this machine at 200 users, see README).
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = Path(os.environ.get("JOBSPOR_BENCH_DB", ROOT / "data" / "bench.sqlite3"))
URL = os.environ.get("JOBSPOR_BENCH_DATABASE_URL") or f"sqlite:///{BENCH_DB}"
os.environ["DATABASE_URL"] = URL
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
os.environ["DJANGO_DEBUG"] = "0"
RESULTS = ROOT / "benchmarks" / "results"
BIN = Path(sys.executable).parent
CORES = os.cpu_count() or 1
RATES = [int(r) for r in os.environ.get("JOBSPOR_LOAD_RATES", "100,200,400,800").split(",") if r]
PACE = float(os.environ.get("JOBSPOR_LOAD_PACE", "2.0"))
WARMUP = float(os.environ.get("JOBSPOR_LOAD_WARMUP", "60"))
SECONDS = float(os.environ.get("JOBSPOR_LOAD_SECONDS", "120"))
WORKERS = int(os.environ.get("JOBSPOR_LOAD_WORKERS", str(2 * CORES + 1)))
THREADS = int(os.environ.get("JOBSPOR_LOAD_THREADS", "4"))
PORT = int(os.environ.get("JOBSPOR_LOAD_PORT", "8765"))
P95_GOAL_MS = 500
REQUEST_LOG = RESULTS / "load-requests.log"  # one line per request: its CPU and wall time in gunicorn
LOGIN = os.environ.get("JOBSPOR_LOAD_LOGIN", "session")  # "form": every user logs in on the login page first
WEIGHTS = {"brokers": 7, "consultants": 2, "leaders": 1}  # as the user classes of locustfile.py
PER_ROLE = 150  # employees per role who log in (at most; sessions beyond that share an employee)


def plan(users: int) -> dict:
    """Who logs in and what each may open and change, from the database (random but seeded)."""
    import django

    django.setup()
    from django.db.models import Count

    from jobspor.cases.models import Case, CaseStaff
    from jobspor.cases.selectors import cases_visible
    from jobspor.citizens.models import Citizen
    from jobspor.companies.models import Company
    from jobspor.core.roles import Role
    from jobspor.demo.generator import DEMO_PASSWORD
    from jobspor.jobs.models import JobOpening
    from jobspor.organisation.models import Employee
    from jobspor.placements.models import Placement

    rng = random.Random(42)
    staff = list(Employee.objects.filter(is_active=True, user__isnull=False, user__is_active=True)
                 .select_related("user", "team").order_by("pk"))

    def of_role(role, fixed):
        people = [e for e in staff if e.has_role(role) and e.team_id]
        people.sort(key=lambda e: (e.user.username != fixed, e.pk))  # the demo's named login first
        return people[:PER_ROLE]

    def sample(queryset, n):
        ids = list(queryset.values_list("pk", flat=True)[:3000])
        return rng.sample(ids, min(n, len(ids)))

    brokers = []
    for e in of_role(Role.JOB_BROKER, "jobformidler"):
        own = list(CaseStaff.objects.filter(employee=e, case__closed__isnull=True).values_list("case_id", flat=True))
        rng.shuffle(own)
        own = own[:60]
        placements = list(Placement.objects.filter(case_id__in=own, status="active")
                          .values_list("case_id", "pk").order_by("pk"))
        visible = sample(cases_visible(user=e.user).filter(closed__isnull=True), 60)
        brokers.append({"username": e.user.username, "own_cases": own, "cases": own[:30] + visible[:30] or visible,
                        "placements": [list(p) for p in placements]})
    consultants = []
    for e in of_role(Role.COMPANY_CONSULTANT, "konsulent"):
        companies = list(Company.objects.filter(owner=e).values_list("pk", flat=True)[:100]) or sample(
            Company.objects.all(), 50)
        consultants.append({"username": e.user.username, "companies": companies,
                            "cases": sample(cases_visible(user=e.user), 50) or sample(Case.objects.all(), 1)})
    leaders = [{"username": e.user.username, "team": e.team_id,
                "cases": sample(cases_visible(user=e.user).filter(closed__isnull=True), 60)}
               for e in of_role(Role.MANAGER, "leder")]
    names = sample(Citizen.objects.all(), 400)
    terms = sorted({n.split()[-1][:4].lower() for n in Citizen.objects.filter(pk__in=names)
                    .values_list("name", flat=True) if n.split()[-1][:4].isalpha()})
    openings = sample(JobOpening.objects.filter(status="open"), 300)
    result = {"password": DEMO_PASSWORD, "users": users, "brokers": [b for b in brokers if b["cases"]],
              "consultants": consultants, "leaders": leaders, "terms": terms, "openings": openings,
              "cases": Case.objects.count(),
              "placements_per_broker": sum(len(b["placements"]) for b in brokers) / max(1, len(brokers)),
              "staff_per_role": {"brokers": len(brokers), "consultants": len(consultants), "leaders": len(leaders)},
              "busiest_broker_cases": CaseStaff.objects.values("employee").annotate(n=Count("pk"))
              .order_by("-n").values_list("n", flat=True).first()}
    if LOGIN == "session":
        result["sessions"] = sessions(result, users)
    from django.db import connection
    result["database"] = connection.vendor
    from jobspor.placements.models import WeekHours
    result["hours_rows"] = WeekHours.objects.count()
    connection.close()
    return result


def sessions(the_plan: dict, users: int) -> dict:
    """A logged-in session per Locust user (`force_login`, as after the morning's login: the measured hour is
    the day's work, not everyone logging in at once — each login costs a password hash, about 0.3–1 s of CPU)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    User = get_user_model()
    result = {}
    total_weight = sum(WEIGHTS.values())
    for role, weight in WEIGHTS.items():
        people = the_plan[role]
        count = min(users, -(-users * weight // total_weight) + 5)
        accounts = {u.username: u for u in User.objects.filter(username__in=[p["username"] for p in people])}
        result[role] = []
        for n in range(count):
            client = Client()
            client.force_login(accounts[people[n % len(people)]["username"]],
                               backend="django.contrib.auth.backends.ModelBackend")
            result[role].append(client.cookies["sessionid"].value)
    return result


# --- CPU per group of processes, from /proc ----------------------------------------------------------------------

TICK = os.sysconf("SC_CLK_TCK")


def _proc(pid: str):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK  # ppid, utime + stime
    except (OSError, IndexError, ValueError):
        return None


def cpu_snapshot(groups: dict[str, int]) -> dict:
    """CPU seconds so far of each group (the processes under a root pid, the root included) and of the machine."""
    procs = {pid: info for pid in os.listdir("/proc") if pid.isdigit() and (info := _proc(pid))}
    result = {}
    for name, root in groups.items():
        members, frontier = {str(root)}, [str(root)]
        while frontier:
            parent = int(frontier.pop())
            children = [p for p, (ppid, _c) in procs.items() if ppid == parent and p not in members]
            members.update(children)
            frontier.extend(children)
        result[name] = sum(procs[p][1] for p in members if p in procs)
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    result["machine_busy"] = (sum(values) - values[3] - values[4]) / TICK  # all but idle and iowait
    return result


def postmaster_pid() -> int | None:
    if not URL.startswith("postgres"):
        return None
    try:
        text = (ROOT / "data" / "pg-bench" / "data" / "postmaster.pid").read_text()
        return int(text.split()[0])
    except (OSError, ValueError, IndexError):
        return None


# --- the run ------------------------------------------------------------------------------------------------------

def start_gunicorn() -> subprocess.Popen:
    log = open(RESULTS / "load-gunicorn.log", "w")
    server = subprocess.Popen([str(BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
                               "--workers", str(WORKERS), "--threads", str(THREADS), "--worker-class", "gthread",
                               "--timeout", "300", "--graceful-timeout", "5", "--log-level", "warning",
                               "--config", str(ROOT / "benchmarks" / "gunicorn_load.py")],
                              cwd=ROOT, env={**os.environ, "JOBSPOR_LOAD_REQUEST_LOG": str(REQUEST_LOG)},
                              stdout=log, stderr=log)
    deadline = time.time() + 180
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/konto/login/", timeout=30) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if server.poll() is not None or time.time() > deadline:
            raise SystemExit(f"gunicorn did not start (see {RESULTS / 'load-gunicorn.log'})")
        time.sleep(1)
    for _ in range(3 * WORKERS):  # every worker imports its views on its first requests
        urllib.request.urlopen(f"http://127.0.0.1:{PORT}/konto/login/", timeout=120).read()
    return server


def run_rate(rate: int, server: subprocess.Popen, plan_path: Path) -> dict:
    users = max(1, round(rate * PACE))
    out = RESULTS / f"load-{rate}.json"
    out.unlink(missing_ok=True)
    env = {**os.environ, "JOBSPOR_LOAD_PLAN": str(plan_path), "JOBSPOR_LOAD_OUT": str(out),
           "JOBSPOR_LOAD_WARMUP": str(WARMUP), "JOBSPOR_LOAD_PACE": str(PACE), "JOBSPOR_LOAD_LOGIN": LOGIN}
    spawn = max(1.0, users / (WARMUP / 2))  # everyone logged in within the first half of the warm-up
    locust = subprocess.Popen([str(BIN / "locust"), "-f", str(ROOT / "benchmarks" / "locustfile.py"), "--headless",
                               "--host", f"http://127.0.0.1:{PORT}", "-u", str(users), "-r", f"{spawn:.2f}",
                               "--run-time", f"{int(WARMUP + SECONDS)}s", "--stop-timeout", "30",
                               "--only-summary", "--loglevel", "WARNING"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=open(RESULTS / f"load-{rate}-locust.log", "w"))
    groups = {"gunicorn": server.pid, "locust": locust.pid}
    if postmaster_pid():
        groups["postgresql"] = postmaster_pid()
    time.sleep(WARMUP)
    before, load_before, t0 = cpu_snapshot(groups), os.getloadavg(), time.monotonic()
    time.sleep(max(1.0, SECONDS - 2))  # the last snapshot while Locust still runs (its own CPU counts)
    after, load_after, cpu_seconds = cpu_snapshot(groups), os.getloadavg(), time.monotonic() - t0
    locust.wait()
    if not out.exists():
        raise SystemExit(f"Locust wrote no figures for {rate}/s (see {RESULTS / f'load-{rate}-locust.log'})")
    result = json.loads(out.read_text())
    cpu = {name: round((after[name] - before[name]) / cpu_seconds, 2) for name in before}
    cpu["other"] = round(cpu["machine_busy"] - sum(v for k, v in cpu.items() if k != "machine_busy"), 2)
    result.update({"target_per_second": rate, "users": users, "cpu_seconds_per_second": cpu, "cores": CORES,
                   "load_average_before": load_before, "load_average_after": load_after})
    result["server"] = server_costs(result["window_start"], result["window_start"] + result["seconds"])
    whole = result["all"]
    result["broke"] = [why for why, bad in [
        (f"p95 {whole['p95_ms']} ms > {P95_GOAL_MS} ms", (whole["p95_ms"] or 0) > P95_GOAL_MS),
        (f"{whole['failures']} errors", whole["failures"] > 0),
        (f"{whole['per_second']}/s achieved of {rate}/s", whole["per_second"] < 0.9 * rate)] if bad]
    return result


PAGES = [  # server-side request → the page name of locustfile.py
    (r"POST /sag/\d+/kontakter/ny/", "contact saved"), (r"GET /sag/\d+/forloeb/\d+/timer/", "hours saved (form)"),
    (r"POST /sag/\d+/forloeb/\d+/timer/", "hours saved"), (r"GET /sag/\d+/\?fane=match", "SLOW match tab"),
    (r"GET /sag/\d+/\?fane=(\w+)", "case tab {}"), (r"GET /sag/\d+/$", "case page"),
    (r"GET /sag/\?.*q=", "case list search"), (r"GET /sag/", "case list"), (r"GET /soeg/", "search"),
    (r"GET /opgaver/gaaet-i-staa/", "stalled list"), (r"GET /opgaver/", "my tasks"),
    (r"GET /virksomheder/mine/", "my companies"), (r"GET /virksomheder/\d+/", "company page"),
    (r"GET /job/\d+/", "job page"), (r"GET /job/", "job list"), (r"GET /match/job/", "SLOW job candidates"),
    (r"GET /ledelsesinfo/sager/", "dashboard drill-down"), (r"GET /ledelsesinfo/\?team=", "team dashboard"),
    (r"GET /ledelsesinfo/", "SLOW jobcentre dashboard"), (r"GET /prognose/team/", "SLOW team forecast"),
]


def server_costs(since: float, until: float) -> dict:
    """Per page, from gunicorn's request log in the measured window: requests, median and p95 of the CPU time the
    request took in its worker thread (ms) and its wall time there; and the CPU ms per request over all pages."""
    import re
    import statistics

    rows: dict[str, list] = {}
    for line in REQUEST_LOG.read_text().splitlines() if REQUEST_LOG.exists() else []:
        stamp, method, path, _status, cpu, wall = line.split("\t")
        if not since <= float(stamp) <= until:
            continue
        name = "other"
        for pattern, label in PAGES:
            if match := re.match(pattern, f"{method} {path}"):
                name = label.format(*match.groups())
                break
        rows.setdefault(name, []).append((float(cpu), float(wall)))

    def p95(values):
        values = sorted(values)
        return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    pages = {name: {"requests": len(v), "cpu_median_ms": round(statistics.median(c for c, _w in v), 1),
                    "cpu_p95_ms": round(p95([c for c, _w in v]), 1),
                    "cpu_total_s": round(sum(c for c, _w in v) / 1000, 2),
                    "wall_median_ms": round(statistics.median(w for _c, w in v), 1)} for name, v in rows.items()}
    total = sum(len(v) for v in rows.values())
    cpu = sum(c for v in rows.values() for c, _w in v)
    fast = [(c, w) for name, v in rows.items() if not name.startswith("SLOW") for c, w in v]
    return {"pages": pages, "requests": total, "cpu_ms_per_request": round(cpu / total, 1) if total else None,
            "cpu_ms_per_request_without_slow": round(sum(c for c, _w in fast) / len(fast), 1) if fast else None}


def show(result: dict) -> None:
    w, cpu = result["all"], result["cpu_seconds_per_second"]
    print(f"\n== {result['target_per_second']}/s target, {result['users']} users: {w['per_second']}/s achieved, "
          f"{w['requests']} requests in {result['seconds']} s, {w['failures']} errors; "
          f"median {w['median_ms']} ms, p95 {w['p95_ms']} ms, max {w['max_ms']} ms "
          f"(without the known slow pages: p95 {result['without_slow']['p95_ms']} ms)")
    print(f"   CPU s/s (of {result['cores']} cores): " + ", ".join(f"{k} {v}" for k, v in cpu.items())
          + f"; load average {result['load_average_before'][0]:.1f} → {result['load_average_after'][0]:.1f}")
    print(f"   {'page':34s} {'req':>6s} {'/s':>6s} {'err':>4s} {'median':>7s} {'p95':>7s} {'max':>7s}")
    for name, p in sorted(result["pages"].items(), key=lambda kv: -(kv[1]["p95_ms"] or 0)):
        print(f"   {name:34s} {p['requests']:6d} {p['per_second']:6.1f} {p['failures']:4d} "
              f"{p['median_ms'] or 0:7d} {p['p95_ms'] or 0:7d} {p['max_ms'] or 0:7d}")
    server = result["server"]
    print(f"   in gunicorn (own CPU time of each request, which the machine's load does not inflate): "
          f"{server['cpu_ms_per_request']} ms CPU per request, {server['cpu_ms_per_request_without_slow']} ms "
          f"without the slow pages")
    print(f"   {'page':34s} {'req':>6s} {'cpu median':>10s} {'cpu p95':>8s} {'cpu total s':>11s}")
    for name, p in sorted(server["pages"].items(), key=lambda kv: -kv[1]["cpu_total_s"]):
        print(f"   {name:34s} {p['requests']:6d} {p['cpu_median_ms']:10.1f} {p['cpu_p95_ms']:8.1f} "
              f"{p['cpu_total_s']:11.2f}")
    for error in result["errors"][:8]:
        print(f"   error x{error['occurrences']}: {error['name']}: {error['error'][:160]}")
    held = f"held: p95 ≤ {P95_GOAL_MS} ms, 0 errors"
    print("   " + ("BROKE: " + "; ".join(result["broke"]) if result["broke"] else held))


def main():
    RESULTS.mkdir(exist_ok=True)
    subprocess.run([str(BIN / "jobspor"), "migrate", "-v0"], check=True, cwd=ROOT)
    the_plan = plan(users=round(max(RATES) * PACE))
    plan_path = RESULTS / "load-plan.json"
    plan_path.write_text(json.dumps(the_plan))
    print(json.dumps({k: the_plan[k] for k in ("database", "cases", "hours_rows", "staff_per_role",
                                               "placements_per_broker", "busiest_broker_cases")}))
    print(f"gunicorn: {WORKERS} workers × {THREADS} threads on {CORES} cores; pace {PACE} s per user; "
          f"warm-up {WARMUP:.0f} s, {SECONDS:.0f} s measured per rate; login {LOGIN}; slow pages "
          f"{'in' if os.environ.get('JOBSPOR_LOAD_SLOW', '1') != '0' else 'left out'}")
    REQUEST_LOG.unlink(missing_ok=True)
    server = start_gunicorn()
    runs = []
    try:
        for rate in RATES:
            result = run_rate(rate, server, plan_path)
            show(result)
            runs.append(result)
            if result["broke"] and os.environ.get("JOBSPOR_LOAD_ALL") != "1":
                break
    finally:
        server.terminate()
        server.wait(timeout=30)
    summary = {"database": the_plan["database"], "cases": the_plan["cases"], "hours_rows": the_plan["hours_rows"],
               "workers": WORKERS, "threads": THREADS, "pace": PACE, "slow_pages": os.environ.get(
                   "JOBSPOR_LOAD_SLOW", "1") != "0", "runs": runs}
    (RESULTS / f"load-{the_plan['database']}.json").write_text(json.dumps(summary, indent=1))
    held = [r["target_per_second"] for r in runs if not r["broke"]]
    print(f"\nheld up to {max(held)}/s" if held else "\ndid not hold the first rate")


if __name__ == "__main__":
    main()
