"""The loader: files checked against the contract, every column loaded as
text, CSV and Parquet alike."""

from __future__ import annotations

import csv
import shutil
from dataclasses import replace

import duckdb
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cx_metrics import csv_scan
from cx_metrics.contract import PROJECT_ROOT, contract
from cx_metrics.generate import generate
from cx_metrics.load import RawDataError, inspect_folder, load, load_duckdb
from cx_metrics.settings import settings
from cx_metrics.tests.conftest import EXAMPLE_RAW, FIXTURES


def _tables(database):
    con = duckdb.connect(str(database), read_only=True)
    try:
        out = {}
        for name in contract():
            out[name] = con.execute(f"select * from analytics_raw.{name} order by all").fetchall()
            types = {t for (t,) in con.execute(
                "select data_type from information_schema.columns where table_schema = 'analytics_raw' and table_name = ?",
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
    assert con.execute("select created_at from analytics_raw.tickets where ticket_id = 'T2'").fetchall() == [
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


# --------------------------------------------------------------------------
# Every line accounted for; loads all or nothing
# --------------------------------------------------------------------------


def _copy_example(tmp_path, name="raw"):
    raw = tmp_path / name
    shutil.copytree(EXAMPLE_RAW, raw)
    return raw


def _lines(path):
    return path.read_bytes().split(b"\n")


def _write_lines(path, lines):
    path.write_bytes(b"\n".join(lines) + b"\n")


def _settings(tmp_path, database="w.duckdb"):
    return replace(settings().with_target("duckdb"), duckdb_path=tmp_path / database)


def _raw_rows(database, sql):
    con = duckdb.connect(str(database), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _tickets_with_numeric_ids(raw, n=20, odd_id="#1005"):
    """A tickets file whose ids are numbers, one of them written `#1005`."""
    header, first = _lines(raw / "tickets.csv")[:2]
    rows = [first.replace(b"T1,", f"{1000 + i},".encode(), 1) for i in range(n)]
    rows[5] = first.replace(b"T1,", f"{odd_id},".encode(), 1)
    _write_lines(raw / "tickets.csv", [header, *rows])


def test_a_hash_in_an_id_is_a_value_not_a_comment(tmp_path):
    raw = _copy_example(tmp_path)
    _tickets_with_numeric_ids(raw)
    report = load(raw, _settings(tmp_path))
    tickets = report.files["tickets"]
    assert (tickets.file_lines, tickets.rows_loaded, tickets.rejected_lines) == (21, 20, 0)
    assert _raw_rows(tmp_path / "w.duckdb", "select count(*) from analytics_raw.tickets where ticket_id = '#1005'") == [(1,)]


def _big_file_with_a_bad_line(raw, table, rows, bad_at, bad_line):
    """`table` grown to `rows` rows by copying its first row with new ids; the
    physical line `bad_at` (1 is the header) replaced by `bad_line`."""
    header, first = _lines(raw / f"{table}.csv")[:2]
    key = first.split(b",", 1)[0]
    lines = [header] + [first.replace(key + b",", key + str(i).encode() + b",", 1) for i in range(rows)]
    lines[bad_at - 1] = bad_line
    _write_lines(raw / f"{table}.csv", lines)


def test_bad_lines_far_into_two_files_are_rejected_and_the_rest_loads(tmp_path):
    raw = _copy_example(tmp_path)
    # tickets load before ticket_messages; each has one bad line past row 30,000
    _big_file_with_a_bad_line(raw, "tickets", 30_100, 30_050, b"T999,C1,email,\xe9\xe8,question")
    _big_file_with_a_bad_line(raw, "ticket_messages", 30_200, 30_150, b"M999,T1,public_reply")
    report = load(raw, _settings(tmp_path))
    tickets, messages = report.files["tickets"], report.files["ticket_messages"]
    assert (tickets.file_lines, tickets.rows_loaded, tickets.rejected_lines) == (30_101, 30_099, 1)
    assert (messages.file_lines, messages.rows_loaded, messages.rejected_lines) == (30_201, 30_199, 1)
    rejects = _raw_rows(
        tmp_path / "w.duckdb",
        "select table_name, line_number, reason, detail, raw_text from analytics_raw.cx_load_rejects order by table_name",
    )
    assert rejects[0][:3] == ("ticket_messages", 30_150, "field_count")
    assert rejects[0][4] == "M999,T1,public_reply"
    assert rejects[1][:3] == ("tickets", 30_050, "not_utf8")
    assert "not UTF-8: byte 0xE9 on line 30050" in rejects[1][3]
    assert rejects[1][4] == "T999,C1,email,\\xe9\\xe8,question"
    files = dict(_raw_rows(tmp_path / "w.duckdb", "select table_name, rows_loaded from analytics_raw.cx_load_files"))
    assert files["tickets"] == 30_099 and files["ticket_messages"] == 30_199


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (b"T9,C1,email,inbound", "field_count"),  # short row
        (b"T9,C1,email,inbound,question,billing,normal,solved,support_emea,A1,answered,false,false,,false,"
         b"2025-03-10 08:15:00,2025-03-10 12:00:00,2025-03-10 11:00:00,surplus", "field_count"),  # long row
        (b'T9,C1,"email', "unterminated_quote"),
        (b'T9,C1,"em"ail,inbound', "bad_quoting"),
        (b"T9,C1,t\xe9l\xe9phone,inbound", "not_utf8"),
    ],
    ids=["short row", "long row", "unterminated quote", "text after a closing quote", "Latin-1 bytes"],
)
def test_an_unreadable_line_is_rejected_with_its_reason_and_the_lines_after_it_load(tmp_path, bad, reason):
    raw = _copy_example(tmp_path)
    lines = _lines(raw / "tickets.csv")[:-1]
    _write_lines(raw / "tickets.csv", [*lines[:3], bad, *lines[3:]])
    report = load(raw, _settings(tmp_path))
    tickets = report.files["tickets"]
    assert [(r.line, r.lines, r.reason) for r in tickets.rejects] == [(4, 1, reason)]
    assert tickets.rows_loaded == len(lines) - 1
    assert tickets.file_lines == 1 + tickets.rows_loaded + 1


def test_a_quoted_value_over_two_lines_is_one_row(tmp_path):
    raw = _copy_example(tmp_path)
    lines = _lines(raw / "tickets.csv")[:-1]
    two_lines = lines[1].replace(b"billing", b'"bill\r\ning"', 1)
    _write_lines(raw / "tickets.csv", [lines[0], two_lines, *lines[2:], b""])  # and a blank last line
    report = load(raw, _settings(tmp_path))
    tickets = report.files["tickets"]
    assert (tickets.file_lines, tickets.rows_loaded, tickets.blank_lines, tickets.rejects) == (9, 6, 1, [])
    assert _raw_rows(tmp_path / "w.duckdb", "select category from analytics_raw.tickets where ticket_id = 'T1'") == [
        ("bill\r\ning",)
    ]


def test_a_line_longer_than_the_limit_is_rejected_without_reading_it_whole(tmp_path):
    raw = _copy_example(tmp_path)
    lines = _lines(raw / "tickets.csv")[:-1]
    _write_lines(raw / "tickets.csv", [*lines[:2], b"T9," + b"x" * 5000, *lines[2:]])
    report = load(raw, replace(_settings(tmp_path), max_line_bytes=2048))
    assert [(r.line, r.reason) for r in report.files["tickets"].rejects] == [(3, "line_too_long")]


def test_a_header_that_is_not_utf8_names_the_encoding(tmp_path):
    raw = _copy_example(tmp_path)
    lines = _lines(raw / "tickets.csv")
    _write_lines(raw / "tickets.csv", [lines[0].replace(b"category", b"cat\xe9gorie"), *lines[1:-1]])
    with pytest.raises(RawDataError, match=r"tickets: tickets.csv, line 1: the header is not UTF-8 \(byte 0xE9"):
        inspect_folder(raw)


def test_a_file_that_is_not_a_csv_is_reported_as_such(tmp_path):
    raw = _copy_example(tmp_path)
    (raw / "tickets.csv").write_bytes(b"")
    (raw / "phone_calls.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(RawDataError) as excinfo:
        inspect_folder(raw)
    message = str(excinfo.value)
    assert "tickets: tickets.csv, the file is empty" in message
    assert "phone_calls: phone_calls.csv, line 1: the header is not UTF-8" in message
    assert "lacks" not in message


def _corrupt_parquet(path, table):
    """A Parquet file of `table` whose footer reads but whose data pages do not."""
    columns = contract()[table].column_names
    select = ", ".join(f"md5(range::varchar || '{c}') as {c}" for c in columns)
    con = duckdb.connect()
    con.execute(f"copy (select {select} from range(200000)) to '{path}' (format parquet)")
    con.close()
    data = bytearray(path.read_bytes())
    middle = len(data) // 3
    data[middle : middle + 2000] = bytes(range(256)) * 7 + bytes(208)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("folder", [EXAMPLE_RAW, FIXTURES / "raw_defects"], ids=["examples", "defect fixture"])
def test_a_load_that_fails_midway_leaves_the_previous_load_whole(tmp_path, folder):
    cfg = _settings(tmp_path)
    first = load(folder, cfg)
    before = {name: _raw_rows(cfg.duckdb_path, f"select * from analytics_raw.{name} order by all") for name in contract()}
    state_before = _raw_rows(cfg.duckdb_path, "select load_id, state from analytics_raw.cx_load_state")

    broken = tmp_path / "broken"
    shutil.copytree(EXAMPLE_RAW, broken)
    # the first tables load, then the last one (marketing_spend) cannot be read
    (broken / "marketing_spend.csv").unlink()
    _corrupt_parquet(broken / "marketing_spend.parquet", "marketing_spend")
    with pytest.raises(RawDataError) as excinfo:
        load(broken, cfg)
    message = str(excinfo.value)
    assert "marketing_spend" in message and "the previous raw data is unchanged" in message

    after = {name: _raw_rows(cfg.duckdb_path, f"select * from analytics_raw.{name} order by all") for name in contract()}
    assert after == before
    assert _raw_rows(cfg.duckdb_path, "select load_id, state from analytics_raw.cx_load_state") == state_before
    assert state_before == [(first.load_id, "complete")]


def test_reject_reasons_are_the_seeds(tmp_path):
    with open(PROJECT_ROOT / "seeds" / "load_reject_reasons.csv", encoding="utf-8") as handle:
        codes = {row["reason_code"] for row in csv.DictReader(handle)}
    assert codes == set(csv_scan.REJECT_REASONS)


@given(st.lists(st.text(alphabet='ab,"\r\n\xe9', max_size=12), min_size=1, max_size=30))
@hypothesis_settings(max_examples=150, deadline=None)
def test_every_line_of_any_file_lands_in_exactly_one_place(tmp_path_factory, values):
    """Whatever the bytes, header + blank + row lines + rejected lines =
    the file's lines, and a clean copy holds exactly the rows read."""
    path = tmp_path_factory.mktemp("scan") / "f.csv"
    body = "\n".join(values).encode("utf-8").replace(b"\xc3\xa9", b"\xe9")  # some lines not UTF-8
    path.write_bytes(b"a,b\n" + body)
    result = csv_scan.scan(path, 1 << 20)
    assert result.balanced
    clean = path.with_name("clean.csv")
    csv_scan.write_clean_copy(result, clean, 1 << 20)
    con = duckdb.connect()
    try:
        read = con.execute(
            f"select count(*) from read_csv('{clean}', header = true, auto_detect = false, "
            "columns = {'a': 'VARCHAR', 'b': 'VARCHAR'}, delim = ',', quote = '\"', escape = '\"', "
            "comment = '', strict_mode = false, null_padding = false)"
        ).fetchone()[0]
    finally:
        con.close()
    assert read == result.rows


def test_an_append_adds_its_rows_and_its_files_to_the_last_complete_load(tmp_path):
    cfg = _settings(tmp_path)
    first = load(EXAMPLE_RAW, cfg)
    before = {name: _raw_rows(cfg.duckdb_path, f"select * from analytics_raw.{name} order by all") for name in contract()}
    changed = tmp_path / "changed"
    changed.mkdir()
    header, first_ticket = _lines(EXAMPLE_RAW / "tickets.csv")[:2]
    newer = first_ticket.replace(b"2025-03-10 12:00:00", b"2025-03-11 09:00:00")
    # an update of T1, one line the dialect cannot read, and nothing else
    (changed / "tickets.csv").write_bytes(b"\n".join([header, newer, b'T9,C1,"email', b""]))

    report = load(changed, cfg, append=True)

    assert set(report.files) == {"tickets"}
    assert (report.files["tickets"].rows_loaded, report.files["tickets"].rejected_lines) == (1, 1)
    after = {name: _raw_rows(cfg.duckdb_path, f"select * from analytics_raw.{name} order by all") for name in contract()}
    assert {name: rows for name, rows in after.items() if name != "tickets"} == {
        name: rows for name, rows in before.items() if name != "tickets"}
    # the older extract stays beside the newer one; staging ranks them
    assert len(after["tickets"]) == len(before["tickets"]) + 1
    assert _raw_rows(cfg.duckdb_path, "select updated_at from analytics_raw.tickets where ticket_id = 'T1' order by all") == [
        ("2025-03-10 12:00:00",), ("2025-03-11 09:00:00",)]
    files = _raw_rows(cfg.duckdb_path,
                      "select load_id, rows_loaded from analytics_raw.cx_load_files where table_name = 'tickets' order by all")
    assert sorted(files) == sorted([(first.load_id, len(before["tickets"])), (report.load_id, 1)])
    rejects = _raw_rows(cfg.duckdb_path, "select load_id, table_name, reason from analytics_raw.cx_load_rejects")
    assert rejects == [(report.load_id, "tickets", "unterminated_quote")]
    assert _raw_rows(cfg.duckdb_path, "select load_id, state from analytics_raw.cx_load_state") == [
        (report.load_id, "complete")]


def test_an_append_before_any_complete_load_is_refused_and_writes_nothing(tmp_path):
    cfg = _settings(tmp_path)
    with pytest.raises(RawDataError, match="cannot append: the raw schema has no table .*load a complete snapshot first"):
        load(EXAMPLE_RAW, cfg, append=True)
    assert _raw_rows(cfg.duckdb_path, "select table_name from information_schema.tables") == []


def test_an_append_of_a_folder_without_a_raw_file_is_refused(tmp_path):
    cfg = _settings(tmp_path)
    load(EXAMPLE_RAW, cfg)
    (tmp_path / "empty").mkdir()
    with pytest.raises(RawDataError, match="no file of any raw table"):
        load(tmp_path / "empty", cfg, append=True)


def test_an_append_on_spark_is_refused_before_reading_anything(tmp_path):
    with pytest.raises(RawDataError, match="cannot append on Spark"):
        load(tmp_path / "no such folder", settings().with_target("spark"), append=True)
