"""Time a few pages in-process (django.test.Client, force_login) on the benchmark database, as the demo users.

    .venv/bin/python benchmarks/pages_quick.py /prognose/team/ /opgaver/     # default: forecast, stalled, tasks
    USERS=leder N=10 .venv/bin/python benchmarks/pages_quick.py /prognose/team/traefsikkerhed/

Prints, per user and page, the first request (cold: a new process, empty caches) and the median of the rest."""
import os, sys, time, statistics
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ["DJANGO_DEBUG"] = "0"
os.environ.setdefault("DATABASE_URL", "sqlite:///" + os.path.abspath("data/bench.sqlite3"))
import django
django.setup()
from django.test import Client
from django.db import connection, reset_queries
from django.conf import settings
settings.ALLOWED_HOSTS = ["*"]
from jobspor.organisation.models import Employee
urls = sys.argv[1:] or ["/prognose/team/", "/opgaver/gaaet-i-staa/", "/opgaver/"]
def user(name):
    from django.contrib.auth import get_user_model
    return get_user_model().objects.get(username=name)
for uname in os.environ.get("USERS", "leder,jobformidler").split(","):
    c = Client()
    c.force_login(user(uname))
    for url in urls:
        times = []
        for i in range(int(os.environ.get("N", "5"))):
            t = time.perf_counter(); r = c.get(url); times.append((time.perf_counter() - t) * 1000)
        print(f"{uname:14} {url:40} {r.status_code} first {times[0]:7.0f} ms  median {statistics.median(times[1:] or times):7.0f} ms  size {len(r.content)//1024} kB")
print("load", os.getloadavg())
