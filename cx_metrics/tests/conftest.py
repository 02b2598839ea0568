"""Shared fixtures: a DuckDB warehouse built by dbt from a folder of raw
files, in a temporary folder so tests never touch the user's database."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from cx_metrics.contract import PROJECT_ROOT

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE_RAW = PROJECT_ROOT / "examples" / "raw_minimal"


def build_warehouse(raw_dir: Path, workdir: Path, select: list[str] | None = None) -> Path:
    """Load `raw_dir` into a new DuckDB file under `workdir` and run dbt build
    on it; fail the test with dbt's own words if the build fails."""
    from cx_metrics.dbt_runner import describe, run_dbt
    from cx_metrics.load import load_duckdb

    database = workdir / "warehouse.duckdb"
    load_duckdb(raw_dir, database)
    env = {"CX_DUCKDB_PATH": str(database), "DBT_TARGET_PATH": str(workdir / "target")}
    previous = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        args = ["build"] + (["--select", *select] if select else [])
        result = run_dbt(args, target="duckdb", log_name=f"pytest_{workdir.name}")
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    assert result.ok, describe(result)
    return database


@pytest.fixture(scope="session")
def defects_warehouse(tmp_path_factory) -> Path:
    """The hand-written fixture holding every defect kind, built by dbt."""
    workdir = tmp_path_factory.mktemp("defects")
    return build_warehouse(FIXTURES / "raw_defects", workdir)


def query(database: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
