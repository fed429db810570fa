"""Every page type over HTTP through gunicorn (issue 16 points 4 and 5): p95 ≤ 300 ms for each page a jobformidler
and a leader reach, on the 100,000-case demo.

    .venv/bin/python benchmarks/pages_http.py                                   # SQLite: data/bench.sqlite3
    scripts/bench_postgres.sh .venv/bin/python benchmarks/pages_http.py         # PostgreSQL: data/pg-bench

1. Starts gunicorn (`config.settings.local`, DEBUG off, JOBSPOR_PAGES_WORKERS sync workers, default 2) on the
   benchmark database.
2. For each user (JOBSPOR_PAGES_USERS, default jobformidler,leder; logged in with `force_login`) walks the site
   breadth-first from the start pages over HTTP, following links and htmx hx-get as the test crawl does
   (jobspor/core/tests/crawler.py): a page type is a URL pattern with its mode parameters (a case page's tab is a
   type of its own); JOBSPOR_PAGES_PER_TYPE (2) URLs of each type. A URL's first request is its cold figure (its
   objects are not in any cache yet; the workers are warmed on the login page first).
3. Requests each URL found JOBSPOR_PAGES_REPEAT (3) times more: the warm figures.
4. Prints per user the number of page types and requests, p95 over all warm requests, the ten slowest page types
   (warm p95, median, cold) and the goals: every page type's warm p95 ≤ 300 ms, and point 4's pages (Mine
   opgaver ≤ 150 ms, the leader's stalled list ≤ 150 ms, the leader's forecast ≤ 1 s). Writes
   benchmarks/results/pages-http-<vendor>.json with every page type's figures and the load average.

Only GET; the links that log out, change language or set up a second factor are not followed.

JOBSPOR_PAGES_URLS="/ledelsesinfo/maal/ /makkerskab/": only these pages, no walk (each its own type: one cold request,
then REPEAT warm ones), for a before/after of a few pages.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import defaultdict, deque
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = Path(os.environ.get("JOBSPOR_BENCH_DB", ROOT / "data" / "bench.sqlite3"))
URL = os.environ.get("JOBSPOR_BENCH_DATABASE_URL") or f"sqlite:///{BENCH_DB}"
os.environ["DATABASE_URL"] = URL
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
os.environ["DJANGO_DEBUG"] = "0"
VENDOR = "postgresql" if URL.startswith("postgres") else "sqlite"
RESULTS = ROOT / "benchmarks" / "results"
BIN = Path(sys.executable).parent
PORT = int(os.environ.get("JOBSPOR_PAGES_PORT", "8766"))
WORKERS = int(os.environ.get("JOBSPOR_PAGES_WORKERS", "2"))
USERS = os.environ.get("JOBSPOR_PAGES_USERS", "jobformidler,leder").split(",")
PER_TYPE = int(os.environ.get("JOBSPOR_PAGES_PER_TYPE", "2"))
REPEAT = int(os.environ.get("JOBSPOR_PAGES_REPEAT", "3"))
MAX_PAGES = int(os.environ.get("JOBSPOR_PAGES_MAX", "600"))
ONLY = os.environ.get("JOBSPOR_PAGES_URLS", "").split()
GOAL_MS = 300
# Issue 16 point 4: (user, view name) → goal in ms for that page type's warm p95.
PAGE_GOALS = {("jobformidler", "followup:my_tasks"): 150, ("leder", "followup:my_tasks"): 150,
              ("leder", "contacts:stalled"): 150, ("leder", "forecast:team"): 1000}
START = ["/", "/opgaver/", "/opgaver/gaaet-i-staa/", "/prognose/team/", "/ledelsesinfo/"]


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def start_gunicorn() -> subprocess.Popen:
    RESULTS.mkdir(exist_ok=True)
    log = open(RESULTS / "pages-http-gunicorn.log", "w")
    server = subprocess.Popen([str(BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
                               "--workers", str(WORKERS), "--timeout", "300", "--log-level", "warning"],
                              cwd=ROOT, env=os.environ.copy(), stdout=log, stderr=log)
    deadline = time.time() + 180
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/konto/login/", timeout=30) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if server.poll() is not None or time.time() > deadline:
            raise SystemExit(f"gunicorn did not start (see {RESULTS / 'pages-http-gunicorn.log'})")
        time.sleep(1)
    for _ in range(4 * WORKERS):  # every worker imports Django, the URLconf and the login view first
        urllib.request.urlopen(f"http://127.0.0.1:{PORT}/konto/login/", timeout=120).read()
    wait_for_idle_workers(server.pid)
    return server


def _cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def wait_for_idle_workers(master: int, timeout: float = 180) -> None:
    """Until every worker has finished its warm-up (config/wsgi.py: the URLs, the templates, the matching index):
    a worker still warming up while another answers the first requests made the pages it was sent first look
    seconds slow "cold". Idle: the workers used no CPU for a second."""
    children = Path(f"/proc/{master}/task/{master}/children")
    if not children.exists():  # a kernel without it: the workers cannot be watched
        return
    deadline, last = time.time() + timeout, None
    while time.time() < deadline:
        pids = [int(pid) for pid in children.read_text().split()]
        ticks = sum(_cpu_ticks(pid) for pid in pids)
        if len(pids) >= WORKERS and ticks == last:
            return
        last = ticks
        time.sleep(1)


def session_cookie(username: str) -> str:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username),
                       backend="django.contrib.auth.backends.ModelBackend")
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is a page of its own: its target is queued as a link


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(path: str, cookie: str) -> tuple[int, float, str, dict]:
    """(status, milliseconds, body if HTML, headers) of one GET."""
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}",
                                     headers={"Cookie": cookie, "Host": "127.0.0.1", "Accept-Language": "da"})
    start = time.perf_counter()
    try:
        with OPENER.open(request, timeout=300) as response:
            body, status, headers = response.read(), response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        body, status, headers = error.read(), error.code, dict(error.headers)
    ms = (time.perf_counter() - start) * 1000
    html = body.decode("utf-8", "replace") if "text/html" in headers.get("Content-Type", "") else ""
    return status, ms, html, headers


def walk(username: str) -> dict:
    """Page type → {"urls": [...], "cold": [ms], "warm": [ms], "statuses": [...]} for one user."""
    from jobspor.core.tests.crawler import SKIP_NAMES, links_of, pattern_key

    cookie = session_cookie(username)
    types: dict[tuple, dict] = defaultdict(lambda: {"urls": [], "cold": [], "warm": [], "statuses": []})
    for url in ONLY:  # the pages named, not walked
        status, ms, _html, _headers = fetch(url, cookie)
        types[(url, None, (), None)].update(urls=[url], cold=[ms], statuses=[status])
    queue, seen, pages = deque([] if ONLY else START), set(), 0
    while queue and pages < MAX_PAGES:
        url, _fragment = urldefrag(queue.popleft())
        parts = urlsplit(url)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "127.0.0.1", f"127.0.0.1:{PORT}"):
            continue
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        if url in seen:
            continue
        seen.add(url)
        key = pattern_key(parts.path, parts.query)
        if key is None or key[0] in SKIP_NAMES or len(types[key]["urls"]) >= PER_TYPE:
            continue
        status, ms, html, headers = fetch(url, cookie)
        pages += 1
        found = types[key]
        found["urls"].append(url)
        found["cold"].append(ms)
        found["statuses"].append(status)
        if status in (301, 302, 303, 307, 308) and headers.get("Location"):
            queue.append(urljoin(url, headers["Location"]))
        queue.extend(urljoin(url, link) for link in links_of(html))
    for found in types.values():
        for url in found["urls"]:
            for _ in range(REPEAT):
                status, ms, _html, _headers = fetch(url, cookie)
                found["warm"].append(ms)
                found["statuses"].append(status)
    return types


def report(username: str, types: dict) -> dict:
    rows = []
    for key, found in types.items():
        if not found["urls"]:
            continue
        name, _route, mode, _other = key
        label = name + ("?" + "&".join(f"{k}={v}" for k, v in mode) if mode else "")
        warm = found["warm"] or found["cold"]
        rows.append({"type": label, "view": name, "example": found["urls"][0], "urls": len(found["urls"]),
                     "cold_ms": round(max(found["cold"]), 1), "median_ms": round(statistics.median(warm), 1),
                     "p95_ms": round(p95(warm), 1), "errors": sum(s >= 500 for s in found["statuses"])})
    rows.sort(key=lambda row: -row["p95_ms"])
    every_warm = [ms for found in types.values() for ms in found["warm"]]
    over = [row for row in rows if row["p95_ms"] > GOAL_MS]
    print(f"\n{username}: {len(rows)} page types, {sum(len(f['cold']) + len(f['warm']) for f in types.values())} "
          f"requests; warm p95 over all {p95(every_warm):.0f} ms; {len(over)} types over {GOAL_MS} ms; "
          f"server errors {sum(row['errors'] for row in rows)}")
    print(f"  {'page type':58} {'p95':>8} {'median':>8} {'cold':>8}  example")
    for row in rows[:10]:
        print(f"  {row['type'][:58]:58} {row['p95_ms']:8.0f} {row['median_ms']:8.0f} {row['cold_ms']:8.0f}  "
              f"{row['example'][:60]}")
    goals = {}
    for (user, view), limit in PAGE_GOALS.items():
        if user == username:
            found = [row for row in rows if row["view"] == view]
            goals[view] = {"goal_ms": limit, "p95_ms": max((r["p95_ms"] for r in found), default=None),
                           "cold_ms": max((r["cold_ms"] for r in found), default=None)}
            goals[view]["met"] = goals[view]["p95_ms"] is not None and goals[view]["p95_ms"] <= limit
            print(f"  goal {view}: p95 {goals[view]['p95_ms']} ms, cold {goals[view]['cold_ms']} ms "
                  f"(≤ {limit} ms: {'met' if goals[view]['met'] else 'NOT met'})")
    return {"types": rows, "p95_all_ms": round(p95(every_warm), 1), "over_goal": len(over), "goals": goals}


def main():
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from jobspor.cases.models import Case

    settings.ALLOWED_HOSTS = ["*"]
    info = {"database": connection.vendor, "cases": Case.objects.count(), "workers": WORKERS,
            "per_type": PER_TYPE, "repeat": REPEAT, "load_average_before": os.getloadavg()}
    connection.close()
    print(json.dumps(info))
    server = start_gunicorn()
    try:
        results = {username: report(username, walk(username)) for username in USERS}
    finally:
        server.terminate()
        server.wait(timeout=30)
    info["load_average_after"] = os.getloadavg()
    print("load average before", info["load_average_before"], "after", info["load_average_after"])
    out = RESULTS / f"pages-http-{VENDOR}{'-listed' if ONLY else ''}.json"
    out.write_text(json.dumps({"info": info, "users": results}, indent=1, ensure_ascii=False))
    print("written", out.relative_to(ROOT))


if __name__ == "__main__":
    main()
