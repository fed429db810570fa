#!/usr/bin/env bash
# Runs commands at the same time, each with its output in a log of its own, and prints the logs one after the
# other when all are done (so the output stays readable), then a line per command with its time and exit code.
# Exits non-zero when any command failed. Usage: run_parallel.sh NAME 'COMMAND' [NAME 'COMMAND' ...]
# `make test` runs the SQLite and the PostgreSQL suites this way: on two cores that nearly halves the wall time.
set -uo pipefail
LOGS=${JOBSPOR_TEST_LOGS:-data/test-logs}
mkdir -p "$LOGS"
names=() pids=()
stop() { for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null; done; }
trap 'stop; exit 130' INT TERM
set -m  # each command in a process group of its own, so an interrupt stops all of it (pytest, its workers, the server)
while [ $# -ge 2 ]; do
  name=$1 command=$2
  shift 2
  (
    began=$(date +%s)
    bash -c "$command" >"$LOGS/$name.log" 2>&1
    status=$?
    echo "$status $(($(date +%s) - began))" >"$LOGS/$name.status"
    exit "$status"
  ) &
  names+=("$name") pids+=("$!")
  echo "$name: started (log: $LOGS/$name.log)"
done
set +m
failed=0
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || failed=1
done
summary=()
for name in "${names[@]}"; do
  read -r status seconds <"$LOGS/$name.status" 2>/dev/null || { status="?" seconds="?"; }
  echo
  echo "===================================== $name (exit $status, ${seconds} s) ====================================="
  cat "$LOGS/$name.log"
  summary+=("$name: exit $status in ${seconds} s")
done
echo
printf '%s\n' "${summary[@]}"
exit "$failed"
