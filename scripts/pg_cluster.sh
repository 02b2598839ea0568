#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests: `start DIR` creates it under DIR
# on a free local port, with a login role `cx_bi_reader` for the BI-role
# check, and prints `export CX_PG_PORT=... CX_BI_ROLE=...` lines to eval;
# `stop DIR` stops it and removes DIR. initdb refuses to run as root, so
# when run as root the cluster belongs to the unprivileged `postgres` user.
set -euo pipefail

cmd=${1:?usage: pg_cluster.sh start|stop DIR}
dir=${2:?usage: pg_cluster.sh start|stop DIR}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "pg_cluster: PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin" >&2
    echo "pg_cluster: install them with: apt-get install -y postgresql" >&2
    exit 1
fi

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "$cmd" in
start)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    # A throwaway cluster: no durability. jit=off: compiling the marts' long
    # time-zone expressions costs far more than it saves on data this size
    # (docs/decisions.md, Performance).
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c jit=off" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres cx_metrics
    # The BI role the build grants the marts to (a login role with no other
    # privilege), for `python -m cx_metrics access` to connect as.
    as_owner "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d cx_metrics -q -v ON_ERROR_STOP=1 \
        -c "create role cx_bi_reader login" >/dev/null
    echo "export CX_PG_HOST=127.0.0.1 CX_PG_PORT=$port CX_PG_USER=postgres CX_PG_PASSWORD= CX_PG_DBNAME=cx_metrics CX_BI_ROLE=cx_bi_reader"
    ;;
stop)
    if [ -d "$dir/data" ]; then
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: pg_cluster.sh start|stop DIR" >&2
    exit 2
    ;;
esac
