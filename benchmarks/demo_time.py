"""How long `jobspor demo` takes and where the time goes (issue 16 point 6: 100,000 cases in ≤ 120 s on SQLite).

    rm -f /tmp/demo.sqlite3 && DATABASE_URL=sqlite:////tmp/demo.sqlite3 DJANGO_SETTINGS_MODULE=config.settings.local \
      .venv/bin/python benchmarks/demo_time.py 100000 [--seed 42]

Migrates the database (timed on its own: not part of the goal), then runs `generator.demo_load` and prints the
wall and CPU time of each step — planning, writing the citizens, cases, staff and assessments, each app's demo
extension, the statistics refresh — the total, the peak memory of the process (ru_maxrss) and the load average
before and after (the machine's other work shows in the wall time: run it on a quiet machine). The database must
be empty of cases (a new file, or a freshly migrated one).
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")


class Clock:
    """Wall and CPU seconds since the last lap (or since start)."""

    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self):
        wall, cpu = time.perf_counter(), time.process_time()
        result = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return result


def line(label, wall, cpu):
    print(f"{label:<44} wall {wall:7.1f} s   cpu {cpu:7.1f} s", flush=True)


def timed(function, label):
    """`function` wrapped so that each call prints its own wall and CPU time."""
    def wrapper(*args, **kwargs):
        clock = Clock()
        try:
            return function(*args, **kwargs)
        finally:
            line(label, *clock.lap())
    return wrapper


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", type=int, nargs="?", default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command

    from jobspor.demo import generator

    load_before = os.getloadavg()
    clock = Clock()
    call_command("migrate", verbosity=0)
    line("migrate (not counted)", *clock.lap())

    # Time the steps of demo_load by wrapping the functions it calls (looked up on the module at call time).
    chunks = [0.0, 0.0]
    write_chunk = generator._write_chunk

    def counted_chunk(*a, **kw):
        step = Clock()
        try:
            return write_chunk(*a, **kw)
        finally:
            wall, cpu = step.lap()
            chunks[0] += wall
            chunks[1] += cpu

    extensions = generator.demo_extensions

    def timed_extensions():
        if chunks[0]:
            line("citizens, cases, staff, assessments", *chunks)
        for extend in extensions():
            yield timed(extend, extend.__module__)

    generator._write_chunk = counted_chunk
    generator.demo_extensions = timed_extensions
    generator.statistics_refresh = timed(generator.statistics_refresh, "statistics_refresh")
    for name in ("plan_citizens", "plan_staff", "assign_staff", "_write_organisation"):
        setattr(generator, name, timed(getattr(generator, name), name))

    total = Clock()
    result = generator.demo_load(cases=args.cases, seed=args.seed)
    line(f"demo_load total ({result.cases:,} cases)", *total.lap())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(f"peak RSS {peak / 1024:.0f} MiB; load average before {load_before[0]:.2f}, "
          f"after {os.getloadavg()[0]:.2f} (1 min)")
    print("\n".join(generator.summary_lines(result)))


if __name__ == "__main__":
    main()
