#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the PostgreSQL token store tests and writes its connection string to
# tests/tools/.postgres-connection (git-ignored; the tests read it, or OURA_TEST_POSTGRES when set).
#
# Idempotent: installs PostgreSQL from the distribution's packages only when it is missing, creates the cluster on
# first use, starts it when it is not running, and reuses it (and its password) otherwise. The cluster listens on
# 127.0.0.1 only, at a fixed port, with its data under /tmp: nothing here is meant to outlive the machine.
#   OURA_PG_PORT (default 55432), OURA_PG_DIR (default /tmp/oura-mcp-pg).
# `bash tests/tools/postgres.sh stop` stops it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${OURA_PG_PORT:-55432}"
base="${OURA_PG_DIR:-/tmp/oura-mcp-pg}"
data="$base/data"
out="$here/.postgres-connection"
db=oura_test
role=oura_test

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

bin="$(find_bin)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "postgres.sh: PostgreSQL is not installed; run as root, or: apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "postgres.sh: installing postgresql (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  bin="$(find_bin)"
  [ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "postgres.sh: postgresql installed but initdb not found" >&2; exit 1; }
fi

# PostgreSQL refuses to run as root: as root, run the cluster as the postgres user the package creates.
if [ "$(id -u)" -eq 0 ]; then
  owner=postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  owner="$(id -un)"
  as_owner() { "$@"; }
fi

mkdir -p "$base"
chmod 700 "$base"
chown "$owner" "$base"

if [ "${1:-}" = "stop" ]; then
  if [ -f "$data/postmaster.pid" ]; then as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null; fi
  rm -f "$out"
  exit 0
fi

password_file="$base/password"
if [ ! -s "$password_file" ]; then
  # Random per cluster, so no test can pass by knowing a password; readable by the one who runs the tests only.
  (umask 077; head -c 18 /dev/urandom | base64 | tr '+/' 'xy' >"$password_file")
fi
password="$(cat "$password_file")"

if [ ! -f "$data/PG_VERSION" ]; then
  rm -rf "$data"
  as_owner "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-instructions >/dev/null
fi

if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  # fsync off: a throwaway cluster for tests; the sockets directory is ours, not /var/run/postgresql.
  as_owner "$bin/pg_ctl" -D "$data" -l "$base/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$base -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    >/dev/null || { echo "postgres.sh: the server did not start; its log:" >&2; tail -n 30 "$base/server.log" >&2; exit 1; }
fi

psql_super() { as_owner "$bin/psql" -h "$base" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

# The password goes in on stdin (a psql variable), never on a command line that ps could show.
psql_super -v pw="$password" <<'SQL' >/dev/null
SELECT format('CREATE ROLE oura_test LOGIN PASSWORD %L', :'pw') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'oura_test') \gexec
SELECT format('ALTER ROLE oura_test PASSWORD %L', :'pw') \gexec
SELECT 'CREATE DATABASE oura_test OWNER oura_test' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'oura_test') \gexec
SQL

(umask 077; printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=%s;Password=%s\n' "$port" "$db" "$role" "$password" >"$out")
echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, database $db; connection string in $out" >&2
