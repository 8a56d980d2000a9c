#!/usr/bin/env bash
# Installs Debian's PostgreSQL if missing and starts it on 127.0.0.1:5432 with the
# password the tests use. Idempotent: safe to run when the server is already up.
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
    pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
    pg_ctlcluster "$version" main start
fi

for _ in $(seq 1 30); do
    if runuser -u postgres -- psql -qtAc 'select 1' >/dev/null 2>&1; then break; fi
    sleep 1
done
runuser -u postgres -- psql -qc "ALTER USER postgres PASSWORD 'postgres'" >/dev/null
