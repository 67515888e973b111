#!/usr/bin/env bash
# stop-kafka.sh - stop the broker that start-kafka.sh started: SIGTERM (clean
# shutdown), then SIGKILL after KAFKA_STOP_TIMEOUT seconds. Returns only when
# the process is gone and its ports are free. Safe when nothing runs.
#
# Environment (optional; must match the start):
#   KAFKA_HOST, KAFKA_PORT, KAFKA_CONTROLLER_PORT, KAFKA_RUN_DIR  (same defaults as start-kafka.sh)
#   KAFKA_KEEP_DATA=1     keep the data dir (start again with KAFKA_KEEP_DATA=1 to resume)
#   KAFKA_STOP_TIMEOUT    seconds before SIGKILL (default 30)
# The run dir keeps kafka.out and the config for post-mortems.
set -euo pipefail

KAFKA_HOST="${KAFKA_HOST:-127.0.0.1}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
[[ "$KAFKA_PORT" =~ ^[0-9]+$ ]] || { echo "[stop-kafka] ERROR: KAFKA_PORT must be a number" >&2; exit 1; }
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
KAFKA_RUN_DIR="${KAFKA_RUN_DIR:-${TMPDIR:-/tmp}/mmhub-kafka-$KAFKA_PORT}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
KAFKA_KEEP_DATA="${KAFKA_KEEP_DATA:-0}"
PID_FILE="$KAFKA_RUN_DIR/kafka.pid"
CONFIG="$KAFKA_RUN_DIR/server.properties"
RUN_MARKER="$KAFKA_RUN_DIR/.mmhub-kafka"

log() { echo "[stop-kafka] $*" >&2; }
now_ms() { date +%s%3N; }
t0=$(now_ms)

# shellcheck disable=SC2016 # $1/$2 are expanded by the inner bash
port_open() { # host port -> 0 when something accepts a TCP connection
  timeout 1 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

port_listening() { # port -> 0 when a socket listens on it (any address)
  if command -v ss >/dev/null 2>&1; then
    [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]
  else
    port_open "$KAFKA_HOST" "$1"
  fi
}

alive() { # pid -> 0 when the process exists and is not a zombie
  local state
  [[ -r "/proc/$1/stat" ]] || { kill -0 "$1" 2>/dev/null; return; }
  state="$(sed -e 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" || return 1
  [[ -n "$state" && "$state" != Z && "$state" != X ]]
}

is_our_kafka() { # pid -> 0 when it is a live kafka.Kafka JVM on this run dir's config
  alive "$1" || return 1
  [[ -r "/proc/$1/cmdline" ]] || return 0
  tr '\0' '\n' <"/proc/$1/cmdline" | grep -qxF "$CONFIG"
}

find_by_config() { # pids of kafka.Kafka JVMs running with this run dir's config
  local f pid
  # -z: cmdline arguments are NUL-separated; -x: an argument equal to the config path
  while read -r f; do
    pid="${f#/proc/}"
    pid="${pid%/cmdline}"
    if tr '\0' '\n' 2>/dev/null <"$f" | grep -qxF kafka.Kafka; then echo "$pid"; fi
  done < <(grep -lsxzF -- "$CONFIG" /proc/[0-9]*/cmdline 2>/dev/null || true)
}

if [[ -d "$KAFKA_RUN_DIR" ]]; then
  # wait for a start-kafka.sh that is still starting this broker
  exec 9<"$KAFKA_RUN_DIR"
  flock -w 300 9 || log "WARNING: timed out waiting for a start/stop in progress; stopping anyway"
fi

pids=()
if [[ -f "$PID_FILE" ]] && is_our_kafka "$(cat "$PID_FILE")"; then
  pids+=("$(cat "$PID_FILE")")
fi
if ((${#pids[@]} == 0)) && [[ -d /proc/self ]]; then
  while read -r p; do [[ -n "$p" ]] && pids+=("$p"); done < <(find_by_config)
fi

if ((${#pids[@]} == 0)); then
  log "no broker running for $KAFKA_RUN_DIR"
else
  for pid in "${pids[@]}"; do
    log "stopping pid $pid (SIGTERM)"
    kill -TERM "$pid" 2>/dev/null || true
  done
  deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
  for pid in "${pids[@]}"; do
    while alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
    if alive "$pid"; then
      log "pid $pid still alive after ${KAFKA_STOP_TIMEOUT}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      for _ in $(seq 50); do alive "$pid" || break; sleep 0.2; done
      if alive "$pid"; then
        log "ERROR: pid $pid survived SIGKILL"
        exit 1
      fi
    fi
  done
fi
rm -f "$PID_FILE"

# the kernel closes the listening sockets with the process; make sure of it
for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
  for _ in $(seq 50); do port_listening "$p" || break; sleep 0.2; done
  if port_listening "$p"; then
    log "ERROR: port $p is still in use by another process"
    exit 1
  fi
done

if [[ "$KAFKA_KEEP_DATA" != 1 && -f "$RUN_MARKER" ]]; then
  rm -rf "$KAFKA_RUN_DIR/data"
fi
((${#pids[@]} == 0)) || log "stopped in $(($(now_ms) - t0)) ms$([[ "$KAFKA_KEEP_DATA" == 1 ]] && echo ', data kept')"
