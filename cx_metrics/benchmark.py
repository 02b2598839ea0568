"""Benchmark of the raw-to-staging path on DuckDB at a chosen size: prints
wall time and peak memory of each step, measured here, not estimated.

    python -m cx_metrics.benchmark --tickets 1000000

Steps: generate the raw files (Parquet by default), load them into a fresh
DuckDB file, `dbt build` of the seeds and the staging models with their
tests. Each step runs in its own process; its peak memory is the largest
resident set of that process and its children.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cx_metrics.contract import PROJECT_ROOT
from cx_metrics.settings import settings

_MEASURE = (
    "import json, resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "print(json.dumps({'code': code, 'max_rss_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))\n"
)


def measure(command: list[str], env: dict[str, str], log_path: Path) -> dict:
    started = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.run(
            [sys.executable, "-c", _MEASURE, *command],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
    seconds = time.monotonic() - started
    lines = proc.stdout.strip().splitlines()
    result = json.loads(lines[-1])
    log_path.write_text(log_path.read_text(encoding="utf-8") + "\n".join(lines[:-1]), encoding="utf-8")
    return {"seconds": seconds, "peak_mb": result["max_rss_kb"] / 1024, "code": result["code"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--format", default="parquet", choices=["csv", "parquet"])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--workdir", default=None, help="where data and database go (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)

    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="cx_bench_"))
    workdir.mkdir(parents=True, exist_ok=True)
    raw_dir, database = workdir / "raw", workdir / "bench.duckdb"
    env = {
        **os.environ,
        "CX_DUCKDB_PATH": str(database),
        "DBT_TARGET_PATH": str(workdir / "target"),
    }
    py = sys.executable
    steps = [
        ("generate", [py, "-m", "cx_metrics.generate", "--out", str(raw_dir), "--tickets", str(args.tickets),
                      "--seed", str(args.seed), "--format", args.format, "--no-progress"]),
        ("load", [py, "-m", "cx_metrics", "load", "--raw-dir", str(raw_dir), "--target", "duckdb"]),
        ("dbt build staging", [py, "-m", "cx_metrics", "build", "--target", "duckdb", "--", "--select", "resource_type:seed", "+staging"]),
    ]
    print(f"cx_metrics benchmark: {args.tickets:,} tickets, {args.format}, {os.cpu_count()} cores, work folder {workdir}")
    print(f"  {'step':<20}{'seconds':>10}{'peak MB':>10}")
    failed = False
    for name, command in steps:
        figures = measure(command, env, workdir / f"{name.replace(' ', '_')}.log")
        status = "" if figures["code"] == 0 else f"  FAILED (exit {figures['code']}, see {workdir})"
        print(f"  {name:<20}{figures['seconds']:>10.1f}{figures['peak_mb']:>10.0f}{status}", flush=True)
        if figures["code"] != 0:
            failed = True
            break
    if not failed:
        import duckdb

        con = duckdb.connect(str(database), read_only=True)
        staging = settings(env).schema_for("staging")
        try:
            for table in ("stg_helpdesk__tickets", "stg_helpdesk__ticket_messages", "stg_survey__responses"):
                n = con.execute(f"select count(*) from {staging}.{table}").fetchone()[0]
                print(f"  {table:<34}{n:>14,} rows")
        finally:
            con.close()
    if not args.keep and not failed:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
