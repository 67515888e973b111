#!/usr/bin/env bash
# create-databases.sh - create the PostgreSQL database of each node named, on the machine's
# PostgreSQL, unless it is already there. Safe to run again: it never drops or changes anything.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: infra/postgres/create-databases.sh [--owner <role>] [node ...]

Creates the database mmhub_<node> of each node named (default: ministry riyadh jeddah, the demo
federation's) on PostgreSQL at 127.0.0.1:5432, connecting with psql as postgres. A database that
already exists is left as it is. Then prints each node's MMHUB_DATABASE_URL; every service keeps its
tables in its own schema of that database (`mmhub migrate` creates them).

  --owner <role>   the role that owns the new databases (it must exist); default: the connecting role
  -h, --help       this text

Connection: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), and PGPASSWORD or ~/.pgpass when
the server asks for a password, as psql reads them.

Example:
  infra/postgres/create-databases.sh riyadh
  export MMHUB_NODE=riyadh MMHUB_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mmhub_riyadh
  npx mmhub migrate && npx mmhub serve
USAGE
}

owner=""
nodes=()
while (($#)); do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --owner)
      [[ $# -ge 2 && -n "$2" ]] || { echo "create-databases: --owner needs a role name" >&2; exit 2; }
      owner="$2"; shift 2 ;;
    -*) echo "create-databases: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) nodes+=("$1"); shift ;;
  esac
done
((${#nodes[@]})) || nodes=(ministry riyadh jeddah)

# the node codes mmhub accepts (MMHUB_NODE): the database name needs no quoting beyond that
for node in "${nodes[@]}"; do
  [[ "$node" =~ ^[a-z][a-z0-9-]{1,30}$ ]] || { echo "create-databases: \"$node\" is not a node code (lowercase letters, digits and -, such as riyadh)" >&2; exit 2; }
done
command -v psql >/dev/null 2>&1 || { echo "create-databases: psql is not installed (Debian/Ubuntu: apt-get install postgresql-client)" >&2; exit 1; }

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
databases="{$(printf 'mmhub_%s,' "${nodes[@]}" | sed 's/,$//')}"

# \gexec runs each statement the query returns: one "create database" per database that is missing
psql --no-psqlrc --quiet --set ON_ERROR_STOP=1 --dbname postgres \
  --set databases="$databases" --set owner="$owner" <<'SQL'
select format('create database %I', name) || case when :'owner' <> '' then format(' owner %I', :'owner') else '' end
  from unnest(:'databases'::text[]) as name
 where not exists (select from pg_database where datname = name)
 order by name
\gexec
SQL

for node in "${nodes[@]}"; do
  echo "$node: MMHUB_DATABASE_URL=postgresql://${PGUSER}@${PGHOST}:${PGPORT}/mmhub_${node}"
done
