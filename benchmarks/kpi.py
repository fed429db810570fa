"""Timing of the KPI engine, `jobspor kpi` and the dashboards on the 100,000-case demo database, topped up to
about 2 million weekly hours rows over two years (benchmarks/kpi_data.py).

    .venv/bin/python benchmarks/kpi.py            # SQLite: data/bench.sqlite3 (JOBSPOR_BENCH_DB), built if needed
    scripts/bench_postgres.sh .venv/bin/python benchmarks/kpi.py     # PostgreSQL: data/pg-bench, built if needed
    JOBSPOR_BENCH_DATABASE_URL=postgres://… .venv/bin/python benchmarks/kpi.py   # another database

Migrates the database, loads the demo if it is empty (SQLite) and tops the hours up (once), then prints median
and 95th percentile (ms) per series and writes benchmarks/results/kpi-<vendor>.json. Issue 7's goals:
`jobspor kpi` for a year ≤ 5 s, a team dashboard page ≤ 1.5 s (p95).
"""

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = Path(os.environ.get("JOBSPOR_BENCH_DB", ROOT / "data" / "bench.sqlite3"))
URL = os.environ.get("JOBSPOR_BENCH_DATABASE_URL") or f"sqlite:///{BENCH_DB}"
RUNS = int(os.environ.get("JOBSPOR_BENCH_RUNS", "7"))
os.environ["DATABASE_URL"] = URL
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
os.environ["DJANGO_DEBUG"] = "0"
RESULTS_DIR = ROOT / "benchmarks" / "results"
GOALS_MS = {"command_year": 5000, "dashboard_team_leader": 1500, "dashboard_team_broker": 1500}


def timed(fn, runs=RUNS):
    fn()  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {"median_ms": round(statistics.median(times), 1), "p95_ms": round(p95, 1), "runs": runs}


def main():
    jobspor = [str(Path(sys.executable).parent / "jobspor")]
    subprocess.run([*jobspor, "migrate", "-v0"], check=True)
    if URL.startswith("sqlite"):
        subprocess.run([*jobspor, "demo", "--cases", "100000", "--seed", "42", "--if-empty"], check=True,
                       stdout=subprocess.DEVNULL)
    import django

    django.setup()
    from benchmarks.kpi_data import top_up

    top_up()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from jobspor.cases.models import Case
    from jobspor.kpi import engine
    from jobspor.organisation.models import Employee
    from jobspor.placements.models import WeekHours

    settings.ALLOWED_HOSTS = ["*"]
    latest = WeekHours.objects.order_by("-week").values_list("week", flat=True).first() or dt.date.today()
    end = latest
    start = end - dt.timedelta(days=364)
    info = {"database": connection.vendor, "cases": Case.objects.count(), "hours_rows": WeekHours.objects.count(),
            "period": [start.isoformat(), end.isoformat()], "load_average_before": os.getloadavg()}
    print(json.dumps(info))
    leader = Employee.objects.select_related("user").get(user__username="leder")
    broker = Employee.objects.select_related("user").get(user__username="jobformidler")
    team_ids = (leader.team_id,)
    series = {}
    series["engine_year_all"] = timed(lambda: engine.compute(engine.KpiQuery(start=start, end=end)))
    series["engine_year_fsm1"] = timed(lambda: engine.compute(engine.KpiQuery(start=start, end=end, fsm_group=1)))
    series["engine_year_team"] = timed(lambda: engine.compute(engine.KpiQuery(start=start, end=end,
                                                                              team_ids=team_ids)))

    def command():
        from io import StringIO
        call_command("kpi", "--from", start.isoformat(), "--to", end.isoformat(), "--format", "json",
                     stdout=StringIO())
    series["command_year"] = timed(command, runs=max(3, RUNS // 2))
    params = {"start": start.isoformat(), "end": end.isoformat()}
    for name, employee, extra in [("dashboard_team_leader", leader, {"team": leader.team_id}),
                                  ("dashboard_team_broker", broker, {}),
                                  ("dashboard_jobcentre_leader", leader, {}),
                                  ("dashboard_team_fsm1", leader, {"team": leader.team_id, "fsm_group": 1})]:
        client = Client()
        client.force_login(employee.user)

        def get(client=client, extra=extra):
            response = client.get("/ledelsesinfo/", {**params, **extra})
            assert response.status_code == 200, response.status_code
        # More runs for the pages with a goal, so that p95 is not simply the slowest run.
        series[name] = timed(get, runs=RUNS if name == "dashboard_jobcentre_leader" else max(RUNS, 15))
    client = Client()
    client.force_login(leader.user)

    def drill():
        assert client.get("/ledelsesinfo/sager/", {**params, "team": leader.team_id,
                                                   "measure": "ordinary_hours"}).status_code == 200
    series["drill_team_ordinary_hours"] = timed(drill)
    info["load_average_after"] = os.getloadavg()
    goals = {name: series[name]["p95_ms"] <= limit for name, limit in GOALS_MS.items()}
    for name, figures in series.items():
        goal = "" if name not in goals else f"   goal p95 ≤ {GOALS_MS[name]} ms: {'met' if goals[name] else 'MISSED'}"
        print(f"{name:32s} median {figures['median_ms']:8.1f} ms   p95 {figures['p95_ms']:8.1f} ms{goal}")
    print(f"load average before {info['load_average_before'][0]:.2f}, after {info['load_average_after'][0]:.2f}")
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / f"kpi-{connection.vendor}.json").write_text(
        json.dumps({**info, "series": series, "goals_met": goals}, indent=2))


if __name__ == "__main__":
    main()
