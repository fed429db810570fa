#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL server started here (DATABASE_URL is set for it).
# The port is a free one (JOBSPOR_PG_PORT to force one), so a server left behind by a killed run, or another
# run in parallel, never blocks this one. Servers of earlier runs whose owner is gone are stopped first.
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Each run writes its own PID to owner.pid; a dir whose owner is dead is stale (the EXIT trap never ran).
for stale in /tmp/jobspor-pg.*; do
  [ -d "$stale" ] || continue
  owner=$(cat "$stale/owner.pid" 2>/dev/null || echo "")
  if [ -n "$owner" ] && kill -0 "$owner" 2>/dev/null; then continue; fi
  if [ -f "$stale/data/postmaster.pid" ]; then
    (cd "$stale" && as_pg "$PGBIN/pg_ctl" -D "$stale/data" -m immediate stop >/dev/null 2>&1) || true
  fi
  rm -rf "$stale"
done

PORT=${JOBSPOR_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
DIR=$(mktemp -d /tmp/jobspor-pg.XXXXXX)
echo $$ > "$DIR/owner.pid"
chmod 755 "$DIR"
if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
cleanup() {
  (cd "$DIR" && as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1) || true
  rm -rf "$DIR"
}
trap cleanup EXIT
# The server tools run from the server's own directory: from a directory the postgres user cannot enter they
# print a misleading "could not change directory".
(cd "$DIR" && as_pg "$PGBIN/initdb" -D "$DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null)
(cd "$DIR" && as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null)
export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/jobspor"
"$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres jobspor
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PORT"
"$@"
