"""The main job pointed at a folder of hand-written CSVs (the one documented
setting, CX_RAW_DIR), and its errors on a folder that breaks the contract."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from cx_metrics.contract import PROJECT_ROOT
from cx_metrics.tests.conftest import EXAMPLE_RAW, query


def _run(tmp_path, raw_dir):
    env = {
        **os.environ,
        "CX_RAW_DIR": str(raw_dir),
        "CX_DUCKDB_PATH": str(tmp_path / "run.duckdb"),
        "DBT_TARGET_PATH": str(tmp_path / "target"),
    }
    return subprocess.run(
        [sys.executable, "-m", "cx_metrics", "run"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True
    )


def test_run_builds_from_hand_written_csvs(tmp_path):
    result = _run(tmp_path, EXAMPLE_RAW)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "building from your raw files" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    database = tmp_path / "run.duckdb"
    assert query(database, "select count(*) from analytics.stg_helpdesk__tickets") == [(6,)]
    assert query(database, "select count(*) from analytics.stg_crm__contacts") == [(3,)]
    assert (tmp_path / "target" / "data_docs" / "index.html").exists()
    # the summary names every raw table
    for table in ("helpdesk.tickets", "crm.contacts", "survey.responses", "billing.marketing_spend"):
        assert table in result.stdout


def test_run_reports_a_folder_that_breaks_the_contract(tmp_path):
    raw_dir = tmp_path / "raw"
    shutil.copytree(EXAMPLE_RAW, raw_dir)
    (raw_dir / "phone_calls.csv").unlink()
    tickets = (raw_dir / "tickets.csv").read_text(encoding="utf-8").replace("priority,", "urgency,", 1)
    (raw_dir / "tickets.csv").write_text(tickets, encoding="utf-8")
    result = _run(tmp_path, raw_dir)
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert "phone_calls: no file" in result.stderr
    assert "tickets: tickets.csv lacks column(s) priority" in result.stderr
