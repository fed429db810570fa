"""A jobcentre's working day for Locust (issue 15 point 6), run by benchmarks/load.py.

Three kinds of staff, each a Locust user class logged in as a real demo employee of that role (the plan file
written by load.py names them and the cases, placements, companies and openings each may work on):

- jobformidlere: "Mine opgaver", the case list and its search, the case page and its tabs, a conversation saved
  (the journal's contact form), weekly hours saved (the month grid of a placement), the Match tab, the stalled list;
- virksomhedskonsulenter: their companies, a company page, openings, an opening's candidates, a case page;
- leaders: the team dashboard, the jobcentre-wide dashboard (their start page), the team forecast, the stalled
  list, the case list and a case page.

Each task is exactly one page (a saved form is its POST and the redirect the browser follows), so the rate is
requests per second. Arrivals are open: each user's next request is due an exponentially distributed pause after
the previous one was due (Poisson arrivals, JOBSPOR_LOAD_PACE seconds on average), not after it answered — a slow
answer does not slow the others down, only that user (one person waits for one page).

Known slow pages (the Match tab, the jobcentre-wide dashboard, the leader's forecast) keep realistic low weights;
JOBSPOR_LOAD_SLOW=0 leaves them out. The figures are collected by load.py from Locust's own statistics.
"""
from __future__ import annotations

import datetime as dt
import http.cookiejar
import itertools
import json
import os
import random
import re
import sys
import time

from locust import FastHttpUser, events, task

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from html_forms import contact_values, form_fields, hours_month, hours_values  # noqa: E402

PLAN = json.loads(open(os.environ.get("JOBSPOR_LOAD_PLAN", "results/load-plan.json"), encoding="utf-8").read())
PACE = float(os.environ.get("JOBSPOR_LOAD_PACE", "2.0"))  # mean seconds between one user's requests
SLOW = os.environ.get("JOBSPOR_LOAD_SLOW", "1") != "0"
PASSWORD = PLAN["password"]
TABS = [("kontakter", 6), ("plan", 4), ("forloeb", 4), ("cv", 3), ("moeder", 2), ("historik", 1),
        ("beskeder", 1), ("dokumenter", 1), ("indsatser", 1)]
NOTES = ["Jobsamtale: vi talte om praktik i butik; borgeren vil gerne prøve lager.",
         "Opfølgning på praktikken. Går godt, virksomheden overvejer timer.",
         "Borgeren har søgt tre stillinger siden sidst. Aftalt CV opdateres."]


def poisson_pacing(user) -> float:
    """Seconds until this user's next request is due (open arrivals, see the module's docstring)."""
    now = time.monotonic()
    due = getattr(user, "_due", now) + random.expovariate(1 / PACE)
    user._due = max(due, now)  # a user far behind (a slow page) does not fire a burst to catch up
    return max(0.0, due - now)


class Staff(FastHttpUser):
    abstract = True
    wait_time = poisson_pacing
    role = ""
    network_timeout = connection_timeout = 120.0
    _counters: dict = {}

    def on_start(self):
        people = PLAN[self.role]
        n = next(Staff._counters.setdefault(self.role, itertools.count()))
        self.me = people[n % len(people)]
        self.share = (n // len(people), max(1, -(-PLAN["users"] // len(people))))  # my slice of what I change
        self.rng = random.Random(n)
        self._due = time.monotonic() + random.uniform(0, PACE)
        if "sessions" in PLAN:  # logged in already (load.py made the sessions)
            host = self.client.base_url.split("//", 1)[1].split(":")[0]
            self.client.cookiejar.set_cookie(http.cookiejar.Cookie(
                0, "sessionid", PLAN["sessions"][self.role][n % len(PLAN["sessions"][self.role])], None, False,
                host, False, False, "/", True, False, None, True, None, None, {}))
            return
        page = self.client.get("/konto/login/", name="login").text or ""
        token = (re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page) or [""])[0]
        with self.client.post("/konto/login/", name="login", catch_response=True, allow_redirects=False,
                              data={"csrfmiddlewaretoken": token, "username": self.me["username"],
                                    "password": PASSWORD}) as response:
            if response.status_code != 302:
                response.failure(f"login of {self.me['username']} answered {response.status_code}")

    def mine(self, key):
        """This user's slice of a list of things to change, so that two sessions never edit the same thing."""
        items = self.me.get(key) or []
        k, of = self.share
        return items[k::of] or items

    def get(self, path, name):
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {path}")
            elif "/konto/login/" in (response.url or ""):
                response.failure(f"not logged in: {path}")
            return response.text or ""

    def post_form(self, page_path, action, name, values):
        """Fetch the form, fill it like a user and post it; the POST (and the page it redirects to) is `name`.
        `action` is the form's action attribute ("" for a form that posts to its own page)."""
        page = self.get(page_path, name + " (form)")
        data = form_fields(page, action)
        if "csrfmiddlewaretoken" not in data:
            return
        data.update(values(data))
        with self.client.post(action or page_path, data=data, name=name, catch_response=True,
                              headers={"Referer": self.client.base_url + page_path}) as response:
            if response.status_code != 200 or "errorlist" in (response.text or ""):
                found = re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]{3,200})', response.text or "")
                response.failure(f"{response.status_code} {found[:2]}")

    def case(self):
        return self.rng.choice(self.me["cases"])

    def term(self):
        return self.rng.choice(PLAN["terms"])


class Jobformidler(Staff):
    role = "brokers"
    weight = 7

    @task(8)
    def my_tasks(self):
        self.get("/opgaver/", "my tasks")

    @task(8)
    def case_list(self):
        self.get("/sag/", "case list")

    @task(6)
    def case_list_search(self):
        self.get(f"/sag/?scope=alle&q={self.term()}", "case list search")

    @task(4)
    def global_search(self):
        self.get(f"/soeg/?q={self.term()}", "search")

    @task(15)
    def case_page(self):
        self.get(f"/sag/{self.case()}/", "case page")

    @task(23)
    def case_tab(self):
        tab = self.rng.choices([t for t, _w in TABS], [w for _t, w in TABS])[0]
        self.get(f"/sag/{self.case()}/?fane={tab}", f"case tab {tab}")

    @task(5)
    def contact_save(self):
        case = self.rng.choice(self.mine("own_cases") or self.me["cases"])
        note = self.rng.choice(NOTES)

        def values(_data):
            return contact_values(dt.date.today(), note)
        self.post_form(f"/sag/{case}/?fane=kontakter", f"/sag/{case}/kontakter/ny/", "contact saved", values)

    @task(3)
    def hours_save(self):
        placements = self.mine("placements")
        if not placements:
            return self.case_page()
        case, placement = self.rng.choice(placements)
        path = f"/sag/{case}/forloeb/{placement}/timer/?maaned={hours_month(dt.date.today())}"

        hours = self.rng.choice(["8", "12", "15", "18", "20", "25"])

        def values(data):
            return hours_values(data, dt.date.today(), hours)
        self.post_form(path, "", "hours saved", values)

    @task(1)
    def stalled(self):
        self.get("/opgaver/gaaet-i-staa/", "stalled list")

    @task(1 if SLOW else 0)
    def match_tab(self):
        self.get(f"/sag/{self.case()}/?fane=match", "SLOW match tab")


class Virksomhedskonsulent(Staff):
    role = "consultants"
    weight = 2

    @task(10)
    def my_companies(self):
        self.get("/virksomheder/mine/", "my companies")

    @task(12)
    def company_page(self):
        self.get(f"/virksomheder/{self.rng.choice(self.me['companies'])}/", "company page")

    @task(5)
    def job_list(self):
        self.get("/job/", "job list")

    @task(6)
    def job_page(self):
        self.get(f"/job/{self.rng.choice(PLAN['openings'])}/", "job page")

    @task(5)
    def case_page(self):
        self.get(f"/sag/{self.case()}/", "case page")

    @task(4)
    def global_search(self):
        self.get(f"/soeg/?q={self.term()}", "search")

    @task(1 if SLOW else 0)
    def job_candidates(self):
        self.get(f"/match/job/{self.rng.choice(PLAN['openings'])}/", "SLOW job candidates")


class Leder(Staff):
    role = "leaders"
    weight = 1

    @task(6)
    def team_dashboard(self):
        self.get(f"/ledelsesinfo/?team={self.me['team']}", "team dashboard")

    @task(4)
    def stalled(self):
        self.get("/opgaver/gaaet-i-staa/?scope=team", "stalled list")

    @task(4)
    def case_list(self):
        self.get("/sag/?scope=alle&status=active", "case list")

    @task(5)
    def case_page(self):
        self.get(f"/sag/{self.case()}/", "case page")

    @task(2)
    def drill(self):
        self.get(f"/ledelsesinfo/sager/?team={self.me['team']}&measure=ordinary_hours", "dashboard drill-down")

    @task(1 if SLOW else 0)
    def jobcentre_dashboard(self):
        self.get("/ledelsesinfo/", "SLOW jobcentre dashboard")

    @task(1 if SLOW else 0)
    def forecast(self):
        self.get("/prognose/team/", "SLOW team forecast")


# --- figures: measured after a warm-up (logins, first requests of each worker), written as JSON on exit ---------

WARMUP = float(os.environ.get("JOBSPOR_LOAD_WARMUP", "60"))
OUT = os.environ.get("JOBSPOR_LOAD_OUT", "")
_window = {}


def _percentile(times: dict, share: float):
    total = sum(times.values())
    if not total:
        return None
    seen = 0
    for ms in sorted(times):
        seen += times[ms]
        if seen >= share * total:
            return ms
    return max(times)


def _figures(entries) -> dict:
    times: dict = {}
    for entry in entries:
        for ms, n in entry.response_times.items():
            times[ms] = times.get(ms, 0) + n
    count = sum(e.num_requests for e in entries)
    return {"requests": count, "failures": sum(e.num_failures for e in entries),
            "median_ms": _percentile(times, 0.5), "p95_ms": _percentile(times, 0.95),
            "p99_ms": _percentile(times, 0.99), "max_ms": max(times) if times else None,
            "mean_ms": round(sum(ms * n for ms, n in times.items()) / count, 1) if count else None}


@events.test_start.add_listener
def _start_window(environment, **_kw):
    import gevent

    def reset():
        gevent.sleep(WARMUP)
        environment.stats.reset_all()
        _window["start"] = time.time()
    gevent.spawn(reset)


@events.quitting.add_listener
def _write(environment, **_kw):
    if not OUT or "start" not in _window:
        return
    seconds = time.time() - _window["start"]
    entries = [e for e in environment.stats.entries.values() if e.name != "login"]
    pages = {e.name: {**_figures([e]), "per_second": round(e.num_requests / seconds, 2)}
             for e in sorted(entries, key=lambda e: e.name)}
    result = {"seconds": round(seconds, 1), "window_start": _window["start"],
              "all": {**_figures(entries), "per_second": round(sum(e.num_requests for e in entries) / seconds, 2)},
              "without_slow": _figures([e for e in entries if not e.name.startswith("SLOW")]),
              "pages": pages,
              "errors": [{"name": e.name, "error": str(e.error), "occurrences": e.occurrences}
                         for e in environment.stats.errors.values()],
              "users": environment.runner.user_count if environment.runner else None}
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
