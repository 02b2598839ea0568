"""The main job pointed at a folder of hand-written CSVs (the one documented
setting, CX_RAW_DIR), and its errors on a folder that breaks the contract."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import duckdb

from cx_metrics.contract import PROJECT_ROOT
from cx_metrics.tests.conftest import EXAMPLE_RAW, FIXTURES, query


def _run(tmp_path, raw_dir):
    env = {
        **{k: v for k, v in os.environ.items() if k != "CX_PSEUDONYM_KEY"},
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
    # no CX_PSEUDONYM_KEY: the development key is used, and the person is told
    assert "warning: CX_PSEUDONYM_KEY is not set: email addresses are pseudonymised with the public development key" in result.stdout
    database = tmp_path / "run.duckdb"
    assert query(database, "select count(*) from analytics_staging.stg_helpdesk__tickets") == [(6,)]
    assert query(database, "select count(*) from analytics_staging.stg_crm__contacts") == [(3,)]
    assert (tmp_path / "target" / "data_docs" / "index.html").exists()
    # the summary names every raw table
    for table in ("helpdesk.tickets", "crm.contacts", "survey.responses", "billing.marketing_spend"):
        assert table in result.stdout
    # and ends with the service-desk metrics of the last full month (the example's tickets are of March 2025)
    assert "First response time, February 2025" in result.stdout
    assert "SLA targets met, February 2025" in result.stdout


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


def _cli(tmp_path, *args, **env):
    full_env = {
        **os.environ,
        "CX_DUCKDB_PATH": str(tmp_path / "run.duckdb"),
        "DBT_TARGET_PATH": str(tmp_path / "target"),
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "cx_metrics", *args], cwd=PROJECT_ROOT, env=full_env, capture_output=True, text=True
    )


def test_run_exits_1_when_more_is_quarantined_than_the_setting_allows(tmp_path):
    """The defect fixture quarantines a large share of several tables: built,
    but validation found problems."""
    result = _cli(tmp_path, "run", CX_RAW_DIR=str(FIXTURES / "raw_defects"), CX_MAX_QUARANTINE_SHARE="0.05")
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-3000:]
    assert "quarantine_share" in result.stdout
    assert "built, but validation found problems (exit 1)" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_build_refuses_a_raw_schema_whose_last_load_did_not_finish(tmp_path):
    assert _cli(tmp_path, "load", "--raw-dir", str(EXAMPLE_RAW)).returncode == 0
    con = duckdb.connect(str(tmp_path / "run.duckdb"))
    con.execute("update analytics_raw.cx_load_state set state = 'swapping'")
    con.close()
    result = _cli(tmp_path, "build")
    assert result.returncode == 2
    assert "The last load of the raw schema `analytics_raw` did not finish (state: swapping)" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_bad_setting_is_one_line_and_exit_2(tmp_path):
    result = _cli(tmp_path, "run", CX_MAX_QUARANTINE_SHARE="ten percent")
    assert result.returncode == 2
    assert result.stderr.strip() == "error: setting: CX_MAX_QUARANTINE_SHARE='ten percent' is not a number"
    assert "Traceback" not in result.stdout + result.stderr


def test_a_missing_raw_folder_is_one_line_and_exit_2(tmp_path):
    result = _cli(tmp_path, "load", "--raw-dir", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "raw data folder not found" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
