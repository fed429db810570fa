"""gunicorn settings for benchmarks (`-c benchmarks/gunicorn_ready.py`): each worker, once it has loaded the
application (config/wsgi.py's warm-up included) and before it accepts a request, leaves a file named for its pid in
JOBSPOR_BENCH_READY_DIR, so a benchmark can tell a worker's first request from the server's start."""

import os
from pathlib import Path


def post_worker_init(worker):
    ready = os.environ.get("JOBSPOR_BENCH_READY_DIR")
    if ready:
        Path(ready, str(worker.pid)).touch()
