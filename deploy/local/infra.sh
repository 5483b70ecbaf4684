#!/usr/bin/env bash
# Local RabbitMQ + PostgreSQL without Docker, from the distribution's packages, bound to 127.0.0.1.
#   up    install when missing (needs root), start, create user/database/vhost, wait, write .workflows/infra.{env,json}
#   down  stop what `up` started
#   env   print the export lines (eval "$(deploy/local/infra.sh env)")
#   restart postgres|rabbitmq
#         stop and start one server as a crash-and-recover drill (the fault-injection suite uses it); data is kept
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
state="$root/.workflows"
envfile="$state/infra.env"
jsonfile="$state/infra.json"
password_file="${XDG_STATE_HOME:-${HOME:-/root}/.local/state}/workflows/local-infra-password"
pg_version=15
pg_port="${WORKFLOWS_PG_PORT:-5432}"
amqp_port="${WORKFLOWS_AMQP_PORT:-5672}"
mgmt_port="${WORKFLOWS_RABBITMQ_MANAGEMENT_PORT:-15672}"
db_user=workflows
db_name=workflows
export RABBITMQ_NODENAME=rabbit@localhost
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT="$amqp_port"
export RABBITMQ_CONFIG_FILE=/etc/rabbitmq/workflows   # rabbitmq appends .conf
export HOME="${HOME:-/root}"

log() { printf 'infra: %s\n' "$*" >&2; }
die() { printf 'infra: %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { as_root su postgres -s /bin/sh -c "$*"; }

install_packages() {
  local missing=()
  command -v pg_ctlcluster >/dev/null && [ -x "/usr/lib/postgresql/$pg_version/bin/postgres" ] || missing+=(postgresql)
  command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} (apt-get)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # policy-rc.d may forbid the packages' own service start; we start them ourselves below.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  pg_version=$(ls /usr/lib/postgresql | sort -n | tail -1)
}

pg_ready() { pg_isready -h 127.0.0.1 -p "$pg_port" -q; }
rabbit_ready() { as_root env RABBITMQ_NODENAME="$RABBITMQ_NODENAME" rabbitmqctl -q status >/dev/null 2>&1; }

start_postgres() {
  pg_version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$pg_version main$"; then
    as_root pg_createcluster "$pg_version" main >/dev/null
  fi
  local conf="/etc/postgresql/$pg_version/main/conf.d/workflows.conf"
  # Enough connections for parallel test classes and several services; tuned for a 2-core dev box. No TLS: the server
  # listens on loopback only, and Debian's default (ssl = on, snakeoil certificate) costs CPU on every round trip.
  local wanted
  wanted=$(printf "listen_addresses = '127.0.0.1'\nport = %s\nmax_connections = 300\nshared_buffers = 256MB\nsynchronous_commit = on\nssl = off\n" "$pg_port")
  if [ "$(cat "$conf" 2>/dev/null)" != "$wanted" ]; then
    printf '%s\n' "$wanted" | as_root tee "$conf" >/dev/null
    pg_ready && as_root pg_ctlcluster "$pg_version" main restart
  fi
  pg_ready || as_root pg_ctlcluster "$pg_version" main start
  for _ in $(seq 60); do pg_ready && return 0; sleep 0.5; done
  die "PostgreSQL did not accept connections on 127.0.0.1:$pg_port"
}

start_rabbitmq() {
  if [ ! -f "$RABBITMQ_CONFIG_FILE.conf" ]; then
    as_root sh -c "printf 'listeners.tcp.default = 127.0.0.1:$amqp_port\nmanagement.tcp.ip = 127.0.0.1\nmanagement.tcp.port = $mgmt_port\nloopback_users = none\n' > '$RABBITMQ_CONFIG_FILE.conf'"
  fi
  as_root env RABBITMQ_NODENAME="$RABBITMQ_NODENAME" rabbitmq-plugins --offline enable rabbitmq_management >/dev/null
  if ! rabbit_ready; then
    as_root env RABBITMQ_NODENAME="$RABBITMQ_NODENAME" RABBITMQ_NODE_IP_ADDRESS="$RABBITMQ_NODE_IP_ADDRESS" \
      RABBITMQ_NODE_PORT="$amqp_port" RABBITMQ_CONFIG_FILE="$RABBITMQ_CONFIG_FILE" rabbitmq-server -detached
  fi
  # -detached returns before the node registers with epmd, and await_startup gives up on an unknown node.
  for _ in $(seq 120); do
    as_root env RABBITMQ_NODENAME="$RABBITMQ_NODENAME" rabbitmqctl -q await_startup --timeout 60 >/dev/null 2>&1 && return 0
    sleep 1
  done
  die "RabbitMQ did not start (see /var/log/rabbitmq/)"
}

new_password() { head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24; }

provision() {
  mkdir -p "$state"
  # The servers are machine-wide, so is their password: every clone on this machine reuses it (a second clone's `up`
  # must not lock out the first one's running services).
  local password
  if [ -f "$password_file" ]; then
    password=$(cat "$password_file")
  elif [ -f "$envfile" ]; then
    password=$(sed -n 's/^export WORKFLOWS_LOCAL_PASSWORD=//p' "$envfile")
  fi
  [ -n "${password:-}" ] || password=$(new_password)
  (umask 077 && mkdir -p "$(dirname "$password_file")" && printf '%s\n' "$password" > "$password_file")

  as_postgres "psql -p $pg_port -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='$db_user'\"" | grep -q 1 \
    || as_postgres "psql -p $pg_port -qc \"CREATE ROLE $db_user LOGIN CREATEDB\""
  as_postgres "psql -p $pg_port -qc \"ALTER ROLE $db_user WITH LOGIN CREATEDB PASSWORD '$password'\""
  as_postgres "psql -p $pg_port -qtAc \"SELECT 1 FROM pg_database WHERE datname='$db_name'\"" | grep -q 1 \
    || as_postgres "createdb -p $pg_port -O $db_user $db_name"

  local ctl=(as_root env RABBITMQ_NODENAME="$RABBITMQ_NODENAME" rabbitmqctl -q)
  "${ctl[@]}" list_users | grep -q "^$db_user\b" || "${ctl[@]}" add_user "$db_user" "$password" >/dev/null
  "${ctl[@]}" change_password "$db_user" "$password" >/dev/null
  # administrator: the test fixture creates and deletes a vhost per test class through the management API.
  "${ctl[@]}" set_user_tags "$db_user" administrator >/dev/null
  "${ctl[@]}" list_vhosts | grep -qx "$db_name" || "${ctl[@]}" add_vhost "$db_name" >/dev/null
  "${ctl[@]}" set_permissions -p "$db_name" "$db_user" '.*' '.*' '.*' >/dev/null

  local pg="Host=127.0.0.1;Port=$pg_port;Database=$db_name;Username=$db_user;Password=$password"
  local amqp="amqp://$db_user:$password@127.0.0.1:$amqp_port/$db_name"
  umask 077
  cat > "$envfile" <<EOF
export WORKFLOWS_LOCAL_PASSWORD=$password
export ConnectionStrings__Postgres='$pg'
export ConnectionStrings__RabbitMq='$amqp'
export WORKFLOWS_TEST_POSTGRES='$pg'
export WORKFLOWS_TEST_RABBITMQ='$amqp'
export WORKFLOWS_TEST_RABBITMQ_MANAGEMENT='http://127.0.0.1:$mgmt_port'
EOF
  cat > "$jsonfile" <<EOF
{
  "ConnectionStrings": {
    "Postgres": "$pg",
    "RabbitMq": "$amqp"
  }
}
EOF
  printf 'ConnectionStrings:Postgres = %s\nConnectionStrings:RabbitMq = %s\n' "$pg" "$amqp"
}

wait_amqp() {
  for _ in $(seq 60); do (exec 3<>"/dev/tcp/127.0.0.1/$amqp_port") 2>/dev/null && return 0; sleep 0.5; done
  die "RabbitMQ did not accept connections on 127.0.0.1:$amqp_port"
}

case "${1:-up}" in
  up)
    install_packages
    start_postgres
    start_rabbitmq
    wait_amqp
    provision
    log "ready; the settings are in $envfile and $jsonfile"
    ;;
  down)
    rabbit_ready && as_root env RABBITMQ_NODENAME="$RABBITMQ_NODENAME" rabbitmqctl -q stop || true
    pg_version=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
    [ -n "$pg_version" ] && pg_ready && as_root pg_ctlcluster "$pg_version" main stop || true
    log "stopped"
    ;;
  env)
    [ -f "$envfile" ] || die "no $envfile yet: run deploy/local/infra.sh up"
    grep -v '^export WORKFLOWS_LOCAL_PASSWORD=' "$envfile"
    ;;
  restart)
    case "${2:-}" in
      postgres)
        pg_version=$(ls /usr/lib/postgresql | sort -n | tail -1)
        as_root pg_ctlcluster "$pg_version" main restart -m fast
        for _ in $(seq 60); do pg_ready && break; sleep 0.5; done
        pg_ready || die "PostgreSQL did not come back on 127.0.0.1:$pg_port"
        ;;
      rabbitmq)
        rabbit_ready && as_root env RABBITMQ_NODENAME="$RABBITMQ_NODENAME" rabbitmqctl -q stop
        start_rabbitmq
        wait_amqp
        ;;
      *) die "usage: deploy/local/infra.sh restart postgres|rabbitmq" ;;
    esac
    log "restarted ${2}"
    ;;
  *) die "usage: deploy/local/infra.sh up|down|env|restart postgres|rabbitmq" ;;
esac
