"""Benchmark of the build on DuckDB at a chosen size: prints wall time and
peak memory of each step, measured here, not estimated, and the business
clock's speed and exactness against a weekly-schedule cross join.

    python -m cx_metrics.benchmark --tickets 1000000      (make bench)
    python -m cx_metrics.benchmark --tickets 1000000 --target spark

Steps: generate the raw files (Parquet by default), load them into a fresh
DuckDB file, and one `dbt build` of every model with its data tests: the
full build, as `make run` and a nightly full refresh run it (one build lets
the intermediate models that do not wait for the messages start while the
messages are staged, docs/decisions.md). Then the nightly job's incremental
day: a folder of the day's new and changed rows
(cx_metrics.incremental_check.next_day), appended to the raw tables
(`load --append`), and one `dbt build` of everything (incremental models
re-read only what changed). Then the clock
comparison of cx_metrics.bench_clock: the intervals (every solved ticket,
and `--random-intervals` random ones), business seconds by the project's
clock and by the cross join, and the intervals on which they disagree.
Each step runs in its own process; its peak memory is the largest resident
set of that process and its children. Below the steps, the slowest nodes
of each dbt step (dbt's run_results.json).

On Spark (session mode, a fresh warehouse in the work folder) the steps
are the full build's alone: Spark builds every model as a table, so a
second day would be a second full build, and the clock comparison is
DuckDB's. Peak memory there is the Python side's: the JVM is bounded by
spark.driver.memory.
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

from cx_metrics import bench_clock
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


def _load() -> str:
    return "load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


FULL_BUILD = ("load", "dbt build")
INCREMENTAL_DAY = ("load day two", "dbt build day two")


def node_layer(unique_id: str) -> str:
    """The layer a dbt node is counted under: a model's by its name's
    prefix (the project's naming: base_, stg_ and quarantine_ models are
    staging, int_ intermediate, the rest marts), any other node by its type
    (seed, test, unit_test, operation)."""
    kind, _, name = unique_id.split(".", 2)
    if kind != "model":
        return kind
    if name.startswith(("base_", "stg_", "quarantine_", "raw_row_accounts")):
        return "staging"
    return "intermediate" if name.startswith("int_") else "marts"


def slowest_nodes(workdir: Path, step: str, threads: str, count: int = 12) -> None:
    """The `count` slowest nodes of a dbt step, from its run_results.json."""
    path = workdir / f"run_results_{step.replace(' ', '_')}.json"
    if not path.exists():
        return
    results = json.loads(path.read_text(encoding="utf-8"))["results"]
    total = sum(r["execution_time"] for r in results)
    print(f"\n  {step}: {len(results)} nodes, {total:.1f} s of node time ({threads} threads)")
    by_layer: dict[str, float] = {}
    for r in results:
        layer = node_layer(r["unique_id"])
        by_layer[layer] = by_layer.get(layer, 0.0) + r["execution_time"]
    print("    by layer: " + ", ".join(f"{layer} {seconds:.1f} s" for layer, seconds in by_layer.items()))
    print("    the slowest:")
    for r in sorted(results, key=lambda r: -r["execution_time"])[:count]:
        print(f"    {r['execution_time']:>8.1f} s  {r['unique_id'].split('.', 2)[-1]}")


def print_summary(measured: dict[str, dict], database: Path | None, cfg, workdir: Path, repeat: int) -> None:
    """Below the steps' table: its total, and on DuckDB the incremental day,
    rows built and the clock comparison."""
    total = sum(f["seconds"] for f in measured.values())
    peak = max(f["peak_mb"] for f in measured.values())
    print(f"  {'all steps':<20}{total:>10.1f}{peak:>10.0f}  (peak: the largest step's)")
    full = sum(measured[s]["seconds"] for s in FULL_BUILD)
    print(f"  full build (load, then every model with its data tests): {full:.1f} s,"
          f" peak {max(measured[s]['peak_mb'] for s in FULL_BUILD):.0f} MB")
    if database is None:
        return
    day = sum(measured[s]["seconds"] for s in INCREMENTAL_DAY)
    print(f"  incremental day (append of the day's rows, then the build): {day:.1f} s, {100 * day / full:.0f} % of the full build")
    con = bench_clock.connect(database, read_only=True)
    try:
        for layer, table in (("staging", "stg_helpdesk__tickets"), ("staging", "stg_helpdesk__ticket_messages"),
                             ("staging", "stg_survey__responses"), ("intermediate", "int_business_openings")):
            n = con.execute(f"select count(*) from {cfg.schema_for(layer)}.{table}").fetchone()[0]
            print(f"  {table:<34}{n:>14,} rows")
    finally:
        con.close()
    project = bench_clock.read_report(workdir, "project")["seconds"]
    cross_join = bench_clock.read_report(workdir, "cross-join")
    compared = bench_clock.read_report(workdir, "compare")["sources"]
    print(f"\n  Business seconds of each interval by the project's clock (cx_business_clock_readings) and by a"
          f"\n  cross join with up to 52 weekly schedule slices (cx_metrics/bench_clock.py). Query seconds, best"
          f"\n  of {repeat}, DuckDB {bench_clock.DUCKDB_CONFIG['threads']} threads; ratio = cross join s / clock s"
          f" (above 1: the clock is faster); {_load()}."
          f"\n  The cross join's weekly schedule took {cross_join['schedule_seconds']:.2f} s more to build.")
    header = ("intervals", "count", "clock s", "cross s", "ratio", "disagree", ">52 weeks", "DST week", "other",
              "unread")
    print("  " + f"{header[0]:<10}" + "".join(f"{h:>11}" for h in header[1:]))
    keys = ("intervals", "disagree", "over_52_weeks", "dst_weeks", "other", "unread")
    rows = [(source, counts, project[source], cross_join["seconds"][source]) for source, counts in compared.items()]
    if len(rows) > 1:
        rows.append(("all", {k: sum(r[1][k] for r in rows) for k in keys}, sum(r[2] for r in rows), sum(r[3] for r in rows)))
    for source, counts, clock_s, cross_s in rows:
        row = [f"{counts['intervals']:,}", f"{clock_s:.2f}", f"{cross_s:.2f}", f"{cross_s / clock_s:.1f}x",
               *(f"{counts[k]:,}" for k in keys[1:])]
        print("  " + f"{source:<10}" + "".join(f"{v:>11}" for v in row))
    print("  disagree: business seconds differ; of those, >52 weeks: the interval reaches past the cross join's"
          "\n  52 weeks; DST week: else, it touches a week in which its calendar's UTC offset changes; other: the"
          "\n  rest. unread: intervals the project's clock could not read (outside its days).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--format", default="parquet", choices=["csv", "parquet"])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--random-intervals", type=int, default=1_000_000,
                        help="random intervals (1 minute to 400 days) measured by both clocks besides the tickets'")
    parser.add_argument("--repeat", type=int, default=3, help="each clock query runs this many times; the best counts")
    parser.add_argument("--workdir", default=None, help="where data and database go (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--raw-dir", default=None,
                        help="raw files generated earlier at the same size (skips the generate step)")
    parser.add_argument("--target", default="duckdb", choices=["duckdb", "spark"],
                        help="the engine (spark: session mode, the full build only)")
    parser.add_argument("--threads", type=int, default=None,
                        help="dbt threads (default: the profile's); one model at a time has all of DuckDB's memory")
    args = parser.parse_args(argv)

    if args.raw_dir and not Path(args.raw_dir).is_dir():
        parser.error(f"--raw-dir {args.raw_dir}: no such folder")
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="cx_bench_"))
    workdir.mkdir(parents=True, exist_ok=True)
    raw_dir, day_two, database = workdir / "raw", workdir / "raw_day_two", workdir / "bench.duckdb"
    if args.raw_dir:
        raw_dir = Path(args.raw_dir).resolve()
    env = {
        **os.environ,
        "CX_DUCKDB_PATH": str(database),
        "CX_SPARK_DIR": str(workdir / "spark"),
        "DBT_TARGET_PATH": str(workdir / "target"),
    }
    if args.target != "duckdb":
        # generated data: any key will do, and Spark refuses to build without one
        env.setdefault("CX_PSEUDONYM_KEY", "cx-metrics-benchmark-key")
        (workdir / "spark").mkdir(exist_ok=True)
    py = sys.executable
    clock = [py, "-m", "cx_metrics.bench_clock"]
    clock_args = ["--workdir", str(workdir), "--repeat", str(args.repeat)]
    dbt_threads = ["--threads", str(args.threads)] if args.threads else []
    steps = [
        ("generate", [py, "-m", "cx_metrics.generate", "--out", str(raw_dir), "--tickets", str(args.tickets),
                      "--seed", str(args.seed), "--format", args.format, "--no-progress"]),
        ("load", [py, "-m", "cx_metrics", "load", "--raw-dir", str(raw_dir), "--target", args.target]),
        # unit tests check code, not data: a scheduled build leaves them out
        ("dbt build", [py, "-m", "cx_metrics", "build", "--target", args.target, "--",
                       "--exclude", "resource_type:unit_test", *dbt_threads]),
        ("day two files", [py, "-m", "cx_metrics.incremental_check", "changed-rows", str(raw_dir), str(day_two)]),
        ("load day two", [py, "-m", "cx_metrics", "load", "--append", "--raw-dir", str(day_two),
                          "--target", args.target]),
        ("dbt build day two", [py, "-m", "cx_metrics", "build", "--target", args.target, "--",
                               "--exclude", "resource_type:unit_test", *dbt_threads]),
        ("clock intervals", [*clock, "intervals", *clock_args,
                             "--random", str(args.random_intervals), "--seed", str(args.seed)]),
        ("clock project", [*clock, "project", *clock_args]),
        ("clock cross join", [*clock, "cross-join", *clock_args]),
        ("clock compare", [*clock, "compare", *clock_args]),
    ]
    if args.raw_dir:
        steps = [step for step in steps if step[0] != "generate"]
    if args.target != "duckdb":
        steps = [step for step in steps if step[0] in ("generate", *FULL_BUILD)]
    print(f"cx_metrics benchmark: {args.tickets:,} tickets on {args.target}, {args.format}, {os.cpu_count()} cores,"
          f" {_load()},"
          f" dbt threads {args.threads or 'from the profile'}, work folder {workdir}"
          + (f", raw files from {raw_dir}" if args.raw_dir else ""))
    print(f"  {'step':<20}{'seconds':>10}{'peak MB':>10}")
    if args.target == "spark":
        print("  (peak MB: the Python processes; Spark's JVM, which pyspark starts and does not wait for, is not"
              "\n  counted: it is bounded by spark.driver.memory in profiles.yml)")
    failed, measured = False, {}
    for name, command in steps:
        figures = measure(command, env, workdir / f"{name.replace(' ', '_')}.log")
        measured[name] = figures
        run_results = workdir / "target" / "run_results.json"
        if name.startswith("dbt ") and run_results.exists():
            shutil.copy(run_results, workdir / f"run_results_{name.replace(' ', '_')}.json")
        status = "" if figures["code"] == 0 else f"  FAILED (exit {figures['code']}, see {workdir})"
        print(f"  {name:<20}{figures['seconds']:>10.1f}{figures['peak_mb']:>10.0f}{status}", flush=True)
        if figures["code"] != 0:
            failed = True
            break
    if not failed:
        print_summary(measured, database if args.target == "duckdb" else None, settings(env), workdir, args.repeat)
    threads = str(args.threads) if args.threads else "the profile's"
    for name in measured:
        if name.startswith("dbt "):
            slowest_nodes(workdir, name, threads)
    if not args.keep and not failed:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
