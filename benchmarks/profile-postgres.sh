#!/usr/bin/env bash
# A private PostgreSQL for profiling the system benchmark: same settings as deploy/local/infra.sh's server, plus
# pg_stat_statements (which needs shared_preload_libraries, i.e. a server restart the shared server must not get).
#   up    init (first time) and start it on 127.0.0.1:${WORKFLOWS_BENCH_PG_PORT:-5433}, data under .workflows/bench-postgres
#   env   print the export lines that point the benchmark at it (eval "$(benchmarks/profile-postgres.sh env)")
#   down  stop it
# RabbitMQ stays the shared one (the benchmark uses its own vhost); run `deploy/local/infra.sh up` first.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
data="$root/.workflows/bench-postgres"
port="${WORKFLOWS_BENCH_PG_PORT:-5433}"
bin="/usr/lib/postgresql/$(ls /usr/lib/postgresql | sort -n | tail -1)/bin"
# The shared servers' password (infra.sh's env file, or already in the environment from it).
if [ "${1:-up}" != down ] && [ -z "${WORKFLOWS_LOCAL_PASSWORD:-}" ]; then
  # shellcheck disable=SC1091
  . "$root/.workflows/infra.env" 2>/dev/null || { echo "profile-postgres: run deploy/local/infra.sh up first" >&2; exit 1; }
fi

as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sudo -u postgres sh -c "$*"; fi; }

case "${1:-up}" in
  up)
    if [ ! -f "$data/PG_VERSION" ]; then
      mkdir -p "$data" && chown postgres:postgres "$data" && chmod 700 "$data"
      as_postgres "$bin/initdb -D '$data' -U postgres --auth-local=trust --auth-host=scram-sha-256 >/dev/null"
      cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$data'
max_connections = 300
shared_buffers = 256MB
synchronous_commit = on
ssl = off
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
CONF
    fi
    as_postgres "$bin/pg_ctl -D '$data' -l '$data/server.log' -w status >/dev/null" \
      || as_postgres "$bin/pg_ctl -D '$data' -l '$data/server.log' -w start >/dev/null"
    # Superuser: the benchmark creates pg_stat_statements in each database it makes.
    as_postgres "psql -h '$data' -p $port -qc \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'workflows') THEN CREATE ROLE workflows LOGIN SUPERUSER; END IF; END \\\$\\\$; ALTER ROLE workflows WITH LOGIN SUPERUSER PASSWORD '$WORKFLOWS_LOCAL_PASSWORD';\""
    as_postgres "psql -h '$data' -p $port -qtAc \"SELECT 1 FROM pg_database WHERE datname = 'workflows'\"" | grep -q 1 \
      || as_postgres "createdb -h '$data' -p $port -O workflows workflows"
    echo "profile-postgres: up on 127.0.0.1:$port (eval \"\$($0 env)\" to use it)" >&2
    ;;
  env)
    pg="Host=127.0.0.1;Port=$port;Database=workflows;Username=workflows;Password=$WORKFLOWS_LOCAL_PASSWORD"
    printf "export WORKFLOWS_TEST_POSTGRES='%s'\nexport ConnectionStrings__Postgres='%s'\n" "$pg" "$pg"
    ;;
  down)
    as_postgres "$bin/pg_ctl -D '$data' -w stop -m fast >/dev/null" || true
    ;;
  *) echo "usage: $0 up|env|down" >&2; exit 2 ;;
esac
