"""Shared fixtures: a DuckDB warehouse built by dbt from a folder of raw
files, in a temporary folder so tests never touch the user's database."""

from __future__ import annotations

import hashlib
import os
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Callable

import duckdb
import pytest

from cx_metrics.contract import PROJECT_ROOT
from cx_metrics.settings import Settings, settings

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE_RAW = PROJECT_ROOT / "examples" / "raw_minimal"
# The pseudonymisation key of the test warehouses: new for every pytest
# process (this module is imported twice, as pytest's conftest and by tests),
# so a test can look for it in the files a build leaves behind.
PSEUDONYM_TEST_KEY = f"cx-metrics-pytest-key-{os.getpid()}"


def warehouse_settings(workdir: Path) -> Settings:
    """Settings for a DuckDB warehouse of its own under `workdir`."""
    return replace(
        settings().with_target("duckdb"),
        duckdb_path=workdir / "warehouse.duckdb",
        target_path_override=workdir / "target",
        pseudonym_key=PSEUDONYM_TEST_KEY,
    )


# The characters cx_trim takes from either edge of a text: Unicode's space
# separators (category Zs), all in the Basic Multilingual Plane.
SPACE_SEPARATORS = "".join(c for c in map(chr, range(0x10000)) if unicodedata.category(c) == "Zs")


def pseudonym(text: str, key: str = PSEUDONYM_TEST_KEY) -> str:
    """What cx_pseudonymise gives for `text`: SHA-256 of the key followed by
    the text trimmed of space separators with A-Z lowered."""
    normalised = text.strip(SPACE_SEPARATORS).translate(str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"))
    return hashlib.sha256((key + normalised).encode("utf-8")).hexdigest()


def build_warehouse(raw_dir: Path, workdir: Path, select: list[str] | None = None) -> Path:
    """Load `raw_dir` into a new DuckDB file under `workdir` and run dbt build
    on it; fail the test with dbt's own words if the build fails."""
    from cx_metrics.dbt_runner import run_dbt
    from cx_metrics.load import load

    cfg = warehouse_settings(workdir)
    load(raw_dir, cfg)
    args = ["build"] + (["--select", *select] if select else [])
    result = run_dbt(args, cfg, log_name=f"pytest_{workdir.name}")
    assert result.ok, result.describe()
    return cfg.duckdb_path


def text_probe(workdir: Path, select: str) -> Callable[[list[str | None]], list[tuple]]:
    """Compile `select`, SQL with Jinja over a table `probe.texts` of
    (id, s), once; return a function running it on DuckDB over a list of
    texts, giving (text, *the other columns) per text in the list's order.
    `select` must return the probe's id first."""
    from cx_metrics.dbt_runner import run_dbt

    result = run_dbt(["compile", "--inline", select], warehouse_settings(workdir), log_name=f"pytest_{workdir.name}")
    assert result.ok and result.compiled_code, result.describe()
    sql = result.compiled_code

    def run(texts: list[str | None]) -> list[tuple]:
        con = duckdb.connect()
        try:
            con.execute("create schema probe")
            con.execute("create table probe.texts (id integer, s varchar)")
            con.executemany("insert into probe.texts values (?, ?)", list(enumerate(texts)))
            rows = sorted(con.execute(sql).fetchall())
        finally:
            con.close()
        return [(texts[row[0]], *row[1:]) for row in rows]

    return run


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
