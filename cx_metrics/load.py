"""Load a folder of raw files in the contract into a warehouse's raw schema.

The folder holds one file per raw table, named after the table:
``tickets.csv`` or ``tickets.parquet`` (``.csv.gz`` too). Every contract
column must be present (extra columns are ignored); every value is loaded as
text, because cleaning and typing happen in dbt staging, where bad values are
quarantined with a reason rather than failing the load.

Loading is set-based on every engine: DuckDB reads the files itself,
PostgreSQL receives them through COPY, and Spark reads them in a dbt
operation (``macros/loading/cx_load_raw_files.sql``) so that the tables land
in the metastore of dbt's own Spark session.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from cx_metrics.contract import contract

SUFFIXES = (".parquet", ".csv", ".csv.gz")


class RawDataError(Exception):
    """The raw folder does not satisfy the contract; the message says how."""


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


def _reader(path: Path, fmt: str) -> str:
    quoted = str(path).replace("'", "''")
    if fmt == "parquet":
        return f"read_parquet('{quoted}')"
    return f"read_csv('{quoted}', header = true, all_varchar = true, quote = '\"', escape = '\"')"


def inspect_folder(raw_dir: str | Path) -> dict[str, RawFile]:
    """Find and check the file of every contract table; raise RawDataError
    listing every problem at once."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise RawDataError(f"raw data folder not found: {raw_dir}")
    problems: list[str] = []
    found: dict[str, RawFile] = {}
    con = duckdb.connect()
    try:
        for name, table in contract().items():
            candidates = [raw_dir / f"{name}{suffix}" for suffix in SUFFIXES]
            present = [p for p in candidates if p.is_file()]
            if not present:
                problems.append(f"{name}: no file (expected {name}.csv or {name}.parquet)")
                continue
            if len(present) > 1:
                problems.append(f"{name}: several files ({', '.join(p.name for p in present)}); keep one")
                continue
            path = present[0]
            fmt = "parquet" if path.suffix == ".parquet" else "csv"
            try:
                columns = tuple(
                    row[0] for row in con.execute(f"describe select * from {_reader(path, fmt)}").fetchall()
                )
            except duckdb.Error as exc:
                problems.append(f"{name}: cannot read {path.name}: {str(exc).splitlines()[0]}")
                continue
            missing = [c for c in table.column_names if c not in columns]
            if missing:
                problems.append(f"{name}: {path.name} lacks column(s) {', '.join(missing)}")
                continue
            found[name] = RawFile(name, path, fmt, columns)
    finally:
        con.close()
    if problems:
        raise RawDataError(
            "the raw data folder does not match the contract (docs/raw_contract.md):\n  - "
            + "\n  - ".join(problems)
        )
    return found


def _select_as_text(raw: RawFile, text_type: str = "varchar") -> str:
    cols = ", ".join(f'cast("{c}" as {text_type}) as "{c}"' for c in contract()[raw.table].column_names)
    return f"select {cols} from {_reader(raw.path, raw.fmt)}"


def load_duckdb(raw_dir: str | Path, database: str | Path, schema: str = "raw") -> dict[str, int]:
    files = inspect_folder(raw_dir)
    counts: dict[str, int] = {}
    con = duckdb.connect(str(database))
    try:
        con.execute(f'create schema if not exists "{schema}"')
        for name, raw in files.items():
            con.execute(f'create or replace table "{schema}"."{name}" as {_select_as_text(raw)}')
            counts[name] = con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0]
    finally:
        con.close()
    return counts


def postgres_settings() -> dict[str, str]:
    """Connection settings, from the same variables as profiles.yml."""
    return {
        "host": os.environ.get("CX_PG_HOST", "localhost"),
        "port": os.environ.get("CX_PG_PORT", "5432"),
        "user": os.environ.get("CX_PG_USER", "postgres"),
        "password": os.environ.get("CX_PG_PASSWORD", ""),
        "dbname": os.environ.get("CX_PG_DBNAME", "cx_metrics"),
    }


def load_postgres(raw_dir: str | Path, schema: str = "raw") -> dict[str, int]:
    import psycopg2

    files = inspect_folder(raw_dir)
    counts: dict[str, int] = {}
    conn = psycopg2.connect(**postgres_settings())
    staging = duckdb.connect()
    try:
        with conn, conn.cursor() as cur, tempfile.TemporaryDirectory() as tmp:
            cur.execute(f'create schema if not exists "{schema}"')
            for name, raw in files.items():
                columns = contract()[name].column_names
                # DuckDB writes the contract columns, in order, as CSV; COPY
                # streams that file into the server.
                csv_path = Path(tmp) / f"{name}.csv"
                staging.execute(
                    f"copy ({_select_as_text(raw)}) to '{csv_path}' (header, delimiter ',', quote '\"')"
                )
                cur.execute(f'drop table if exists "{schema}"."{name}"')
                cur.execute(
                    f'create table "{schema}"."{name}" (' + ", ".join(f'"{c}" text' for c in columns) + ")"
                )
                with open(csv_path, encoding="utf-8") as handle:
                    cur.copy_expert(
                        f'copy "{schema}"."{name}" from stdin with (format csv, header true)', handle
                    )
                cur.execute(f'select count(*) from "{schema}"."{name}"')
                counts[name] = cur.fetchone()[0]
    finally:
        staging.close()
        conn.close()
    return counts


def load_spark(raw_dir: str | Path, schema: str = "raw") -> dict[str, int]:
    from cx_metrics.dbt_runner import describe, run_dbt

    files = inspect_folder(raw_dir)
    tables = {
        name: {"path": str(raw.path.resolve()), "format": raw.fmt, "columns": contract()[name].column_names}
        for name, raw in files.items()
    }
    args = json.dumps({"tables": tables, "schema": schema})
    result = run_dbt(["run-operation", "cx_load_raw_files", "--args", args], target="spark", log_name="load")
    if not result.ok:
        raise RawDataError("loading the raw files into Spark failed:\n" + describe(result))
    counts: dict[str, int] = {}
    for line in result.log_path.read_text(encoding="utf-8").splitlines():
        if "cx_loaded " in line:
            name, count = line.split("cx_loaded ", 1)[1].split()
            counts[name] = int(count)
    return counts
