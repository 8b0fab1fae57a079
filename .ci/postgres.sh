#!/usr/bin/env bash
# What the SQL tests need (tests/it/sql/): Debian's PostgreSQL server binaries (initdb,
# pg_ctl, postgres) and psql. The tests start a throwaway cluster of their own (initdb in
# a temporary directory, a free port, a socket there) and stop it; no service is started
# here.
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
