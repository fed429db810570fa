"""Import speed (issue 16 point 1): `jobspor import` of a whole export of the demo into an empty, migrated database.
Goal: ≥ 5,000 records/s (690,000 records of the 100,000-case demo in under 3 minutes), memory bounded.

    .venv/bin/python benchmarks/import_speed.py                                     # SQLite, 10,000 cases
    JOBSPOR_BENCH_IMPORT_CASES=100000 .venv/bin/python benchmarks/import_speed.py   # the issue's size
    scripts/bench_postgres.sh .venv/bin/python benchmarks/import_speed.py           # PostgreSQL as well

The file to import is an export of `jobspor demo --cases N --seed 42`, built once in data/ and reused
(data/bench-import-N.jsonl). Each database gets a fresh target: a new SQLite file, or on PostgreSQL the database
named as JOBSPOR_BENCH_DATABASE_URL's with `_import` after it (dropped and created on the benchmark's own server,
so the 100,000-case benchmark database is left alone). The import runs as the command, in its own process:
records/s over the whole command (Python's start included), wall time, and the process's peak RSS (wait4).
The load average is recorded beside each figure: on a busy machine the figures are too low.
JOBSPOR_BENCH_IMPORT_AGAIN=1 also times a second import of the same file (nothing to change: idempotent);
JOBSPOR_BENCH_IMPORT_SQLITE=0 skips SQLite (PostgreSQL only).
Writes benchmarks/results/import_speed[-postgresql].json.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
CASES = int(os.environ.get("JOBSPOR_BENCH_IMPORT_CASES", "10000"))
AGAIN = os.environ.get("JOBSPOR_BENCH_IMPORT_AGAIN", "0") == "1"
SQLITE = os.environ.get("JOBSPOR_BENCH_IMPORT_SQLITE", "1") == "1"
PG_URL = os.environ.get("JOBSPOR_BENCH_DATABASE_URL", "")
GOAL_RECORDS_PER_S = 5000
# The worktree's own code, whichever `jobspor` script is installed.
CLI = [sys.executable, "-c", "import sys; from jobspor.cli import main; sys.argv[0] = 'jobspor'; main()"]


def jobspor(args, database_url, **kwargs):
    env = os.environ | {"DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings.local",
                        "DJANGO_DEBUG": "0"}
    return subprocess.Popen([*CLI, *args], cwd=ROOT, env=env, **kwargs)


def run(args, database_url):
    process = jobspor(args, database_url, stdout=subprocess.DEVNULL)
    if process.wait() != 0:
        sys.exit(f"jobspor {' '.join(args)} failed")


def source_file() -> Path:
    """The export of the N-case demo (built the first time: about 6 s per 1,000 cases)."""
    path = ROOT / "data" / f"bench-import-{CASES}.jsonl"
    if not path.exists():
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/source.sqlite3"
            run(["migrate", "-v0"], url)
            run(["demo", "--cases", str(CASES), "--seed", "42"], url)
            run(["export", str(path)], url)
    return path


def timed_import(path: Path, database_url: str) -> dict:
    """One `jobspor import` as its own process: wall time and peak RSS of that process alone."""
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a long error list must not block the import
        process = jobspor(["import", str(path)], database_url, stdout=subprocess.PIPE, stderr=errors)
        out = process.stdout.read()
        _pid, status, usage = os.wait4(process.pid, 0)  # the rusage of this process alone
        wall = time.perf_counter() - start
        if status != 0:
            errors.seek(0)
            sys.exit(f"import failed: {errors.read().decode()[-2000:]}")
    records = sum(1 for line in path.open("rb") if line.strip())
    return {"records": records, "wall_s": round(wall, 1), "records_per_s": round(records / wall),
            "peak_rss_mb": round(usage.ru_maxrss / 1024), "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
            "load_before": round(load_before, 2), "load_after": round(os.getloadavg()[0], 2),
            "output": out.decode().strip()}


def sqlite_target(tmp: str) -> str:
    url = f"sqlite:///{tmp}/target.sqlite3"
    run(["migrate", "-v0"], url)
    return url


def postgres_target() -> str:
    """A fresh database beside the benchmark's: <name>_import, dropped and created, then migrated."""
    import psycopg

    parts = urlsplit(PG_URL)
    name = parts.path.lstrip("/") + "_import"
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server.replace("postgres://", "postgresql://", 1), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    url = urlunsplit(parts._replace(path=f"/{name}"))
    run(["migrate", "-v0"], url)
    return url


def measure(vendor: str, path: Path, target: str) -> dict:
    result = {"vendor": vendor, "cases": CASES, "first": timed_import(path, target)}
    if AGAIN:
        result["again"] = timed_import(path, target)
    first = result["first"]
    print(f"{vendor}: {first['records']:,} records in {first['wall_s']} s = {first['records_per_s']:,}/s "
          f"(goal {GOAL_RECORDS_PER_S:,}/s), peak RSS {first['peak_rss_mb']} MB, "
          f"load {first['load_before']} → {first['load_after']}")
    if AGAIN:
        again = result["again"]
        print(f"{vendor} again: {again['wall_s']} s = {again['records_per_s']:,}/s, peak RSS {again['peak_rss_mb']} MB")
    out = ROOT / "benchmarks" / "results" / f"import_speed{'-postgresql' if vendor == 'postgresql' else ''}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    return result


def main():
    path = source_file()
    if SQLITE:
        with tempfile.TemporaryDirectory() as tmp:
            measure("sqlite", path, sqlite_target(tmp))
    if PG_URL.startswith("postgres"):
        measure("postgresql", path, postgres_target())


if __name__ == "__main__":
    main()
