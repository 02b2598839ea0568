"""Command-line interface: `python -m cx_metrics <command>`.

    generate   write a synthetic raw data set in the contract
    load       load a folder of raw files into a warehouse's raw schema
    build      dbt build on a target, with a short readable summary
    validate   Great Expectations suites on the staging tables and the marts (DuckDB)
    summary    what became of every raw line, per raw table (DuckDB)
    accounts   the same on any target, compared across engines
    access     check that the BI role reads the marts and nothing else (PostgreSQL)
    run        all of it, on DuckDB: the main job (`make run`)
    nightly    the scheduled job on any target: load, source freshness, incremental build,
               validation (DuckDB), with a run log (`make nightly`)
    incremental-check  an incremental build equals a full refresh of the same data
    contract-docs  write the contract's docs, column lists and doc blocks from the source definitions
    docs-coverage  dbt docs generate, then check every column is described (dbt-coverage)

Settings are environment variables (cx_metrics/settings.py lists them).

Exit codes, for schedulers:
    0  built and validated
    1  built, but validation found problems (a dbt test failed, a Great
       Expectations suite failed, or more of a raw table was quarantined
       than CX_MAX_QUARANTINE_SHARE allows)
    2  could not build: bad input, a file or column missing, an engine or
       connection error, a model that failed
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

from cx_metrics.contract import PROJECT_ROOT
from cx_metrics.settings import TARGETS, Settings, SettingsError, settings

OK, PROBLEMS, FAILED = 0, 1, 2


def _step(title: str) -> float:
    print(f"\n== {title}", flush=True)
    return time.monotonic()


def _done(started: float, detail: str = "") -> None:
    print(f"   done in {time.monotonic() - started:.1f} s{(' — ' + detail) if detail else ''}", flush=True)


def _error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr, flush=True)
    return FAILED


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def build_status(result) -> int:
    """0 when dbt built and every test passed, 1 when only tests failed,
    2 when something could not be built."""
    if result.ok:
        return OK
    statuses = {status for _, status, _ in result.failures}
    return PROBLEMS if statuses == {"fail"} and not result.exception else FAILED


# --------------------------------------------------------------------------
# Commands: each takes the parsed arguments and the settings.
# --------------------------------------------------------------------------


def cmd_generate(args: argparse.Namespace, cfg: Settings) -> int:
    from cx_metrics import generate

    tickets = args.tickets or generate.SIZES[args.size]
    counts = generate.generate(Path(args.out), tickets=tickets, seed=args.seed, fmt=args.format)
    print("   wrote " + ", ".join(f"{name} {n:,}" for name, n in counts.items()) + f" into {args.out}")
    return OK


APPEND_HELP = ("add the folder's rows (a day's new and changed records, any of the tables) to the raw tables "
               "instead of replacing them (DuckDB, PostgreSQL)")


def load_step(raw_dir: Path, cfg: Settings, append: bool = False) -> int:
    from cx_metrics.load import RawDataError, load

    try:
        report = load(raw_dir, cfg, append)
    except RawDataError as exc:
        return _error(str(exc))
    print(report.format())
    return OK


def cmd_load(args: argparse.Namespace, cfg: Settings) -> int:
    return load_step(Path(args.raw_dir) if args.raw_dir else cfg.raw_dir_or_demo, cfg, args.append)


def cmd_build(args: argparse.Namespace, cfg: Settings) -> int:
    from cx_metrics.dbt_runner import run_dbt

    result = run_dbt(["build", *args.dbt_args], cfg)
    print("   " + result.describe())
    return build_status(result)


def validate_step(cfg: Settings) -> int:
    from cx_metrics import validate

    try:
        report = validate.validate(
            cfg.duckdb_path, schema=cfg.schema_for("staging"), docs_dir=cfg.docs_dir,
            quarantine_threshold=1 - cfg.max_quarantine_share,
        )
    except validate.ValidationSetupError as exc:
        return _error(str(exc))
    print(report.format())
    return OK if report.success else PROBLEMS


def cmd_validate(args: argparse.Namespace, cfg: Settings) -> int:
    return validate_step(cfg)


def summary_step(cfg: Settings) -> int:
    from cx_metrics.summary import SummaryError, format_accounts, read_accounts, unknown_teams

    try:
        accounts = read_accounts(cfg)
        teams = unknown_teams(cfg)
    except SummaryError as exc:
        return _error(str(exc))
    print(format_accounts(accounts))
    for team, rows in teams:
        print(
            f"   warning: team {team!r} ({rows:,} rows) is not in seeds/teams.csv: its business time is counted "
            "on the default calendar (var default_business_calendar); add it to the seed"
        )
    return OK


def service_summary_step(cfg: Settings) -> int:
    from cx_metrics.service_summary import ServiceSummaryError, format_service_summary, read_service_summary

    try:
        print(format_service_summary(read_service_summary(cfg)))
    except ServiceSummaryError as exc:
        return _error(str(exc))
    return OK


def customer_summary_step(cfg: Settings) -> int:
    from cx_metrics.customer_summary import format_customer_summary, read_customer_summary
    from cx_metrics.service_summary import ServiceSummaryError

    try:
        print(format_customer_summary(read_customer_summary(cfg)))
    except ServiceSummaryError as exc:
        return _error(str(exc))
    return OK


def cmd_summary(args: argparse.Namespace, cfg: Settings) -> int:
    return max(summary_step(cfg), service_summary_step(cfg), customer_summary_step(cfg))


def cmd_run(args: argparse.Namespace, cfg: Settings) -> int:
    """The main job on DuckDB: data, load, build, validate, summary."""
    from cx_metrics.dbt_runner import run_dbt

    cfg = cfg.with_target("duckdb")
    raw_dir = cfg.raw_dir_or_demo
    if cfg.raw_dir:
        print(f"cx_metrics: building from your raw files in {raw_dir} (CX_RAW_DIR)")
    else:
        t = _step(f"Generating demo data ({args.size}) into {_relative(raw_dir)}")
        from cx_metrics import generate

        counts = generate.generate(raw_dir, tickets=generate.SIZES[args.size], seed=args.seed)
        _done(t, ", ".join(f"{name} {n:,}" for name, n in counts.items()))

    t = _step(f"Loading raw files into DuckDB ({cfg.duckdb_path.name}, schema {cfg.raw_schema})")
    status = load_step(raw_dir, cfg)
    if status:
        return status
    _done(t)

    t = _step("dbt build (seeds, models, tests) on DuckDB")
    # A full refresh: the demo data are generated again on every run, and
    # seeds are reloaded from scratch (a seed whose columns changed since the
    # last run, an upgrade of the project, cannot be truncated and refilled).
    # The scheduled job on landed data is `nightly`, which builds incrementally.
    result = run_dbt(["build", "--full-refresh"], cfg)
    print("   " + result.describe())
    _done(t)
    status = build_status(result)
    if status == FAILED:
        return FAILED

    t = _step("Great Expectations validation of the staging tables and the marts")
    status = max(status, validate_step(cfg))
    _done(t)

    _step("What became of every raw line")
    status = max(status, summary_step(cfg))

    _step("Service desk")
    status = max(status, service_summary_step(cfg))

    _step("Customers")
    status = max(status, customer_summary_step(cfg))
    print(
        {
            OK: "\ncx_metrics: built and validated (exit 0)",
            PROBLEMS: "\ncx_metrics: built, but validation found problems (exit 1): see above",
            FAILED: "\ncx_metrics: the summary could not be read (exit 2)",
        }[status]
    )
    return status


class _Tee:
    """A stream that also writes into the run log of `nightly`."""

    def __init__(self, log, stream) -> None:
        self._log, self._stream = log, stream

    def write(self, text: str) -> int:
        self._log.write(text)
        return self._stream.write(text)

    def flush(self) -> None:
        self._log.flush()
        self._stream.flush()


def freshness_status(result) -> int:
    """`dbt source freshness`: 0 when every source is fresh or only past its
    warn_after (printed), 1 when one is past its error_after or its freshness
    could not be read. Never 2: the build still runs on what is there."""
    return PROBLEMS if result.failures or result.exception else OK


def cmd_nightly(args: argparse.Namespace, cfg: Settings) -> int:
    """The scheduled job: the landed files of CX_RAW_DIR loaded, source
    freshness, an incremental build (--full-refresh: a full one), validation
    on DuckDB; every line also goes to logs/nightly_<target>_<UTC time>.log."""
    from cx_metrics.dbt_runner import run_dbt

    if not cfg.raw_dir:
        return _error("nightly builds the files a loader landed: set CX_RAW_DIR to their folder")
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    log_path = cfg.log_dir / f"nightly_{cfg.target}_{stamp}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = open(log_path, "w", encoding="utf-8")
    sys.stdout, sys.stderr = _Tee(log, sys.stdout), _Tee(log, sys.stderr)
    started, status = time.monotonic(), FAILED
    try:
        print(f"cx_metrics nightly on {cfg.target}, {stamp}, raw files {cfg.raw_dir}")
        t = _step(f"{'Appending' if args.append else 'Loading'} the raw files into {cfg.raw_schema}")
        status = load_step(cfg.raw_dir, cfg, args.append)
        if status:
            return status
        _done(t)

        t = _step("Source freshness (dbt source freshness)")
        result = run_dbt(["source", "freshness"], cfg, log_name="nightly_freshness")
        print("   " + result.describe())
        status = freshness_status(result)
        _done(t)

        mode = "a full refresh" if args.full_refresh else "incremental"
        t = _step(f"dbt build on {cfg.target}, {mode} (seeds, models, data tests)")
        command = ["build", "--exclude", "resource_type:unit_test", *(["--full-refresh"] if args.full_refresh else [])]
        result = run_dbt(command, cfg, log_name="nightly_build")
        print("   " + result.describe())
        _done(t)
        status = max(status, build_status(result))
        if status == FAILED:
            return FAILED

        if cfg.target == "duckdb":
            t = _step("Great Expectations validation of the staging tables and the marts")
            status = max(status, validate_step(cfg))
            _done(t)
        return status
    finally:
        print(
            f"\ncx_metrics nightly: exit {status} after {time.monotonic() - started:.0f} s"
            f" ({ {OK: 'built and validated', PROBLEMS: 'built, with problems above', FAILED: 'not built'}[status] });"
            f" run log {_relative(log_path)}"
        )
        sys.stdout, sys.stderr = sys.stdout._stream, sys.stderr._stream
        log.close()


def cmd_accounts(args: argparse.Namespace, cfg: Settings) -> int:
    from cx_metrics import accounts

    try:
        return accounts.main(cfg, Path(args.out), Path(args.compare_with) if args.compare_with else None)
    except accounts.AccountsError as exc:
        return _error(str(exc))


def cmd_access(args: argparse.Namespace, cfg: Settings) -> int:
    from cx_metrics import access

    _step(f"What {cfg.bi_role or 'the BI role'} can read on {cfg.target}")
    try:
        return access.main(cfg)
    except access.AccessError as exc:
        return _error(str(exc))


def cmd_incremental_check(args: argparse.Namespace, cfg: Settings) -> int:
    from cx_metrics import incremental_check

    _step(f"An incremental build against a full refresh of the same data on {cfg.target}")
    return incremental_check.run(cfg)


def cmd_contract_docs(args: argparse.Namespace, cfg: Settings) -> int:
    from cx_metrics.contract_docs import main as docs_main

    return docs_main(["--check"] if args.check else [])


def cmd_docs_coverage(args: argparse.Namespace, cfg: Settings) -> int:
    from cx_metrics.docs_coverage import CoverageError, measure

    t = _step(f"Column descriptions on {cfg.target}: dbt docs generate, dbt-coverage")
    try:
        report = measure(cfg)
    except CoverageError as exc:
        return _error(str(exc))
    print(report.format())
    _done(t, "every column described" if report.ok else "descriptions missing")
    return OK if report.ok else PROBLEMS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m cx_metrics",
        description=__doc__.split("\n\n")[0],
        epilog="Exit codes: 0 built and validated; 1 built, but validation found problems; 2 could not build.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def with_target(p: argparse.ArgumentParser) -> None:
        p.add_argument("--target", choices=TARGETS, default=None, help="dbt target (default: $CX_TARGET, else duckdb)")

    p = sub.add_parser("generate", help="write a synthetic raw data set")
    p.add_argument("--out", default=str(PROJECT_ROOT / "data" / "raw"))
    p.add_argument("--size", default="demo", choices=["tiny", "ci", "demo"])
    p.add_argument("--tickets", type=int, default=None, help="number of tickets (overrides --size)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--format", default="csv", choices=["csv", "parquet"])
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser("load", help="load raw files into a warehouse")
    p.add_argument("--raw-dir", default=None, help="folder of raw files (default: $CX_RAW_DIR, else data/raw)")
    p.add_argument("--append", action="store_true", help=APPEND_HELP)
    with_target(p)
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("build", help="dbt build on a target")
    with_target(p)
    p.add_argument("dbt_args", nargs=argparse.REMAINDER, help="extra dbt arguments after --")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("validate", help="Great Expectations validation (DuckDB)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("summary", help="what became of every raw line, per raw table (DuckDB)")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("run", help="the main job on DuckDB")
    p.add_argument("--size", default="demo", choices=["tiny", "ci", "demo"])
    p.add_argument("--seed", type=int, default=42)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("nightly", help="the scheduled job: load, source freshness, incremental build, validation")
    with_target(p)
    p.add_argument("--full-refresh", action="store_true",
                   help="rebuild the incremental models from all the raw data (weekly, or after a seed, var or key change)")
    p.add_argument("--append", action="store_true", help=APPEND_HELP)
    p.set_defaults(func=cmd_nightly)

    p = sub.add_parser("accounts", help="what became of every raw line on a target, compared across engines")
    with_target(p)
    p.add_argument("--out", required=True)
    p.add_argument("--compare-with", default=None)
    p.set_defaults(func=cmd_accounts)

    p = sub.add_parser("access", help="check that $CX_BI_ROLE reads the marts and nothing else (PostgreSQL)")
    with_target(p)
    p.set_defaults(func=cmd_access)

    p = sub.add_parser("incremental-check", help="an incremental build equals a full refresh (DuckDB, PostgreSQL)")
    with_target(p)
    p.set_defaults(func=cmd_incremental_check)

    p = sub.add_parser("contract-docs", help="write the contract's docs, column lists and doc blocks")
    p.add_argument(
        "--check", action="store_true",
        help="fail if a file is out of date or a description spells an allowed-values list",
    )
    p.set_defaults(func=cmd_contract_docs)

    p = sub.add_parser("docs-coverage", help="check that every column of the built warehouse is described")
    with_target(p)
    p.set_defaults(func=cmd_docs_coverage)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "dbt_args", None) and args.dbt_args[0] == "--":
        args.dbt_args = args.dbt_args[1:]
    try:
        cfg = settings()
        if getattr(args, "target", None):
            cfg = cfg.with_target(args.target)
        return args.func(args, cfg)
    except SettingsError as exc:
        return _error(f"setting: {exc}")
    except KeyboardInterrupt:
        return _error("interrupted")
    except Exception as exc:  # the person sees one line; the details go to a log file
        log = PROJECT_ROOT / "logs" / "cx_metrics_error.log"
        log.parent.mkdir(exist_ok=True)
        log.write_text(traceback.format_exc(), encoding="utf-8")
        return _error(f"unexpected failure: {type(exc).__name__}: {exc} (details: {_relative(log)})")


if __name__ == "__main__":
    sys.exit(main())
