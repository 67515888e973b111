#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine (Debian's docker-compose 1.29 `config`).
# When docker-compose is missing it is installed from Debian's packages, as root or through sudo;
# where it can be neither found nor installed (no apt-get, no root) the check is skipped with a
# warning, so that CI on such a machine still runs the tests. A failed installation still fails.
set -euo pipefail
cd "$(dirname "$0")/.."

# the root's own commands, or sudo's when it needs no password
as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo -n "$@"; fi
}

if ! command -v docker-compose >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1 || { [[ $(id -u) -ne 0 ]] && ! sudo -n true >/dev/null 2>&1; }; then
    echo "WARNING: docker-compose.yml NOT validated: docker-compose is not installed, and it cannot be installed here" >&2
    echo "         (that needs apt-get, as root or with sudo). Install docker-compose to validate it." >&2
    exit 0
  fi
  echo "installing docker-compose (validation only) from Debian's packages..." >&2
  (as_root apt-get install -y --no-install-recommends docker-compose >/dev/null 2>&1 \
    || { as_root apt-get update >/dev/null 2>&1 && as_root apt-get install -y --no-install-recommends docker-compose >/dev/null 2>&1; }) \
    || { echo "ERROR: apt-get could not install docker-compose: docker-compose.yml not validated" >&2; exit 1; }
fi
# every secret the file asks for, each node's gateway secret its own; --print prints the file as
# docker-compose reads it (the compose test parses that) rather than only checking it
export MMHUB_JWT_SECRET=$(printf 'j%.0s' {1..40}) POSTGRES_PASSWORD=validate
export MINISTRY_GATEWAY_SECRET=$(printf 'm%.0s' {1..40}) RIYADH_GATEWAY_SECRET=$(printf 'r%.0s' {1..40}) JEDDAH_GATEWAY_SECRET=$(printf 'd%.0s' {1..40})
if [[ ${1:-} == --print ]]; then
  docker-compose -f docker-compose.yml config
else
  docker-compose -f docker-compose.yml config --quiet
  echo "docker-compose.yml is valid"
fi
