#!/usr/bin/env bash
# Build and test the project on one engine from a folder of raw files:
#   scripts/test_engine.sh duckdb|postgres|spark RAW_DIR
# DuckDB uses its own database file under .build/; PostgreSQL runs in a
# throwaway cluster started here and stopped on exit; Spark runs in session
# mode with its warehouse and metastore under $CX_SPARK_DIR.
set -euo pipefail

engine=${1:?usage: test_engine.sh duckdb|postgres|spark RAW_DIR}
raw_dir=${2:?usage: test_engine.sh duckdb|postgres|spark RAW_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
py="$root/.venv/bin/python"
started=$(date +%s)
# Every engine pseudonymises with the same key, so the cross-engine
# comparison below also checks that they give the same email hashes. A test
# key, not a secret: PostgreSQL and Spark refuse to build without one.
export CX_PSEUDONYM_KEY=${CX_PSEUDONYM_KEY:-cx-metrics-engine-test-key}

echo "== dbt build on $engine"
case "$engine" in
duckdb)
    mkdir -p .build
    export CX_DUCKDB_PATH="$root/.build/ci.duckdb"
    rm -f "$CX_DUCKDB_PATH"
    ;;
postgres)
    pg_dir=$(mktemp -d /tmp/cx_pg.XXXXXX)
    trap 'scripts/pg_cluster.sh stop "$pg_dir"' EXIT
    eval "$(scripts/pg_cluster.sh start "$pg_dir")"
    echo "   PostgreSQL cluster on port $CX_PG_PORT"
    ;;
spark)
    export CX_SPARK_DIR=${CX_SPARK_DIR:-$root/.build/spark}
    rm -rf "$CX_SPARK_DIR"
    mkdir -p "$CX_SPARK_DIR"
    ;;
*)
    echo "unknown engine: $engine" >&2
    exit 2
    ;;
esac

"$py" -m cx_metrics load --target "$engine" --raw-dir "$raw_dir"
"$py" -m cx_metrics build --target "$engine"
# Every engine must stage, deduplicate and quarantine exactly what DuckDB does.
compare=()
if [ "$engine" != duckdb ] && [ -f .build/accounts_duckdb.json ]; then
    compare=(--compare-with .build/accounts_duckdb.json)
fi
"$py" -m cx_metrics accounts --target "$engine" --out ".build/accounts_$engine.json" "${compare[@]}"
# The BI role reads the marts and is refused everything else.
if [ "$engine" = postgres ]; then
    "$py" -m cx_metrics access --target postgres
fi
# Every column of every source, model and seed is described (dbt-coverage).
# Descriptions do not depend on the engine: measured once, on DuckDB.
if [ "$engine" = duckdb ]; then
    "$py" -m cx_metrics docs-coverage --target duckdb
fi
# The nightly job's incremental build gives every model what a full refresh
# of the same data gives (Spark builds those models as tables).
if [ "$engine" != spark ]; then
    "$py" -m cx_metrics incremental-check --target "$engine"
fi
# The key reaches the engine's session, never a file: not dbt's target
# folder, the logs, or the warehouse's own files.
case "$engine" in
duckdb) warehouse=$CX_DUCKDB_PATH ;;
postgres) warehouse=$pg_dir ;;
spark) warehouse=$CX_SPARK_DIR ;;
esac
if grep -rlF -- "$CX_PSEUDONYM_KEY" "target/$engine" logs "$warehouse"; then
    echo "the pseudonymisation key was written into the files above" >&2
    exit 1
fi
echo "   the pseudonymisation key is in no file of target/$engine, logs/ or the warehouse"
echo "   $engine passed in $(( $(date +%s) - started )) s"
