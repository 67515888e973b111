#!/usr/bin/env bash
# start-kafka.sh - start a single-node Apache Kafka 3.9 broker for tests (KRaft,
# broker + controller in one JVM) in the background, from the jars that
# pom.xml fetches into ./libs (fetched automatically when missing).
#
# Prints MMHUB_KAFKA_BROKERS=host:port on stdout once the broker is usable; all
# other output goes to stderr. Safe to run twice: if the broker for this port
# is already up it just prints MMHUB_KAFKA_BROKERS again and exits 0.
#
# Environment (all optional):
#   KAFKA_HOST             bind + advertised host            (default 127.0.0.1)
#   KAFKA_PORT             client listener port              (default 9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller listener port    (default KAFKA_PORT+1)
#   KAFKA_RUN_DIR          config, data, log, pid file       (default ${TMPDIR:-/tmp}/mmhub-kafka-$KAFKA_PORT)
#   KAFKA_KEEP_DATA=1      resume with the existing data dir (topics + records kept);
#                          default: wipe the run dir and format a fresh one
#   KAFKA_NUM_PARTITIONS   num.partitions of auto-created topics (default 1)
#   KAFKA_HEAP_OPTS        JVM heap options                  (default -Xms256m -Xmx512m)
#   KAFKA_JVM_OPTS         other JVM options                 (default: serial GC, C1 only)
#   KAFKA_EXTRA_PROPS      extra server.properties lines (newline separated)
#   KAFKA_START_TIMEOUT    seconds to wait for readiness     (default 120)
#   KAFKA_WARMUP           auto (default): run kafka-warmup.cjs when node + kafkajs are
#                          available; 1: require it; 0: skip it
#   KAFKA_CLUSTER_ID       22-char base64 cluster id         (default: fixed id)
#   KAFKA_LIBS             jar dir                           (default <this dir>/libs)
#   JAVA / JAVA_HOME       java binary (17 recommended, 11+ required)
#   MVN                    maven binary                      (default mvn)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KAFKA_LIBS="${KAFKA_LIBS:-$HERE/libs}"
KAFKA_HOST="${KAFKA_HOST:-127.0.0.1}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
[[ "$KAFKA_PORT" =~ ^[0-9]+$ ]] || { echo "[start-kafka] ERROR: KAFKA_PORT must be a number" >&2; exit 1; }
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
KAFKA_RUN_DIR="${KAFKA_RUN_DIR:-${TMPDIR:-/tmp}/mmhub-kafka-$KAFKA_PORT}"
KAFKA_KEEP_DATA="${KAFKA_KEEP_DATA:-0}"
KAFKA_NUM_PARTITIONS="${KAFKA_NUM_PARTITIONS:-1}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
KAFKA_JVM_OPTS="${KAFKA_JVM_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-120}"
KAFKA_WARMUP="${KAFKA_WARMUP:-auto}"
# same default id as the official apache/kafka image
KAFKA_CLUSTER_ID="${KAFKA_CLUSTER_ID:-5L6g3nShT-eMCtK--X86sw}"
MVN="${MVN:-mvn}"
if [[ -z "${JAVA:-}" ]]; then
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
fi

RUN_MARKER="$KAFKA_RUN_DIR/.mmhub-kafka"
PID_FILE="$KAFKA_RUN_DIR/kafka.pid"
DATA_DIR="$KAFKA_RUN_DIR/data"
OUT_FILE="$KAFKA_RUN_DIR/kafka.out"
CONFIG="$KAFKA_RUN_DIR/server.properties"
LIBS_STAMP="$KAFKA_LIBS/.complete"
BROKERS="$KAFKA_HOST:$KAFKA_PORT"

log() { echo "[start-kafka] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ms() { date +%s%3N; }
t0=$(now_ms)

# shellcheck disable=SC2016 # $1/$2 are expanded by the inner bash
port_open() { # host port -> 0 when something accepts a TCP connection
  timeout 1 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

alive() { # pid -> 0 when the process exists and is not a zombie
  local state
  [[ -r "/proc/$1/stat" ]] || { kill -0 "$1" 2>/dev/null; return; }
  state="$(sed -e 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" || return 1
  [[ -n "$state" && "$state" != Z && "$state" != X ]]
}

is_our_kafka() { # pid -> 0 when it is a live kafka.Kafka JVM on this run dir's config
  alive "$1" || return 1
  [[ -r "/proc/$1/cmdline" ]] || return 0 # no procfs: trust the pid file
  tr '\0' '\n' <"/proc/$1/cmdline" | grep -qxF "$CONFIG"
}

# ------------------------------------------------------------------ java
command -v "$JAVA" >/dev/null 2>&1 || die "java not found (set JAVA or JAVA_HOME)"
java_major="$("$JAVA" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}' | awk -F. '{print ($1 == "1") ? $2 : $1}')"
[[ "$java_major" =~ ^[0-9]+$ ]] || die "cannot parse the java version from: $("$JAVA" -version 2>&1 | head -1)"
((java_major >= 11)) || die "Java $java_major is too old for Kafka 3.9 (use 17)"

# ------------------------------------------------------------------ jars
# libs/.complete holds the sha256 of the pom.xml the jars were fetched with;
# a missing stamp or a changed pom means: wipe libs/ and fetch again.
pom_sum="$(sha256sum "$HERE/pom.xml" | cut -d' ' -f1)"
libs_ok() {
  [[ -f "$LIBS_STAMP" && "$(cat "$LIBS_STAMP")" == "$pom_sum" ]] || return 1
  local j
  for j in kafka_2.13-*.jar kafka-clients-*.jar kafka-server-[0-9]*.jar kafka-metadata-*.jar kafka-raft-*.jar \
    kafka-storage-[0-9]*.jar scala-library-*.jar reload4j-*.jar slf4j-reload4j-*.jar; do
    compgen -G "$KAFKA_LIBS/$j" >/dev/null || return 1
  done
}
if ! libs_ok; then
  [[ "$KAFKA_LIBS" == "$HERE/libs" ]] || die "$KAFKA_LIBS is missing or incomplete (KAFKA_LIBS is set, so not fetching)"
  command -v "$MVN" >/dev/null 2>&1 || die "$KAFKA_LIBS is missing or incomplete and maven ($MVN) is not installed"
  # one fetch at a time (two brokers started in parallel from a fresh clone)
  exec 8<"$HERE/pom.xml"
  flock -w 600 8 || die "timed out waiting for another jar download"
  if ! libs_ok; then
    log "fetching the Kafka jars with maven into $KAFKA_LIBS"
    rm -rf "$KAFKA_LIBS"
    tmp_libs="$KAFKA_LIBS.tmp.$$"
    rm -rf "$tmp_libs"
    mvn_log="$(mktemp)"
    if ! "$MVN" -B -q -f "$HERE/pom.xml" dependency:copy-dependencies -Dkafka.libs.dir="$tmp_libs" >"$mvn_log" 2>&1; then
      cat "$mvn_log" >&2
      rm -rf "$tmp_libs" "$mvn_log"
      die "maven could not fetch the jars (see above)"
    fi
    rm -f "$mvn_log"
    echo "$pom_sum" >"$tmp_libs/.complete"
    mv -T "$tmp_libs" "$KAFKA_LIBS"
    libs_ok || die "maven ran but $KAFKA_LIBS is still incomplete"
    log "jars fetched in $(($(now_ms) - t0)) ms"
  fi
  exec 8<&-
fi
shopt -s nullglob
core_jars=("$KAFKA_LIBS"/kafka_2.13-*.jar)
shopt -u nullglob
((${#core_jars[@]} == 1)) || die "expected one kafka_2.13-*.jar in $KAFKA_LIBS, found ${#core_jars[@]}: delete $KAFKA_LIBS and retry"

# ------------------------------------------------------------------ run dir + lock
if [[ -e "$KAFKA_RUN_DIR" && ! -f "$RUN_MARKER" ]] && [[ -n "$(ls -A "$KAFKA_RUN_DIR" 2>/dev/null)" ]]; then
  die "$KAFKA_RUN_DIR exists, is not empty and was not made by this script; refusing to use it"
fi
mkdir -p "$KAFKA_RUN_DIR"
touch "$RUN_MARKER"
# serialise start/stop on the same run dir (fd 9 is closed for the JVM below)
exec 9<"$KAFKA_RUN_DIR"
flock -w 300 9 || die "timed out waiting for another start/stop on $KAFKA_RUN_DIR"

if [[ -f "$PID_FILE" ]] && is_our_kafka "$(cat "$PID_FILE")"; then
  old_pid="$(cat "$PID_FILE")"
  if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    log "already running (pid $old_pid, run dir $KAFKA_RUN_DIR)"
    echo "MMHUB_KAFKA_BROKERS=$BROKERS"
    exit 0
  fi
  die "pid $old_pid is alive but $BROKERS does not accept connections; run stop-kafka.sh first"
fi
rm -f "$PID_FILE"
for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
  ! port_open "$KAFKA_HOST" "$p" || die "$KAFKA_HOST:$p is already in use by another process"
done

resume=0
if [[ "$KAFKA_KEEP_DATA" == 1 && -f "$DATA_DIR/meta.properties" ]]; then
  resume=1
  log "KAFKA_KEEP_DATA=1: resuming with the data in $DATA_DIR"
else
  if [[ "$KAFKA_KEEP_DATA" == 1 ]]; then
    log "WARNING: KAFKA_KEEP_DATA=1 but $DATA_DIR holds no formatted data: starting with an empty one"
  fi
  # fresh start: wipe everything but the marker (and keep the dir: it holds the lock)
  find "$KAFKA_RUN_DIR" -mindepth 1 -maxdepth 1 ! -name "$(basename "$RUN_MARKER")" -exec rm -rf {} +
fi
mkdir -p "$DATA_DIR"

cat >"$CONFIG" <<EOF
# KRaft combined mode, one node
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA_DIR

# one broker: every topic, internal ones included, has replication factor 1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.num.partitions=1
transaction.state.log.num.partitions=1

# test friendliness
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
delete.topic.enable=true
num.partitions=$KAFKA_NUM_PARTITIONS

# small footprint
num.network.threads=2
num.io.threads=2
background.threads=2
num.recovery.threads.per.data.dir=1
num.replica.fetchers=1
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=16777216
EOF
if [[ -n "${KAFKA_EXTRA_PROPS:-}" ]]; then
  printf '\n# KAFKA_EXTRA_PROPS\n%s\n' "$KAFKA_EXTRA_PROPS" >>"$CONFIG"
fi

cat >"$KAFKA_RUN_DIR/log4j.properties" <<'EOF'
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.network.RequestChannel$=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
EOF
cat >"$KAFKA_RUN_DIR/tools-log4j.properties" <<'EOF'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.appender.stderr.Target=System.err
EOF

read -r -a heap_opts <<<"$KAFKA_HEAP_OPTS"
read -r -a jvm_opts <<<"$KAFKA_JVM_OPTS"
CP="$KAFKA_LIBS/*" # expanded by the JVM, keeps the command line short

# ------------------------------------------------------------------ format
if ((resume == 0)) || [[ ! -f "$DATA_DIR/meta.properties" ]]; then
  log "formatting $DATA_DIR (cluster id $KAFKA_CLUSTER_ID)"
  if ! "$JAVA" -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$KAFKA_RUN_DIR/tools-log4j.properties" \
    -cp "$CP" kafka.tools.StorageTool format -t "$KAFKA_CLUSTER_ID" -c "$CONFIG" --ignore-formatted \
    >"$KAFKA_RUN_DIR/format.out" 2>&1 9<&-; then
    cat "$KAFKA_RUN_DIR/format.out" >&2
    die "kafka.tools.StorageTool format failed"
  fi
  [[ -f "$DATA_DIR/meta.properties" ]] || { cat "$KAFKA_RUN_DIR/format.out" >&2; die "format wrote no meta.properties"; }
fi

# ------------------------------------------------------------------ start
log "starting Kafka on $BROKERS (controller port $KAFKA_CONTROLLER_PORT), log: $OUT_FILE"
t_jvm=$(now_ms)
# own session: Ctrl-C / process-group kills of the caller do not reach the broker
setsid nohup "$JAVA" "${heap_opts[@]}" "${jvm_opts[@]}" \
  -Dlog4j.configuration="file:$KAFKA_RUN_DIR/log4j.properties" \
  -Dkafka.logs.dir="$KAFKA_RUN_DIR" \
  -cp "$CP" kafka.Kafka "$CONFIG" \
  >>"$OUT_FILE" 2>&1 </dev/null 9<&- 8<&- &
pid=$!
echo "$pid" >"$PID_FILE"

fail() {
  log "ERROR: $*"
  log "---- last lines of $OUT_FILE ----"
  tail -n 60 "$OUT_FILE" >&2 || true
  if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$PID_FILE"
  exit 1
}

# Kafka 3.9 opens the client listener only once the broker is unfenced, so an
# accepting client port means the broker can serve requests.
deadline=$((SECONDS + KAFKA_START_TIMEOUT))
until port_open "$KAFKA_HOST" "$KAFKA_PORT"; do
  alive "$pid" || fail "the broker JVM exited during start-up"
  ((SECONDS < deadline)) || fail "not ready after ${KAFKA_START_TIMEOUT}s"
  sleep 0.2
done
log_deadline=$((SECONDS + 15))
until grep -q 'Kafka Server started' "$OUT_FILE" 2>/dev/null; do
  alive "$pid" || fail "the broker JVM exited during start-up"
  if ((SECONDS >= log_deadline)); then
    log "WARNING: the port is open but 'Kafka Server started' was not logged"
    break
  fi
  sleep 0.2
done
log "broker up in $(($(now_ms) - t_jvm)) ms (pid $pid)"

# ------------------------------------------------------------------ warm-up
case "$KAFKA_WARMUP" in
  0 | false | no) ;;
  *)
    rc=0
    if command -v node >/dev/null 2>&1; then
      t_w=$(now_ms)
      node "$HERE/kafka-warmup.cjs" "$BROKERS" 9<&- || rc=$?
    else
      rc=3
    fi
    if ((rc == 0)); then
      log "warm-up done in $(($(now_ms) - t_w)) ms"
    elif ((rc == 3)) && [[ "$KAFKA_WARMUP" == auto ]]; then
      log "warm-up skipped (node or kafkajs not available)"
    else
      fail "warm-up failed"
    fi
    ;;
esac

log "ready in $(($(now_ms) - t0)) ms"
echo "MMHUB_KAFKA_BROKERS=$BROKERS"
