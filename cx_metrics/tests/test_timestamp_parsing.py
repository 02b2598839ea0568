"""DuckDB reads the common timestamp forms through a fast path
(duckdb__cx_parse_timestamp); PostgreSQL and Spark, and every other form on
DuckDB, through the portable expression (default__cx_parse_timestamp). Both
run here on DuckDB over the same texts and must give the same instant, or
both null, for every text: the fixed edge cases and generated ones near the
fast path's shape."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from cx_metrics.tests.conftest import text_probe

EDGE_CASES = [
    "2024-03-10 08:15:00", "2024-03-10T08:15:00", "10/03/2024 08:15:00", "10/03/2024T08:15:00",
    " 2024-03-10 08:15:00 ", "2024-02-29 23:59:59", "2023-02-29 00:00:00", "2024-02-30 08:00:00",
    "2024-04-31 08:00:00", "2024-13-01 08:00:00", "2024-00-10 08:00:00", "2024-03-00 08:00:00",
    "2024-03-10 24:00:00", "2024-03-10 23:60:00", "2024-03-10 23:59:60", "0000-03-10 08:15:00",
    "9999-12-31 23:59:59", "31/12/1999 23:59:59", "29/02/2023 10:00:00", "00/00/0000 00:00:00",
    "2024-03-10 08:15", "2024-03-10", "2024-03-10 08:15:00Z", "2024-03-10T08:15:00+02:00",
    "2024-03-10 08:15:00.123", "1741594500", "1741594500123", "3000000000", "3000000000123", "9999999999",
    "2024-3-10 08:15:00", "02024-03-10 8:15:00",
    "2024-03-10  8:15:00", "2024/03/10 08:15:00", "2024-03-10x08:15:00", "", "garbage",
]


@pytest.fixture(scope="module")
def parse(tmp_path_factory):
    """Parse texts with both implementations: a list of (text, fast, portable)."""
    return text_probe(
        tmp_path_factory.mktemp("timestamps"),
        "select probe.id, {{ duckdb__cx_parse_timestamp('probe.s') }} as fast,"
        " {{ default__cx_parse_timestamp('probe.s') }} as portable from probe.texts as probe",
    )


def test_the_fast_path_reads_every_edge_case_as_the_portable_expression(parse):
    rows = parse(EDGE_CASES)
    assert [r for r in rows if r[1] != r[2]] == []
    # the fast path is taken and reads: not both null everywhere
    assert dict((r[0], r[1]) for r in rows)["10/03/2024 08:15:00"] is not None
    # epochs past January 2038 read as instants (a 32-bit seconds count failed)
    assert dict((r[0], r[2]) for r in rows)["3000000000"] == datetime(2065, 1, 24, 5, 20)
    assert dict((r[0], r[2]) for r in rows)["3000000000123"] == datetime(2065, 1, 24, 5, 20)


two = st.integers(0, 99).map(lambda n: f"{n:02d}")
shaped = st.tuples(
    st.integers(0, 9999).map(lambda n: f"{n:04d}"), two, two, st.sampled_from([" ", "T", "  ", "t"]), two, two, two,
    st.booleans(),
).map(lambda p: f"{p[2]}/{p[1]}/{p[0]}{p[3]}{p[4]}:{p[5]}:{p[6]}" if p[7] else f"{p[0]}-{p[1]}-{p[2]}{p[3]}{p[4]}:{p[5]}:{p[6]}")


@hypothesis_settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.one_of(shaped, st.text(alphabet="0123456789-/: T.Z+", max_size=22)), min_size=50, max_size=50))
def test_any_text_near_the_fast_shape_reads_as_the_portable_expression(parse, texts):
    assert [r for r in parse(texts) if r[1] != r[2]] == []
