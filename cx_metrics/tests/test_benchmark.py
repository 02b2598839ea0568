"""The benchmark's own logic, without building anything: which steps a run
takes and what its summary prints. The figures themselves are measured by
`make bench`, never asserted."""

from __future__ import annotations

from pathlib import Path

import pytest

from cx_metrics import benchmark


def test_a_missing_raw_folder_is_refused_before_any_step(tmp_path, capsys):
    workdir = tmp_path / "work"
    with pytest.raises(SystemExit) as stopped:
        benchmark.main(["--raw-dir", str(tmp_path / "nowhere"), "--workdir", str(workdir)])
    assert stopped.value.code == 2
    assert "no such folder" in capsys.readouterr().err
    assert not workdir.exists()


def test_a_spark_summary_gives_the_full_build_and_no_incremental_day(capsys):
    measured = {
        "generate": {"seconds": 20.0, "peak_mb": 556.0, "code": 0},
        "load": {"seconds": 40.0, "peak_mb": 171.0, "code": 0},
        "dbt build": {"seconds": 1350.0, "peak_mb": 184.0, "code": 0},
    }
    benchmark.print_summary(measured, None, None, Path("unused"), 3)
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:4] == ["all", "steps", "1410.0", "556"]
    assert "full build (load, then every model with its data tests): 1390.0 s, peak 184 MB" in out
    assert "incremental day" not in out


def test_the_slowest_nodes_and_each_layers_time_come_from_the_steps_run_results(tmp_path, capsys):
    (tmp_path / "run_results_dbt_build.json").write_text(
        '{"results": ['
        '{"unique_id": "model.cx_metrics.base_helpdesk__tickets", "execution_time": 1.5},'
        '{"unique_id": "model.cx_metrics.int_tickets_clocked", "execution_time": 30.25},'
        '{"unique_id": "model.cx_metrics.quarantine_helpdesk__tickets", "execution_time": 0.5},'
        '{"unique_id": "model.cx_metrics.fct_tickets", "execution_time": 2.0},'
        '{"unique_id": "test.cx_metrics.unique_fct_tickets_ticket_id.1a2b3c", "execution_time": 4.0}]}',
        encoding="utf-8",
    )
    benchmark.slowest_nodes(tmp_path, "dbt build", "1", count=2)
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == "dbt build: 5 nodes, 38.2 s of node time (1 threads)"
    assert lines[1].strip() == "by layer: staging 2.0 s, intermediate 30.2 s, marts 2.0 s, test 4.0 s"
    assert [line.split()[-1] for line in lines[3:]] == ["int_tickets_clocked", "unique_fct_tickets_ticket_id.1a2b3c"]
