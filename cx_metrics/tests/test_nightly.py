"""The scheduled job: `python -m cx_metrics nightly` on the files a loader
landed (CX_RAW_DIR), with its exit codes and its run log."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from cx_metrics.contract import PROJECT_ROOT
from cx_metrics.tests.conftest import EXAMPLE_RAW, query


def _nightly(tmp_path, raw_dir=None, *args):
    env = {k: v for k, v in os.environ.items() if k not in ("CX_PSEUDONYM_KEY", "CX_RAW_DIR")}
    env.update({"CX_DUCKDB_PATH": str(tmp_path / "nightly.duckdb"), "DBT_TARGET_PATH": str(tmp_path / "target")})
    if raw_dir:
        env["CX_RAW_DIR"] = str(raw_dir)
    return subprocess.run(
        [sys.executable, "-m", "cx_metrics", "nightly", *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True
    )


def test_nightly_without_landed_files_says_so_and_exits_2(tmp_path):
    result = _nightly(tmp_path)
    assert result.returncode == 2
    assert "set CX_RAW_DIR" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_an_append_with_no_complete_load_before_it_exits_2_and_says_why(tmp_path):
    result = _nightly(tmp_path, EXAMPLE_RAW, "--append")
    assert result.returncode == 2
    assert "Appending the raw files" in result.stdout
    assert "cannot append: the raw schema has no table" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_stale_sources_build_but_exit_1_and_the_run_log_holds_every_step(tmp_path):
    # the example's raw data are of March 2025: far past error_after (7 days)
    result = _nightly(tmp_path, EXAMPLE_RAW)
    out = result.stdout
    assert result.returncode == 1, out[-3000:] + result.stderr[-3000:]
    assert re.search(r"error helpdesk\.tickets: latest updated_at 2025-03-\d\d \d\d:\d\d UTC, [\d.]+ days old", out)
    assert "dbt build on duckdb, incremental" in out
    assert "Great Expectations validation" in out
    # built all the same
    assert query(tmp_path / "nightly.duckdb", "select count(*) from analytics_staging.stg_helpdesk__tickets") == [(6,)]
    log = re.search(r"run log (logs/nightly_duckdb_\d{8}T\d{6}Z\.log)", out)
    assert log, out[-500:]
    text = (PROJECT_ROOT / log.group(1)).read_text(encoding="utf-8")
    for step in ("Loading the raw files", "Source freshness", "dbt build on duckdb", "cx_metrics nightly: exit 1"):
        assert step in text
