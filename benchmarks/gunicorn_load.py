"""gunicorn hooks for the load test (benchmarks/load.py): each request's own CPU time (the handling thread's
`time.thread_time`, which waiting for the CPU, the database or the network does not inflate) and wall time, one
line per request in JOBSPOR_LOAD_REQUEST_LOG. What a page costs the application server, on any machine load."""
import os
import time

LOG = os.environ.get("JOBSPOR_LOAD_REQUEST_LOG", "")


def pre_request(worker, req):
    req.jobspor_cpu, req.jobspor_wall = time.thread_time(), time.perf_counter()


def post_request(worker, req, environ, resp):
    if not LOG or not hasattr(req, "jobspor_cpu"):
        return
    cpu = (time.thread_time() - req.jobspor_cpu) * 1000
    wall = (time.perf_counter() - req.jobspor_wall) * 1000
    path = req.path + ("?" + req.query if req.query else "")
    with open(LOG, "a", encoding="utf-8") as f:  # one short line, appended: whole lines across workers
        f.write(f"{time.time():.3f}\t{req.method}\t{path}\t{resp.status_code}\t{cpu:.1f}\t{wall:.1f}\n")
