#!/usr/bin/env bash
# The distributed stack on this machine, without Docker: PostgreSQL 15, RabbitMQ, s3rver and a
# librdkafka mock cluster (tools/KafkaMock) standing in for Kafka/Redpanda. See shared INFRA.md.
#
#   up                 install what is missing, start what is not running, wait until all are ready
#   down               stop everything this script started
#   env                print KEY='VALUE' lines for PosterGen (eval "$(... env | sed 's/^/export /')")
#   status             show what runs; exit 1 unless everything does
#   restart-postgres   stop and start PostgreSQL only, keeping its data (fault tests)
#   stop-rabbitmq      stop RabbitMQ only (fault tests: the broker is down)
#   start-rabbitmq     start RabbitMQ again with the queues and messages it had (durable ones survive)
#   vhost NAME         add a RabbitMQ virtual host for guest (one per test fixture)
#   psql [args]        psql on the postergen database
#
# Every server listens on 127.0.0.1 only; all state and logs live under .stack/, each server's PID
# in .stack/<name>.pid. STACK_KAFKA_TOPICS="name:partitions ..." adds Kafka topics at start.
# PostgreSQL and s3rver keep their data across down/up; RabbitMQ starts empty each time, and Kafka's
# topics and messages live in the KafkaMock process's memory: stopping it loses them.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STACK="$ROOT/.stack"

PG_PORT=55432
PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR="$STACK/postgres"
PG_DATABASE=postergen

RABBIT_PORT=5673
RABBIT_BIN=/usr/lib/rabbitmq/bin
RABBIT_DIR="$STACK/rabbitmq"

S3_PORT=4569
S3_BUCKET=posters
S3_VERSION=3.7.1
S3_DIR="$STACK/s3rver"
S3_JS="$STACK/node/node_modules/s3rver/bin/s3rver.js"

KAFKA_DIR="$STACK/kafka"
KAFKA_PROJECT="$ROOT/tools/KafkaMock"
# Runs from a copy of the build output: a later build of the project must not overwrite the files
# of a running mock.
KAFKA_APP="$KAFKA_DIR/app"
KAFKA_DLL="$KAFKA_APP/PosterGen.Tools.KafkaMock.dll"
# Round-tripped by the readiness check, so that it never leaves messages in PosterGen's own topics.
KAFKA_PROBE_TOPIC=stack.probe

say() { echo "stack: $*"; }
die() { echo "stack: $*" >&2; exit 1; }

# ---- processes ---------------------------------------------------------------------------------

# kill -0 is not enough: an exited server stays a zombie until init reaps it, seconds later here.
alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]]
}

# Prints the PID recorded for a server if that process is still alive and still is that server
# (PIDs get reused, and .stack/ outlives reboots of the machine).
running_pid() {
  local name=$1 pattern=$2 pid
  pid=$(cat "$STACK/$name.pid" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" || return 1
  grep -aqF -- "$pattern" "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Refuses to start on a port that something else already holds: the clients would silently talk to it.
require_free_port() {
  local name=$1 port=$2
  port_open "$port" || return 0
  die "$name: 127.0.0.1:$port is already in use by a process this script did not start:
$(ss -ltnp "sport = :$port" 2>/dev/null | tail -n +2)"
}

# Servers launched by this run of `up`, which it then waits for.
STARTED=()

# Starts a server in a session of its own, so that it outlives this script and a terminal's ^C,
# and so that a stuck one can be killed together with its children.
launch() {
  local name=$1 log=$2
  shift 2
  setsid "$@" </dev/null >>"$log" 2>&1 &
  echo $! >"$STACK/$name.pid"
  STARTED+=("$name")
}

# wait_for NAME SECONDS LOG... -- CHECK...: polls CHECK until it succeeds; on timeout or when the
# server dies meanwhile, prints the tails of its logs, stops it and fails.
wait_for() {
  local name=$1 seconds=$2 logs=() deadline
  shift 2
  while [[ $1 != -- ]]; do logs+=("$1"); shift; done
  shift
  deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ! "${name}_pid" >/dev/null; then
      fail_start "$name" "exited during start" "${logs[@]}"
    elif ((SECONDS >= deadline)); then
      fail_start "$name" "was not ready within $seconds s" "${logs[@]}"
    fi
    sleep 0.1
  done
}

fail_start() {
  local name=$1 why=$2 log
  shift 2
  echo "stack: $name $why." >&2
  for log in "$@"; do
    [[ -f $log ]] || continue
    echo "---- last lines of $log" >&2
    tail -n 30 "$log" >&2
  done
  "stop_$name" >/dev/null 2>&1 || true
  die "$name failed to start; the other servers keep running ('bash scripts/stack.sh down' stops them)."
}

# stop_pid NAME PID: SIGTERM, then after 15 s SIGKILL to the whole session launch() gave it.
stop_pid() {
  local name=$1 pid=$2 deadline=$((SECONDS + 15))
  kill -TERM "$pid" 2>/dev/null || true
  while alive "$pid"; do
    if ((SECONDS >= deadline)); then
      say "$name ignored SIGTERM; killing it"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
  done
  rm -f "$STACK/$name.pid"
}

# ---- installation ------------------------------------------------------------------------------

install_packages() {
  local packages=()
  [[ -x $PG_BIN/initdb ]] || packages+=(postgresql)
  [[ -x $RABBIT_BIN/rabbitmq-server ]] || packages+=(rabbitmq-server)
  ((${#packages[@]})) || return 0
  say "installing ${packages[*]}"
  # A fresh machine's package lists may be missing or stale.
  { apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"; } \
    >"$STACK/install.log" 2>&1 || { tail -n 30 "$STACK/install.log" >&2; die "installing ${packages[*]} failed"; }
}

install_s3rver() {
  grep -qs "\"version\": \"$S3_VERSION\"" "$STACK/node/node_modules/s3rver/package.json" && return 0
  say "installing s3rver@$S3_VERSION"
  mkdir -p "$STACK/node"
  npm install --prefix "$STACK/node" --no-audit --no-fund --loglevel=error "s3rver@$S3_VERSION" \
    >"$STACK/node/install.log" 2>&1 || { tail -n 30 "$STACK/node/install.log" >&2; die "installing s3rver failed"; }
}

# ---- PostgreSQL --------------------------------------------------------------------------------

postgres_pid() { running_pid postgres "$PG_BIN/postgres"; }

pg_ctl() { runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" "$@"; }

start_postgres() {
  postgres_pid >/dev/null && return 0
  if [[ -f $PG_DIR/data/postmaster.pid ]] && pg_ctl status >/dev/null 2>&1; then
    # Ours, but its PID file went missing.
    head -n 1 "$PG_DIR/data/postmaster.pid" >"$STACK/postgres.pid"
    return 0
  fi
  runuser -u postgres -- test -x "$STACK" ||
    die "postgres: the postgres user cannot reach $STACK (a parent directory is closed to others)."
  mkdir -p "$PG_DIR"
  chown postgres: "$PG_DIR"
  if [[ ! -f $PG_DIR/data/PG_VERSION ]]; then
    # initdb refuses root and a non-empty directory (left by an interrupted initdb).
    rm -rf "$PG_DIR/data"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 \
      --locale=C.UTF-8 -N >>"$PG_DIR/initdb.log" 2>&1 ||
      fail_start postgres "initdb failed" "$PG_DIR/initdb.log"
  fi
  require_free_port postgres "$PG_PORT"
  # Throwaway data: durability settings off for speed.
  pg_ctl -l "$PG_DIR/postgres.log" -w -t 30 -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null ||
    fail_start postgres "did not start" "$PG_DIR/postgres.log"
  head -n 1 "$PG_DIR/data/postmaster.pid" >"$STACK/postgres.pid"
  say "postgres started on 127.0.0.1:$PG_PORT"
}

ensure_database() {
  local exists
  exists=$("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc \
    "select 1 from pg_database where datname = '$PG_DATABASE'")
  [[ $exists == 1 ]] || "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -q \
    -c "create database $PG_DATABASE"
}

stop_postgres() {
  # pg_ctl rather than a signal: it waits for the checkpoint and cleans postmaster.pid.
  if [[ -f $PG_DIR/data/postmaster.pid ]] && pg_ctl status >/dev/null 2>&1; then
    pg_ctl -m fast -w -t 30 stop >/dev/null
    say "postgres stopped"
  fi
  rm -f "$STACK/postgres.pid"
}

# ---- RabbitMQ ----------------------------------------------------------------------------------

rabbitmq_pid() { running_pid rabbitmq "$RABBIT_BIN/rabbitmq-server"; }

# The /usr/sbin wrappers force /var/lib/rabbitmq and the default ports, hence a private environment
# for the server and for every CLI call (which must find the same cookie, node and epmd).
RABBIT_ENV=(
  HOME="$RABBIT_DIR/home"
  RABBITMQ_CONF_ENV_FILE="$RABBIT_DIR/rabbitmq-env.conf"
  RABBITMQ_NODENAME=postergen@localhost
  RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$RABBIT_PORT" RABBITMQ_DIST_PORT=25673
  RABBITMQ_MNESIA_BASE="$RABBIT_DIR/mnesia" RABBITMQ_LOG_BASE="$RABBIT_DIR/log"
  RABBITMQ_CONFIG_FILE="$RABBIT_DIR/rabbitmq"
  RABBITMQ_ENABLED_PLUGINS_FILE="$RABBIT_DIR/enabled_plugins"
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT=4370
)

start_rabbitmq() {
  rabbitmq_pid >/dev/null && return 0
  require_free_port rabbitmq "$RABBIT_PORT"
  # An empty broker at each `up`, like the Kafka mock: durable queues left by an aborted test run
  # would otherwise deliver their messages into the next one. start-rabbitmq keeps them.
  [[ ${KEEP_RABBIT_DATA:-} ]] || rm -rf "$RABBIT_DIR/mnesia"
  mkdir -p "$RABBIT_DIR/home" "$RABBIT_DIR/log"
  : >"$RABBIT_DIR/rabbitmq-env.conf"
  echo '[].' >"$RABBIT_DIR/enabled_plugins"
  printf '%s\n' "listeners.tcp.1 = 127.0.0.1:$RABBIT_PORT" \
    "disk_free_limit.absolute = 50MB" >"$RABBIT_DIR/rabbitmq.conf"
  launch rabbitmq "$RABBIT_DIR/console.log" env "${RABBIT_ENV[@]}" "$RABBIT_BIN/rabbitmq-server"
}

await_rabbitmq() {
  local logs=("$RABBIT_DIR/console.log" "$RABBIT_DIR/log/postergen@localhost.log")
  wait_for rabbitmq 90 "${logs[@]}" -- port_open "$RABBIT_PORT"
  # The port opens before the broker has finished booting.
  wait_for rabbitmq 60 "${logs[@]}" -- env "${RABBIT_ENV[@]}" timeout 60 "$RABBIT_BIN/rabbitmqctl" -q await_startup
  say "rabbitmq started on 127.0.0.1:$RABBIT_PORT"
}

stop_rabbitmq() {
  local pid
  if pid=$(rabbitmq_pid); then
    # The wrapper turns SIGTERM into an orderly broker shutdown.
    stop_pid rabbitmq "$pid"
    say "rabbitmq stopped"
  fi
  rm -f "$STACK/rabbitmq.pid"
  # The node's Erlang port mapper outlives it.
  if command -v epmd >/dev/null; then ERL_EPMD_PORT=4370 epmd -kill >/dev/null 2>&1 || true; fi
}

# ---- s3rver ------------------------------------------------------------------------------------

s3rver_pid() { running_pid s3rver "$S3_JS"; }

start_s3rver() {
  s3rver_pid >/dev/null && return 0
  install_s3rver
  require_free_port s3rver "$S3_PORT"
  mkdir -p "$S3_DIR/data"
  launch s3rver "$S3_DIR/s3rver.log" node "$S3_JS" -d "$S3_DIR/data" -a 127.0.0.1 -p "$S3_PORT" \
    --configure-bucket "$S3_BUCKET"
}

bucket_ready() { curl -sf -o /dev/null "http://127.0.0.1:$S3_PORT/$S3_BUCKET"; }

await_s3rver() {
  wait_for s3rver 30 "$S3_DIR/s3rver.log" -- bucket_ready
  say "s3rver started on 127.0.0.1:$S3_PORT with bucket $S3_BUCKET"
}

stop_s3rver() {
  local pid
  if pid=$(s3rver_pid); then
    stop_pid s3rver "$pid"
    say "s3rver stopped"
  fi
  rm -f "$STACK/s3rver.pid"
}

# ---- Kafka (librdkafka mock cluster) -----------------------------------------------------------

kafka_pid() { running_pid kafka "$KAFKA_DLL"; }

build_kafka_mock() {
  # dotnet build costs seconds even when nothing changed; rebuild only for newer sources.
  if [[ -f $KAFKA_DLL ]] && [[ -z $(find "$KAFKA_PROJECT" "$ROOT"/Directory.*.props "$ROOT/global.json" \
    \( -path '*/bin' -o -path '*/obj' \) -prune -o -type f -newer "$KAFKA_DLL" -print -quit) ]]; then
    return 0
  fi
  mkdir -p "$KAFKA_DIR"
  DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet build "$KAFKA_PROJECT/KafkaMock.csproj" \
    -c Release -nologo -v q >"$KAFKA_DIR/build.log" 2>&1 || {
    tail -n 30 "$KAFKA_DIR/build.log" >&2
    die "kafka: building tools/KafkaMock failed (log: $KAFKA_DIR/build.log)"
  }
  rm -rf "$KAFKA_APP"
  cp -r "$KAFKA_PROJECT/bin/Release/net10.0" "$KAFKA_APP"
}

start_kafka() {
  kafka_pid >/dev/null && return 0
  build_kafka_mock
  mkdir -p "$KAFKA_DIR"
  # The file appears once the cluster is ready; a stale one would announce a dead cluster.
  rm -f "$KAFKA_DIR/bootstrap"
  # shellcheck disable=SC2086 # STACK_KAFKA_TOPICS is a space-separated list by design.
  launch kafka "$KAFKA_DIR/kafka.log" dotnet "$KAFKA_DLL" serve "$KAFKA_DIR/bootstrap" \
    "$KAFKA_PROBE_TOPIC:8" ${STACK_KAFKA_TOPICS:-}
}

await_kafka() {
  wait_for kafka 60 "$KAFKA_DIR/kafka.log" -- test -s "$KAFKA_DIR/bootstrap"
  # From a separate process, as PosterGen connects: topics, partitions and a consumer group.
  dotnet "$KAFKA_DLL" check "$(cat "$KAFKA_DIR/bootstrap")" --probe "$KAFKA_PROBE_TOPIC" \
    >"$KAFKA_DIR/check.log" 2>&1 || fail_start kafka "failed its check" "$KAFKA_DIR/check.log" "$KAFKA_DIR/kafka.log"
  say "kafka mock started at $(cat "$KAFKA_DIR/bootstrap")"
}

stop_kafka() {
  local pid
  if pid=$(kafka_pid); then
    stop_pid kafka "$pid"
    say "kafka mock stopped (its topics are gone)"
  fi
  rm -f "$STACK/kafka.pid" "$KAFKA_DIR/bootstrap"
}

# ---- commands ----------------------------------------------------------------------------------

cmd_up() {
  [[ $EUID -eq 0 ]] || die "run as root: it installs packages and runs PostgreSQL as the postgres user."
  mkdir -p "$STACK"
  install_packages
  # RabbitMQ boots slowest: launch it and the others first, then wait for each one launched now.
  start_rabbitmq
  start_s3rver
  start_kafka
  start_postgres
  ensure_database
  # Quickest first, so that Kafka's check runs while RabbitMQ still boots.
  local name
  for name in s3rver kafka rabbitmq; do
    if [[ " ${STARTED[*]} " == *" $name "* ]]; then "await_$name"; fi
  done
  say "up (bash scripts/stack.sh env prints the settings)"
}

cmd_down() {
  # Independent shutdowns of a second or more each.
  stop_kafka &
  stop_s3rver &
  stop_rabbitmq &
  stop_postgres &
  wait
}

cmd_env() {
  local bootstrap
  # A killed mock leaves its file behind; its brokers are gone.
  if ! kafka_pid >/dev/null || ! bootstrap=$(cat "$KAFKA_DIR/bootstrap" 2>/dev/null); then
    die "kafka is not running: run 'bash scripts/stack.sh up' first."
  fi
  # Single-quoted so that eval keeps ';' and spaces; a quote inside a value becomes '\''.
  kv() { local q="'\\''"; printf "%s='%s'\n" "$1" "${2//\'/$q}"; }
  kv Database__Provider postgres
  kv ConnectionStrings__Database "Host=127.0.0.1;Port=$PG_PORT;Database=$PG_DATABASE;Username=postgres"
  kv Bus__Transport rabbitmq
  kv ConnectionStrings__RabbitMq "amqp://guest:guest@127.0.0.1:$RABBIT_PORT/"
  kv RenderQueue__Transport kafka
  kv Kafka__BootstrapServers "$bootstrap"
  kv Kafka__Topic poster.render
  # The mock cluster cannot create topics through the admin API; KafkaMock made them already.
  kv Kafka__ProvisionTopics false
  kv Storage__Provider s3
  kv Storage__S3__ServiceUrl "http://127.0.0.1:$S3_PORT"
  kv Storage__S3__Bucket "$S3_BUCKET"
  kv Storage__S3__AccessKey S3RVER
  kv Storage__S3__SecretKey S3RVER
  kv POSTERGEN_STACK_ROOT "$STACK"
}

cmd_status() {
  local all=0 name pid where
  for name in postgres rabbitmq s3rver kafka; do
    case $name in
      postgres) where=127.0.0.1:$PG_PORT ;;
      rabbitmq) where=127.0.0.1:$RABBIT_PORT ;;
      s3rver) where=127.0.0.1:$S3_PORT ;;
      kafka) where=$(cat "$KAFKA_DIR/bootstrap" 2>/dev/null || echo '-') ;;
    esac
    if pid=$("${name}_pid"); then
      printf '%-9s running  pid %-8s %s\n' "$name" "$pid" "$where"
    else
      printf '%-9s stopped\n' "$name"
      all=1
    fi
  done
  return $all
}

cmd_restart_postgres() {
  stop_postgres
  start_postgres
  ensure_database
}

cmd_stop_rabbitmq() { stop_rabbitmq; }

# Right after a stop the old node can still hold its name for a moment and the new one exits at
# once: try again a few times before giving up.
cmd_start_rabbitmq() {
  local attempt
  for attempt in 1 2 3 4; do
    (KEEP_RABBIT_DATA=1 start_rabbitmq && await_rabbitmq) && return 0
    say "rabbitmq: start attempt $attempt failed; retrying"
    sleep 3
  done
  die "rabbitmq did not start again"
}

# A RabbitMQ virtual host of its own keeps one test fixture's queues away from another's.
cmd_vhost() {
  local name=${1:?usage: stack.sh vhost NAME}
  local ctl=(env "${RABBIT_ENV[@]}" "$RABBIT_BIN/rabbitmqctl" -q)
  "${ctl[@]}" add_vhost "$name" >/dev/null 2>&1 || "${ctl[@]}" list_vhosts | grep -qx "$name" || die "could not add vhost $name"
  "${ctl[@]}" set_permissions -p "$name" guest '.*' '.*' '.*' >/dev/null
}

cmd_psql() {
  exec "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$PG_DATABASE" "$@"
}

command=${1:-}
shift || true
case $command in
  up) cmd_up ;;
  down) cmd_down ;;
  env) cmd_env ;;
  status) cmd_status ;;
  restart-postgres) cmd_restart_postgres ;;
  stop-rabbitmq) cmd_stop_rabbitmq ;;
  start-rabbitmq) cmd_start_rabbitmq ;;
  vhost) cmd_vhost "$@" ;;
  psql) cmd_psql "$@" ;;
  *) die "usage: bash scripts/stack.sh up|down|env|status|restart-postgres|stop-rabbitmq|start-rabbitmq|vhost NAME|psql [psql args]" ;;
esac
