#!/usr/bin/env bash
# Run a command against the benchmark's own PostgreSQL server: data/pg-bench (kept between runs), port
# JOBSPOR_BENCH_PG_PORT (54352). Starts it if it is not running, creates and fills the database the first time
# (`jobspor demo --cases 100000 --seed 42`, about 4 minutes), migrates it on every run, sets
# JOBSPOR_BENCH_DATABASE_URL and runs the command (benchmarks/kpi.py tops the hours up itself). Stops the server
# afterwards unless it was running already or JOBSPOR_BENCH_PG_KEEP=1.
#
#     scripts/bench_postgres.sh .venv/bin/python benchmarks/kpi.py
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PORT=${JOBSPOR_BENCH_PG_PORT:-54352}
DIR="$ROOT/data/pg-bench"
BIN=${JOBSPOR_BENCH_BIN:-$ROOT/.venv/bin}  # another venv for the commands, if need be
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ ! -f "$DIR/data/PG_VERSION" ]; then
  mkdir -p "$DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
  as_pg "$PGBIN/initdb" -D "$DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi
started=0
if ! as_pg "$PGBIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  # Benchmark settings: durability off (a rebuildable database), memory for the 2M-row hours table.
  as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB -c work_mem=32MB \
    -c maintenance_work_mem=256MB -c effective_cache_size=2GB" start >/dev/null
  started=1
fi
stop() { if [ "$started" = 1 ] && [ "${JOBSPOR_BENCH_PG_KEEP:-0}" != 1 ]; then
  as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true; fi; }
trap stop EXIT

URL="postgres://postgres@127.0.0.1:$PORT/jobspor"
if ! "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = 'jobspor'" \
    | grep -q 1; then
  "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres jobspor
fi
export DATABASE_URL="$URL" DJANGO_SETTINGS_MODULE=config.settings.local DJANGO_DEBUG=0
"$BIN/jobspor" migrate -v0
# The first time: 100,000 demo cases (several minutes); nothing when the database has cases.
"$BIN/jobspor" demo --cases 100000 --seed 42 --if-empty | sed -n 1,3p
export JOBSPOR_BENCH_DATABASE_URL="$URL"
"$@"
