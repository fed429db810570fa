"""What the hash chain costs an access-log write (every page view writes one) and how fast `jobspor audit verify`
walks a chain.

    .venv/bin/python benchmarks/audit_chain.py                              # SQLite: a fresh data/bench-audit.sqlite3
    scripts/with_postgres.sh .venv/bin/python benchmarks/audit_chain.py     # a throw-away PostgreSQL server

Series (per write: one access_log_write of one citizen, its own transaction, as a page view does):
- `unchained`: the write as it was before the chain (a plain INSERT of the row, no lock, no hash);
- `chained`: access_log_write today (lock, head lookup, ids, sha256, INSERT);
- `chained_threads`: PostgreSQL only, 4 threads writing at once (total writes per second), chained vs unchained;
- `verify`: rows per second walked by audit.chain.verify_chain.
The table is first filled with JOBSPOR_BENCH_AUDIT_ROWS rows (default 200,000), so the head lookup is not on a
toy table. Writes results to benchmarks/results/audit-<vendor>.json.
"""

import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not os.environ.get("DATABASE_URL"):
    db = ROOT / "data" / "bench-audit.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
ROWS = int(os.environ.get("JOBSPOR_BENCH_AUDIT_ROWS", "200000"))
WRITES = int(os.environ.get("JOBSPOR_BENCH_AUDIT_WRITES", "2000"))


def per_write(fn, n=WRITES):
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - t0) * 1e6)
    times.sort()
    return {"median_us": round(statistics.median(times)), "p95_us": round(times[int(0.95 * (n - 1))]),
            "mean_us": round(statistics.fmean(times)), "writes": n}


def main():
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections, models, transaction

    from jobspor.audit import chain
    from jobspor.audit.models import AccessLog
    from jobspor.audit.services import access_log_write

    call_command("migrate", verbosity=0)
    vendor = connection.vendor
    t0 = time.perf_counter()
    for start in range(0, ROWS, 10000):
        AccessLog.objects.bulk_create(AccessLog(actor="Forberedt", action="view", purpose="Sag", citizen_id=i)
                                      for i in range(start, min(ROWS, start + 10000)))
    fill_s = time.perf_counter() - t0

    def unchained(i):  # as before the chain: the row inserted in its own transaction
        with transaction.atomic():
            models.QuerySet.bulk_create(AccessLog.objects.all(), [AccessLog(
                id=None, actor="Anne Holm (anne)", action="view", purpose="Sag", citizen_id=i, case_id=i,
                path=f"/sag/{i}/", subject="fane:journal", organisation="Jobcenter – Team Nord", role="Jobformidler")])

    def chained(i):
        access_log_write(actor=None, action="view", purpose="Sag", citizen_ids=[i], case_ids=[i], path=f"/sag/{i}/",
                         subject="fane:journal")

    # Unchained rows get ids from the table's own sequence; on PostgreSQL that is the same sequence, so no clash.
    results = {"vendor": vendor, "prefilled_rows": ROWS, "prefill_s": round(fill_s, 1),
               "load_1min": os.getloadavg()[0], "cpus": os.cpu_count()}
    for name, fn in (("unchained", unchained), ("chained", chained), ("unchained_again", unchained),
                     ("chained_again", chained)):
        results[name] = per_write(fn)
        print(name, results[name], flush=True)

    if vendor == "postgresql":
        for name, fn in (("unchained_threads", unchained), ("chained_threads", chained)):
            per_thread = WRITES // 4

            def work(fn=fn, per_thread=per_thread):
                for i in range(per_thread):
                    fn(i)
                connections.close_all()

            threads = [threading.Thread(target=work) for _ in range(4)]
            t0 = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - t0
            results[name] = {"threads": 4, "writes": per_thread * 4,
                             "writes_per_s": round(per_thread * 4 / elapsed)}
            print(name, results[name], flush=True)

    # The unchained rows break the chain on purpose here; verify still walks every row.
    t0 = time.perf_counter()
    report = chain.verify_chain(AccessLog)
    elapsed = time.perf_counter() - t0
    results["verify"] = {"rows": report.rows, "seconds": round(elapsed, 2), "rows_per_s": round(report.rows / elapsed)}
    print("verify", results["verify"], flush=True)
    results["load_1min_after"] = os.getloadavg()[0]
    out = ROOT / "benchmarks" / "results" / f"audit-{vendor}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"→ {out}")


if __name__ == "__main__":
    main()
