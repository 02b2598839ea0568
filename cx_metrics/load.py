"""Load a folder of raw files in the contract into a warehouse's raw schema.

The folder holds one complete snapshot: one file per raw table, named after
the table (``tickets.csv``, ``tickets.csv.gz`` or ``tickets.parquet``). Every
contract column must be present (extra columns are ignored); every value is
loaded as text, because cleaning and typing happen in dbt staging.

An append load (``--append``, DuckDB and PostgreSQL) reads a folder of new
and changed rows instead (a night's extract: any of the tables, at least
one) and adds them to the raw tables a complete load wrote: a record's
older rows stay and become duplicates of its newer ones in staging, as in
a snapshot holding both. Nothing can be deleted by an append: a record
deleted at the source needs a complete load.

CSV files are read in one fixed dialect (``cx_metrics.csv_scan``): every line
is accounted for, and a line the dialect cannot read goes to the rejects
table ``cx_load_rejects`` with its file, line number, reason and raw text
instead of failing the load. ``cx_load_files`` records, per file, the lines
it held and where they went; ``cx_load_state`` says whether the last load
finished.

Loads are all or nothing. Every file is read and checked before the
warehouse is touched; then DuckDB and PostgreSQL replace (or append to)
every raw table in one transaction, and Spark (which has none) loads new
tables beside the old ones, checks them, and swaps them in, marking the
load `swapping` until the swap is done. A failed load leaves the previous raw data whole, and a build
on a raw schema whose swap did not finish stops with a message
(``macros/loading/cx_check_raw_load.sql``).
"""

from __future__ import annotations

import csv
import json
import tempfile
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from cx_metrics import csv_scan
from cx_metrics.contract import contract
from cx_metrics.settings import Settings, settings as read_settings

SUFFIXES = (".parquet", ".csv", ".csv.gz")
FILES_TABLE, REJECTS_TABLE, STATE_TABLE = "cx_load_files", "cx_load_rejects", "cx_load_state"

# The loader's own tables: column name -> type ("text" is each engine's text type).
FILES_COLUMNS = {
    "load_id": "text",
    "raw_table": "text",
    "table_name": "text",
    "file_name": "text",
    "file_format": "text",
    "file_lines": "bigint",
    "header_lines": "bigint",
    "blank_lines": "bigint",
    "rows_loaded": "bigint",
    "row_lines": "bigint",
    "rejected_lines": "bigint",
    "rejected_rows": "bigint",
    "loaded_at": "timestamp",
}
REJECTS_COLUMNS = {
    "load_id": "text",
    "raw_table": "text",
    "table_name": "text",
    "file_name": "text",
    "line_number": "bigint",
    "line_count": "bigint",
    "reason": "text",
    "detail": "text",
    "raw_text": "text",
}
STATE_COLUMNS = {"load_id": "text", "state": "text", "changed_at": "timestamp"}
TEXT_TYPE = {"duckdb": "varchar", "postgres": "text", "spark": "string"}


class RawDataError(Exception):
    """The raw files cannot be loaded; the message says which file, line and why."""


@dataclass(frozen=True)
class RawFile:
    table: str
    path: Path
    fmt: str  # "csv" or "parquet"
    file_columns: tuple[str, ...]

    @property
    def extra_columns(self) -> list[str]:
        wanted = set(contract()[self.table].column_names)
        return [c for c in self.file_columns if c not in wanted]


@dataclass
class FileAccount:
    """What one file held and where its lines went."""

    raw: RawFile
    file_lines: int
    header_lines: int
    blank_lines: int
    rows_loaded: int
    row_lines: int
    rejects: list[csv_scan.Reject] = field(default_factory=list)
    load_path: Path | None = None  # the file the engine reads (a clean copy or the original)

    @property
    def rejected_lines(self) -> int:
        return sum(r.lines for r in self.rejects)

    @property
    def raw_table(self) -> str:
        return f"{contract()[self.raw.table].source}.{self.raw.table}"


@dataclass
class LoadReport:
    load_id: str
    target: str
    files: dict[str, FileAccount]
    append: bool = False

    @property
    def counts(self) -> dict[str, int]:
        return {name: f.rows_loaded for name, f in self.files.items()}

    def format(self) -> str:
        lines = [f"  {'file':<24}{'lines':>11}{'rows':>11}{'rejected':>10}"]
        for f in self.files.values():
            lines.append(f"  {f.raw.path.name:<24}{f.file_lines:>11,}{f.rows_loaded:>11,}{f.rejected_lines:>10,}")
        shown = 0
        for f in self.files.values():
            for r in f.rejects:
                if shown == 10:
                    break
                lines.append(f"  rejected {f.raw.path.name} line {r.line}: {r.reason} — {r.detail}")
                shown += 1
        total = sum(len(f.rejects) for f in self.files.values())
        if total > shown:
            lines.append(f"  … {total - shown:,} more rejected lines in table {REJECTS_TABLE}")
        return "\n".join(lines)


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _parquet_reader(path: Path) -> str:
    return f"read_parquet({_sql_text(str(path))})"


def _csv_reader(path: Path, columns: tuple[str, ...], max_line_bytes: int) -> str:
    """DuckDB's CSV reader in the contract's dialect, nothing detected."""
    spec = ", ".join(f"{_sql_text(c)}: 'VARCHAR'" for c in columns)
    return (
        f"read_csv({_sql_text(str(path))}, header = true, auto_detect = false, columns = {{{spec}}}, "
        "delim = ',', quote = '\"', escape = '\"', comment = '', encoding = 'utf-8', "
        f"strict_mode = false, null_padding = false, max_line_size = {max(2 * 1024 * 1024, 4 * max_line_bytes)})"
    )


def inspect_folder(raw_dir: str | Path, append: bool = False) -> dict[str, RawFile]:
    """Find the file of every contract table (with `append`, of the tables
    that have one, at least one) and check its header; raise RawDataError
    listing every problem at once."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise RawDataError(f"raw data folder not found: {raw_dir}")
    problems: list[str] = []
    found: dict[str, RawFile] = {}
    con = duckdb.connect()
    try:
        for name, table in contract().items():
            present = [raw_dir / f"{name}{suffix}" for suffix in SUFFIXES if (raw_dir / f"{name}{suffix}").is_file()]
            if not present:
                if not append:
                    problems.append(f"{name}: no file (expected {name}.csv or {name}.parquet)")
                continue
            if len(present) > 1:
                problems.append(f"{name}: several files ({', '.join(p.name for p in present)}); keep one")
                continue
            path = present[0]
            fmt = "parquet" if path.suffix == ".parquet" else "csv"
            try:
                if fmt == "csv":
                    columns, _ = csv_scan.read_header(path)
                else:
                    columns = tuple(row[0] for row in con.execute(f"describe select * from {_parquet_reader(path)}").fetchall())
            except csv_scan.CsvFileError as exc:
                problems.append(f"{name}: {path.name}, {exc}")
                continue
            except (duckdb.Error, OSError, EOFError) as exc:
                problems.append(f"{name}: cannot read {path.name}: {_first_line(exc)}")
                continue
            missing = [c for c in table.column_names if c not in columns]
            if missing:
                problems.append(f"{name}: {path.name} lacks column(s) {', '.join(missing)}")
                continue
            found[name] = RawFile(name, path, fmt, columns)
    finally:
        con.close()
    if append and not found and not problems:
        problems.append("no file of any raw table (tickets.csv, tickets.parquet, ...) to append")
    if problems:
        raise RawDataError(
            "the raw data folder does not match the contract (docs/raw_contract.md):\n  - " + "\n  - ".join(problems)
        )
    return found


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def read_files(raw_dir: str | Path, workdir: Path, max_line_bytes: int, append: bool = False) -> dict[str, FileAccount]:
    """Read every line of every file before anything is loaded."""
    files = inspect_folder(raw_dir, append)
    accounts: dict[str, FileAccount] = {}
    problems: list[str] = []
    con = duckdb.connect()
    try:
        for name, raw in files.items():
            try:
                if raw.fmt == "parquet":
                    rows = con.execute(f"select count(*) from {_parquet_reader(raw.path)}").fetchone()[0]
                    accounts[name] = FileAccount(raw, rows, 0, 0, rows, rows, load_path=raw.path)
                    continue
                result = csv_scan.scan(raw.path, max_line_bytes)
                if not result.balanced:  # a defect of the reader, never of the data
                    problems.append(
                        f"{name}: {raw.path.name} has {result.file_lines:,} lines but the reader accounted for "
                        f"{result.header_lines + result.blank_lines + result.row_lines + result.rejected_lines:,}"
                    )
                    continue
                load_path = raw.path
                if result.needs_clean_copy:
                    load_path = workdir / f"{name}.csv"
                    csv_scan.write_clean_copy(result, load_path, max_line_bytes)
                accounts[name] = FileAccount(
                    raw, result.file_lines, result.header_lines, result.blank_lines, result.rows, result.row_lines,
                    result.rejects, load_path,
                )
            except csv_scan.CsvFileError as exc:
                problems.append(f"{name}: {raw.path.name}, {exc}")
            except (duckdb.Error, OSError, EOFError) as exc:
                problems.append(f"{name}: cannot read {raw.path.name}: {_first_line(exc)}")
    finally:
        con.close()
    if problems:
        raise RawDataError("cannot read the raw files; nothing was loaded:\n  - " + "\n  - ".join(problems))
    return accounts


def _write_meta_files(report: LoadReport, workdir: Path) -> tuple[Path, Path]:
    """The loader's own tables as CSV, in the contract's dialect."""
    loaded_at = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    files_path, rejects_path = workdir / f"{FILES_TABLE}.csv", workdir / f"{REJECTS_TABLE}.csv"
    with open(files_path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(FILES_COLUMNS)
        for name, f in report.files.items():
            writer.writerow(
                [report.load_id, f.raw_table, name, f.raw.path.name, f.raw.fmt, f.file_lines, f.header_lines,
                 f.blank_lines, f.rows_loaded, f.row_lines, f.rejected_lines, len(f.rejects), loaded_at]
            )
    with open(rejects_path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(REJECTS_COLUMNS)
        for name, f in report.files.items():
            for r in f.rejects:
                writer.writerow([report.load_id, f.raw_table, name, f.raw.path.name, r.line, r.lines, r.reason, r.detail, r.raw_text])
    return files_path, rejects_path


def _select_raw(f: FileAccount, max_line_bytes: int, text_type: str = "varchar") -> str:
    """The contract columns of a raw file, as text, in contract order."""
    raw = f.raw
    reader = (
        _parquet_reader(f.load_path) if raw.fmt == "parquet" else _csv_reader(f.load_path, raw.file_columns, max_line_bytes)
    )
    cols = ", ".join(f'cast("{c}" as {text_type}) as "{c}"' for c in contract()[raw.table].column_names)
    return f"select {cols} from {reader}"


def _select_meta(path: Path, columns: dict[str, str], max_line_bytes: int) -> str:
    cols = ", ".join(f'cast("{c}" as {"varchar" if t == "text" else t}) as "{c}"' for c, t in columns.items())
    return f"select {cols} from {_csv_reader(path, tuple(columns), max_line_bytes)}"


def _missing_tables(report: LoadReport, existing: set[str]) -> None:
    """An append adds to the tables of a complete load: raise if one is missing."""
    wanted = [*report.files, FILES_TABLE, REJECTS_TABLE]
    missing = [name for name in wanted if name not in existing]
    if missing:
        raise RawDataError(
            f"cannot append: the raw schema has no table {', '.join(missing)}; load a complete snapshot first"
        )


def _check_counts(report: LoadReport, loaded: dict[str, int]) -> None:
    wrong = [
        f"{f.raw.path.name}: the engine holds {loaded.get(name, 0):,} rows, the file {f.rows_loaded:,} readable rows"
        for name, f in report.files.items()
        if loaded.get(name) != f.rows_loaded
    ]
    if wrong:
        raise RawDataError("the load lost or added rows; nothing was replaced:\n  - " + "\n  - ".join(wrong))


def _load_duckdb(report: LoadReport, cfg: Settings, workdir: Path) -> None:
    files_path, rejects_path = _write_meta_files(report, workdir)
    schema = cfg.raw_schema
    con = duckdb.connect(str(cfg.duckdb_path))
    current = "the loader's tables"
    # a complete load replaces each table, an append adds to it
    write = "insert into {} " if report.append else "create or replace table {} as "
    try:
        con.execute("begin transaction")
        con.execute(f'create schema if not exists "{schema}"')
        if report.append:
            _missing_tables(report, {row[0] for row in con.execute(
                "select table_name from information_schema.tables where table_schema = ?", [schema]).fetchall()})
        loaded = {}
        for name, f in report.files.items():
            current = f.raw.path.name
            table = f'"{schema}"."{name}"'
            before = con.execute(f"select count(*) from {table}").fetchone()[0] if report.append else 0
            con.execute(write.format(table) + _select_raw(f, cfg.max_line_bytes))
            loaded[name] = con.execute(f"select count(*) from {table}").fetchone()[0] - before
        _check_counts(report, loaded)
        current = "the loader's tables"
        con.execute(write.format(f'"{schema}".{FILES_TABLE}') + _select_meta(files_path, FILES_COLUMNS, cfg.max_line_bytes))
        con.execute(write.format(f'"{schema}".{REJECTS_TABLE}') + _select_meta(rejects_path, REJECTS_COLUMNS, cfg.max_line_bytes))
        con.execute(
            f'create or replace table "{schema}".{STATE_TABLE} as '
            f"select {_sql_text(report.load_id)} as load_id, 'complete' as state, cast(now() as timestamp) as changed_at"
        )
        con.execute("commit")
    except duckdb.Error as exc:
        con.execute("rollback")
        raise RawDataError(
            f"loading {current} into DuckDB failed: {_first_line(exc)}\n  the previous raw data is unchanged"
        ) from None
    except RawDataError:
        con.execute("rollback")
        raise
    finally:
        con.close()


def _load_postgres(report: LoadReport, cfg: Settings, workdir: Path) -> None:
    import psycopg2

    files_path, rejects_path = _write_meta_files(report, workdir)
    schema = cfg.raw_schema
    try:
        conn = psycopg2.connect(**cfg.postgres)
    except psycopg2.Error as exc:
        raise RawDataError(f"cannot connect to PostgreSQL: {_first_line(exc)}") from None
    staging = duckdb.connect()
    current = "the loader's tables"

    def copy_in(cur, table: str, columns: dict[str, str], csv_path: Path) -> None:
        # a complete load replaces the table, an append adds to it
        if not report.append:
            cur.execute(f'drop table if exists "{schema}"."{table}"')
            cur.execute(
                f'create table "{schema}"."{table}" ('
                + ", ".join(f'"{c}" {TEXT_TYPE["postgres"] if t == "text" else t}' for c, t in columns.items())
                + ")"
            )
        with open(csv_path, encoding="utf-8") as handle:
            cur.copy_expert(f'copy "{schema}"."{table}" from stdin with (format csv, header true)', handle)

    try:
        with conn, conn.cursor() as cur:  # one transaction: committed at the end, rolled back on error
            cur.execute(f'create schema if not exists "{schema}"')
            if report.append:
                cur.execute("select table_name from information_schema.tables where table_schema = %s", [schema])
                _missing_tables(report, {row[0] for row in cur.fetchall()})
            loaded = {}
            for name, f in report.files.items():
                current = f.raw.path.name
                # DuckDB writes the contract columns, in order, as CSV; COPY streams it in.
                csv_path = workdir / f"{name}.pg.csv"
                staging.execute(f"copy ({_select_raw(f, cfg.max_line_bytes)}) to '{csv_path}' (header, delimiter ',', quote '\"')")
                count = f'select count(*) from "{schema}"."{name}"'
                before = 0
                if report.append:
                    cur.execute(count)
                    before = cur.fetchone()[0]
                copy_in(cur, name, {c: "text" for c in contract()[name].column_names}, csv_path)
                cur.execute(count)
                loaded[name] = cur.fetchone()[0] - before
            _check_counts(report, loaded)
            current = "the loader's tables"
            copy_in(cur, FILES_TABLE, FILES_COLUMNS, files_path)
            copy_in(cur, REJECTS_TABLE, REJECTS_COLUMNS, rejects_path)
            cur.execute(f'drop table if exists "{schema}".{STATE_TABLE}')
            cur.execute(
                f'create table "{schema}".{STATE_TABLE} as select {_sql_text(report.load_id)}::text as load_id, '
                "'complete'::text as state, (now() at time zone 'utc')::timestamp as changed_at"
            )
    except (psycopg2.Error, duckdb.Error) as exc:
        raise RawDataError(
            f"loading {current} into PostgreSQL failed: {_first_line(exc)}\n  the previous raw data is unchanged"
        ) from None
    finally:
        staging.close()
        conn.close()


def _load_spark(report: LoadReport, cfg: Settings, workdir: Path) -> None:
    from cx_metrics.dbt_runner import run_dbt

    files_path, rejects_path = _write_meta_files(report, workdir)

    def unit(name: str, path: Path, fmt: str, columns: dict[str, str], expected: int | None) -> dict:
        return {
            "name": name,
            "path": str(path.resolve()),
            "format": fmt,
            "columns": [[c, TEXT_TYPE["spark"] if t == "text" else t] for c, t in columns.items()],
            "expected_rows": expected,
        }

    units = [
        unit(name, f.load_path, f.raw.fmt, {c: "text" for c in contract()[name].column_names}, f.rows_loaded)
        for name, f in report.files.items()
    ]
    units.append(unit(FILES_TABLE, files_path, "csv", FILES_COLUMNS, len(report.files)))
    units.append(unit(REJECTS_TABLE, rejects_path, "csv", REJECTS_COLUMNS, sum(len(f.rejects) for f in report.files.values())))
    args = json.dumps({"units": units, "schema": cfg.raw_schema, "load_id": report.load_id})
    result = run_dbt(["run-operation", "cx_load_raw_files", "--args", args], cfg.with_target("spark"), log_name="load")
    if not result.ok:
        raise RawDataError("loading the raw files into Spark failed:\n" + result.describe())


def load(raw_dir: str | Path, cfg: Settings | None = None, append: bool = False) -> LoadReport:
    """Read, check and load every raw file into `cfg.target`; all or nothing.
    With `append`, add the rows to the raw tables instead of replacing them."""
    cfg = cfg or read_settings()
    loaders = {"duckdb": _load_duckdb, "postgres": _load_postgres, "spark": _load_spark}
    if append and cfg.target == "spark":
        # Spark's load swaps whole tables in (it has no transaction to append in)
        raise RawDataError("cannot append on Spark: load a complete snapshot (without --append)")
    with tempfile.TemporaryDirectory(prefix="cx_load_") as tmp:
        workdir = Path(tmp)
        report = LoadReport(uuid.uuid4().hex[:12], cfg.target,
                            read_files(raw_dir, workdir, cfg.max_line_bytes, append), append)
        loaders[cfg.target](report, cfg, workdir)
    return report


def load_duckdb(raw_dir: str | Path, database: str | Path, schema: str | None = None) -> dict[str, int]:
    """Load into a DuckDB file (the settings' raw schema unless `schema` is
    given); rows loaded per table."""
    cfg = read_settings().with_target("duckdb")
    cfg = replace(cfg, duckdb_path=Path(database), raw_schema=schema or cfg.raw_schema)
    return load(raw_dir, cfg).counts
