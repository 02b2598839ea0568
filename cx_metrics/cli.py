"""Command-line interface: `python -m cx_metrics <command>`.

    generate   write a synthetic raw data set in the contract
    load       load a folder of raw files into a warehouse's raw schema
    build      dbt seed + build on a target, with a short readable summary
    validate   Great Expectations suites on the staging tables (DuckDB)
    summary    rows staged, duplicated and quarantined per raw table (DuckDB)
    accounts   the same on any target, compared across engines
    run        all of it, on DuckDB: the main job (`make run`)
    contract-docs  write docs/raw_contract.md from the source definitions

Settings (environment variables, all optional):
    CX_RAW_DIR      folder of raw CSV/Parquet files in the contract; when set,
                    `run` builds from it instead of generating demo data
    CX_DUCKDB_PATH  DuckDB database file (default cx_metrics.duckdb)
    CX_TARGET       dbt target for build/load (duckdb, postgres, spark)
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from cx_metrics.contract import PROJECT_ROOT

DEFAULT_RAW_DIR = PROJECT_ROOT / "data" / "raw"


def _duckdb_path() -> str:
    path = Path(os.environ.get("CX_DUCKDB_PATH", "cx_metrics.duckdb"))
    return str(path if path.is_absolute() else PROJECT_ROOT / path)


def _docs_dir() -> str:
    """Great Expectations Data Docs go under the dbt target folder."""
    return str(Path(os.environ.get("DBT_TARGET_PATH", PROJECT_ROOT / "target")) / "data_docs")


def _step(title: str) -> float:
    print(f"\n== {title}", flush=True)
    return time.monotonic()


def _done(started: float, detail: str = "") -> None:
    print(f"   done in {time.monotonic() - started:.1f} s{(' — ' + detail) if detail else ''}", flush=True)


def cmd_generate(args: argparse.Namespace) -> int:
    from cx_metrics import generate

    argv = ["--out", str(args.out), "--seed", str(args.seed), "--format", args.format]
    argv += ["--tickets", str(args.tickets)] if args.tickets else ["--size", args.size]
    return generate.main(argv) or 0


def cmd_load(args: argparse.Namespace) -> int:
    from cx_metrics import load

    raw_dir = Path(args.raw_dir)
    try:
        if args.target == "duckdb":
            counts = load.load_duckdb(raw_dir, _duckdb_path(), schema=args.schema)
        elif args.target == "postgres":
            counts = load.load_postgres(raw_dir, schema=args.schema)
        elif args.target == "spark":
            counts = load.load_spark(raw_dir, schema=args.schema)
        else:
            print(f"error: unknown target {args.target!r}", file=sys.stderr)
            return 2
    except load.RawDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print("   loaded " + ", ".join(f"{name} {n:,}" for name, n in counts.items()))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from cx_metrics.dbt_runner import describe, run_dbt

    result = run_dbt(["build", *args.dbt_args], target=args.target)
    print("   " + describe(result))
    return 0 if result.ok else 1


def cmd_validate(args: argparse.Namespace) -> int:
    from cx_metrics import validate

    return validate.main(["--database", _duckdb_path(), "--docs-dir", _docs_dir()])


def cmd_summary(args: argparse.Namespace) -> int:
    from cx_metrics.summary import format_accounts, staging_accounts

    print(format_accounts(staging_accounts(_duckdb_path())))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """The main job on DuckDB: data, load, build, validate, summary."""
    from cx_metrics import load
    from cx_metrics.dbt_runner import describe, run_dbt
    from cx_metrics.summary import format_accounts, staging_accounts

    raw_env = os.environ.get("CX_RAW_DIR")
    raw_dir = Path(raw_env) if raw_env else DEFAULT_RAW_DIR
    if raw_env:
        print(f"cx_metrics: building from your raw files in {raw_dir} (CX_RAW_DIR)")
    else:
        t = _step(f"Generating demo data ({args.size}) into {raw_dir.relative_to(PROJECT_ROOT)}")
        from cx_metrics import generate

        status = generate.main(["--out", str(raw_dir), "--size", args.size, "--seed", str(args.seed)])
        if status:
            return status
        _done(t)

    t = _step(f"Loading raw files into DuckDB ({Path(_duckdb_path()).name}, schema raw)")
    try:
        counts = load.load_duckdb(raw_dir, _duckdb_path())
    except load.RawDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    _done(t, ", ".join(f"{name} {n:,}" for name, n in counts.items()))

    t = _step("dbt build (seeds, models, tests) on DuckDB")
    result = run_dbt(["build"], target="duckdb")
    print("   " + describe(result))
    _done(t)
    if not result.ok:
        return 1

    t = _step("Great Expectations validation of the staging tables")
    from cx_metrics import validate

    status = validate.main(["--database", _duckdb_path(), "--docs-dir", _docs_dir()])
    _done(t)

    _step("What happened to every raw row")
    print(format_accounts(staging_accounts(_duckdb_path())))
    return status


def cmd_accounts(args: argparse.Namespace) -> int:
    from cx_metrics import accounts

    try:
        return accounts.main(args.target, Path(args.out), Path(args.compare_with) if args.compare_with else None)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def cmd_contract_docs(args: argparse.Namespace) -> int:
    from cx_metrics.contract_docs import main as docs_main

    return docs_main(["--check"] if args.check else [])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m cx_metrics", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("generate", help="write a synthetic raw data set")
    p.add_argument("--out", default=str(DEFAULT_RAW_DIR))
    p.add_argument("--size", default="demo", choices=["tiny", "ci", "demo"])
    p.add_argument("--tickets", type=int, default=None, help="number of tickets (overrides --size)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--format", default="csv", choices=["csv", "parquet"])
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser("load", help="load raw files into a warehouse")
    p.add_argument("--raw-dir", default=os.environ.get("CX_RAW_DIR", str(DEFAULT_RAW_DIR)))
    p.add_argument("--target", default=os.environ.get("CX_TARGET", "duckdb"), choices=["duckdb", "postgres", "spark"])
    p.add_argument("--schema", default="raw")
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("build", help="dbt build on a target")
    p.add_argument("--target", default=os.environ.get("CX_TARGET", "duckdb"), choices=["duckdb", "postgres", "spark"])
    p.add_argument("dbt_args", nargs=argparse.REMAINDER, help="extra dbt arguments after --")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("validate", help="Great Expectations validation (DuckDB)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("summary", help="staged / duplicate / quarantined rows per raw table (DuckDB)")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("run", help="the main job on DuckDB")
    p.add_argument("--size", default="demo", choices=["tiny", "ci", "demo"])
    p.add_argument("--seed", type=int, default=42)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("accounts", help="fate of every raw row on a target, compared across engines")
    p.add_argument("--target", default=os.environ.get("CX_TARGET", "duckdb"), choices=["duckdb", "postgres", "spark"])
    p.add_argument("--out", required=True)
    p.add_argument("--compare-with", default=None)
    p.set_defaults(func=cmd_accounts)

    p = sub.add_parser("contract-docs", help="write docs/raw_contract.md")
    p.add_argument("--check", action="store_true", help="fail if the file is out of date")
    p.set_defaults(func=cmd_contract_docs)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "dbt_args", None) and args.dbt_args[0] == "--":
        args.dbt_args = args.dbt_args[1:]
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
