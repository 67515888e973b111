#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine (Debian's docker-compose 1.29 `config`).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v docker-compose >/dev/null 2>&1; then
  echo "installing docker-compose (validation only) from Debian's packages..." >&2
  (apt-get install -y --no-install-recommends docker-compose >/dev/null 2>&1 \
    || { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends docker-compose >/dev/null 2>&1; })
fi
secret=$(printf 'x%.0s' {1..40})
JWT_SECRET="$secret" GATEWAY_SECRET="$secret" docker-compose -f docker-compose.yml config --quiet
echo "docker-compose.yml is valid"
