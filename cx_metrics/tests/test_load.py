"""The loader: files checked against the contract, every column loaded as
text, CSV and Parquet alike."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from cx_metrics.contract import contract
from cx_metrics.generate import generate
from cx_metrics.load import RawDataError, inspect_folder, load_duckdb
from cx_metrics.tests.conftest import EXAMPLE_RAW


def _tables(database):
    con = duckdb.connect(str(database), read_only=True)
    try:
        out = {}
        for name in contract():
            out[name] = con.execute(f"select * from raw.{name} order by all").fetchall()
            types = {t for (t,) in con.execute(
                "select data_type from information_schema.columns where table_schema = 'raw' and table_name = ?",
                [name],
            ).fetchall()}
            assert types == {"VARCHAR"}, (name, types)
        return out
    finally:
        con.close()


def test_csv_and_parquet_load_the_same_text(tmp_path):
    generate(tmp_path / "csv", tickets=300, seed=3, fmt="csv")
    generate(tmp_path / "parquet", tickets=300, seed=3, fmt="parquet")
    counts_csv = load_duckdb(tmp_path / "csv", tmp_path / "a.duckdb")
    counts_parquet = load_duckdb(tmp_path / "parquet", tmp_path / "b.duckdb")
    assert counts_csv == counts_parquet
    assert set(counts_csv) == set(contract())
    assert _tables(tmp_path / "a.duckdb") == _tables(tmp_path / "b.duckdb")


def test_extra_columns_are_ignored_and_order_does_not_matter(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(EXAMPLE_RAW, raw)
    con = duckdb.connect()
    # reverse the column order and add a column the contract does not know
    columns = contract()["tickets"].column_names
    con.execute(
        f"copy (select 'x' as export_batch, {', '.join(reversed(columns))} "
        f"from read_csv('{EXAMPLE_RAW / 'tickets.csv'}', all_varchar = true)) to '{raw / 'tickets.csv'}' (header)"
    )
    con.close()
    found = inspect_folder(raw)
    assert found["tickets"].extra_columns == ["export_batch"]
    load_duckdb(raw, tmp_path / "w.duckdb")
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    assert [c for (c,) in con.execute("select column_name from information_schema.columns "
                                      "where table_name = 'tickets' order by ordinal_position").fetchall()] == columns
    assert con.execute("select created_at from raw.tickets where ticket_id = 'T2'").fetchall() == [
        ("2025-03-10T10:15:00+02:00",)
    ]
    con.close()


def test_every_problem_is_reported_at_once(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(EXAMPLE_RAW, raw)
    (raw / "contacts.csv").unlink()
    shutil.copy(raw / "tickets.csv", raw / "tickets.parquet")  # two files for one table
    (raw / "responses.csv").write_text("response_id,score\nR1,5\n", encoding="utf-8")
    with pytest.raises(RawDataError) as excinfo:
        inspect_folder(raw)
    message = str(excinfo.value)
    assert "contacts: no file" in message
    assert "tickets: several files (tickets.parquet, tickets.csv)" in message
    assert "responses: responses.csv lacks column(s) survey_type" in message


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(RawDataError, match="raw data folder not found"):
        inspect_folder(tmp_path / "nowhere")
