"""Where the test suite's time goes: sums the lines JOBSPOR_TEST_TIMES wrote (see conftest.py) per file.

    JOBSPOR_TEST_TIMES=data/test-times.jsonl make test
    python benchmarks/test_times.py data/test-times.jsonl [--top 30]

Prints, per database, the total wall and CPU seconds of all tests and the files that cost the most CPU.
"""

import argparse
import json
from collections import defaultdict


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    per_db = defaultdict(lambda: defaultdict(lambda: [0, 0.0, 0.0]))
    with open(args.path) as lines:
        for line in lines:
            row = json.loads(line)
            entry = per_db[row["db"]][row["test"].split("::")[0]]
            entry[0] += 1
            entry[1] += row["wall"]
            entry[2] += row["cpu"]
    for db, files in per_db.items():
        tests = sum(n for n, _w, _c in files.values())
        wall = sum(w for _n, w, _c in files.values())
        cpu = sum(c for _n, _w, c in files.values())
        print(f"\n{db}: {tests} tests, {wall:.0f} s wall, {cpu:.0f} s CPU (summed over the workers)")
        print(f"{'file':70} {'tests':>5} {'wall s':>8} {'cpu s':>8}")
        for name, (n, w, c) in sorted(files.items(), key=lambda item: -item[1][2])[: args.top]:
            print(f"{name:70} {n:5} {w:8.1f} {c:8.1f}")


if __name__ == "__main__":
    main()
