#!/usr/bin/env bash
# Make sure the system packages `make test` needs are present: Python venv
# support, the PostgreSQL server binaries (for the throwaway test cluster)
# and a Java 17 runtime (for Spark). Installs what is missing with apt when
# run as root; otherwise says what to install. Does nothing when all is there.
set -euo pipefail

missing=()
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "missing system packages: ${missing[*]} (install them, e.g. apt-get install -y ${missing[*]})" >&2
    exit 1
fi
echo "== Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq "${missing[@]}" >/dev/null
