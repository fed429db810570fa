"""Time a few pages in-process (django.test.Client, force_login) on the benchmark database, as the demo users.

    .venv/bin/python benchmarks/pages_quick.py /prognose/team/ /opgaver/     # default: forecast, stalled, tasks
    USERS=leder N=10 .venv/bin/python benchmarks/pages_quick.py /prognose/team/traefsikkerhed/

Prints, per user and page, the first request (cold: a new process, empty caches) and the median of the rest, in wall
time and in process CPU time (all threads: on a shared machine the CPU compares better than the wall time; on
SQLite it includes the database's work, on PostgreSQL only Python's). KPI_LOG=1 logs each dashboard read's time
(the `jobspor.kpi` logger at DEBUG)."""

import logging
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ["DJANGO_DEBUG"] = "0"
os.environ.setdefault("DATABASE_URL", "sqlite:///" + os.path.abspath("data/bench.sqlite3"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]
URLS = sys.argv[1:] or ["/prognose/team/", "/opgaver/gaaet-i-staa/", "/opgaver/"]


def main():
    if os.environ.get("KPI_LOG"):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger = logging.getLogger("jobspor.kpi")
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)
        logger.propagate = False
    for username in os.environ.get("USERS", "leder,jobformidler").split(","):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        for url in URLS:
            times, cpu = [], []
            for _ in range(int(os.environ.get("N", "6"))):
                start, start_cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
            print(f"{username:14} {url:40} {response.status_code} first {times[0]:7.0f} ms  "
                  f"median {statistics.median(times[1:] or times):7.0f} ms  size {len(response.content) // 1024} kB  "
                  f"CPU first {cpu[0]:.0f} ms median {statistics.median(cpu[1:] or cpu):.0f} ms")
    print("load average", os.getloadavg())


if __name__ == "__main__":
    main()
