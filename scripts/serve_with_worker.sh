#!/usr/bin/env bash
# `make run` / `make dev`: the web server (the command given) and `jobspor worker` (scheduled jobs and the task
# queue) side by side. Ctrl-C stops both; if either one ends, the other is stopped too.
set -u
BIN=${BIN:-.venv/bin}
"$BIN/jobspor" worker &
worker=$!
"$@" &
web=$!
stop() {
  trap - INT TERM
  kill -TERM "$web" "$worker" 2>/dev/null
  wait "$web" "$worker" 2>/dev/null
}
trap 'stop; exit 130' INT TERM
wait -n "$web" "$worker"
status=$?
stop
exit $status
