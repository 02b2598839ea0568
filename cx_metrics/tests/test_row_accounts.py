"""The model raw_row_accounts on a folder whose fate is known line by line,
and the no-loss test that reads it, shown to fail when a raw row goes
missing after the load."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from cx_metrics.dbt_runner import run_dbt
from cx_metrics.tests.conftest import EXAMPLE_RAW, build_warehouse, query, warehouse_settings


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """examples/raw_minimal, whose 6 tickets all stage, plus in tickets.csv:
    an older extract of T1, a ticket with an unreadable created_at, a blank
    line, a ragged row and a Latin-1 line."""
    workdir = tmp_path_factory.mktemp("accounts")
    raw = workdir / "raw"
    shutil.copytree(EXAMPLE_RAW, raw)
    lines = (raw / "tickets.csv").read_bytes().rstrip(b"\n").split(b"\n")
    t1 = lines[1]
    older_t1 = t1.replace(b"2025-03-10 12:00:00", b"2025-03-10 09:00:00")
    unreadable = t1.replace(b"T1,", b"T90,", 1).replace(b"2025-03-10 08:15:00", b"soon")
    assert older_t1 != t1 and b"soon" in unreadable
    extra = [older_t1, unreadable, b"", b"T91,C1,email", b"T92,C1,t\xe9l\xe9phone,inbound"]
    (raw / "tickets.csv").write_bytes(b"\n".join(lines + extra) + b"\n")
    build_warehouse(raw, workdir)
    return workdir


def test_every_line_of_the_tickets_file_has_its_row(workdir):
    rows = query(
        workdir / "warehouse.duckdb",
        """
        select outcome, reason, n_rows, n_lines, table_file_lines, table_header_lines, table_blank_lines,
               table_rows_loaded, table_row_lines, table_rejected_lines, table_raw_rows
        from analytics_staging.raw_row_accounts
        where raw_table = 'helpdesk.tickets'
        order by outcome, reason
        """,
    )
    table = (12, 1, 1, 8, 8, 2, 8)  # lines, header, blank, loaded, row lines, rejected lines, raw rows
    assert rows == [
        ("duplicate", "none", 1, None, *table),
        ("quarantined", "invalid_timestamp", 1, None, *table),
        ("rejected", "field_count", 1, 1, *table),
        ("rejected", "not_utf8", 1, 1, *table),
        ("staged", "none", 6, None, *table),
    ]


def test_the_no_loss_test_fails_when_a_raw_row_goes_missing_after_the_load(workdir):
    cfg = warehouse_settings(workdir)
    con = duckdb.connect(str(cfg.duckdb_path))
    con.execute(f"delete from {cfg.schema_for('raw')}.tickets where ticket_id = 'T2'")
    con.close()
    result = run_dbt(["build"], cfg, log_name="pytest_no_loss")
    assert not result.ok
    assert [(name.split(".")[2], status) for name, status, _ in result.failures] == [
        ("assert_no_raw_row_lost", "fail")
    ]
    # the books name the table and the counts that disagree: 8 rows loaded, 7 in the raw table
    assert query(
        cfg.duckdb_path,
        "select max(table_rows_loaded), max(table_raw_rows) from analytics_staging.raw_row_accounts"
        " where raw_table = 'helpdesk.tickets'",
    ) == [(8, 7)]
