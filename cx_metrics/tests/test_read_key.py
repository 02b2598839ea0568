"""Base models read a raw key through cx_read_key, which skips the null
spellings and the trimming where they cannot change the text. It must give
what the whole reading gives (cx_clean_text over cx_read_null) for every
text: run here on DuckDB over edge cases (spaces of every kind at either
edge, spellings in any case, accents, the empty text, null) and over texts
generated from the characters that matter."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from cx_metrics.tests.conftest import text_probe

NBSP, IDEOGRAPHIC_SPACE = "\u00a0", "\u3000"

EDGE_CASES = [
    "M0000001", " M0000001", "M0000001 ", "  M0000001  ", "", " ", "   ", "null", "NULL", " Null ", "n/a", "N/A",
    "\\N", "\\n", "none", "nobody", "N123", "n", "\\", "\tM1", "M1\t", "\nM1", f"{NBSP}M1", f"M1{NBSP}",
    f"{IDEOGRAPHIC_SPACE}M1", f"{NBSP}NULL", f"{IDEOGRAPHIC_SPACE}n/a ", "éM1", "M1é", "~", "!", "a b", None,
]


@pytest.fixture(scope="module")
def read(tmp_path_factory):
    """Read texts both ways: a list of (text, through cx_read_key, whole reading)."""
    return text_probe(
        tmp_path_factory.mktemp("keys"),
        "select probe.id, {{ cx_read_key('probe.s') }} as fast,"
        " {{ cx_clean_text(cx_read_null('probe.s')) }} as whole from probe.texts as probe",
    )


def test_every_edge_case_reads_as_the_whole_reading(read):
    rows = read(EDGE_CASES)
    assert [r for r in rows if r[1] != r[2]] == []
    readings = {r[0]: r[1] for r in rows}
    # the cases that tell the two paths apart read as the whole reading says
    assert readings[" M0000001"] == "M0000001"
    assert readings[f"{NBSP}M1"] == "M1"  # cx_trim takes the Unicode space separators
    assert readings["\tM1"] == "\tM1"  # and not the tab
    assert readings[f"{NBSP}NULL"] is None and readings[f"{IDEOGRAPHIC_SPACE}n/a "] is None
    assert readings[" Null "] is None and readings["N123"] == "N123" and readings[""] is None


@hypothesis_settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(alphabet=f" \t\nnNulA/\\aM1é~!{NBSP}{IDEOGRAPHIC_SPACE}", max_size=6), min_size=50, max_size=50))
def test_any_text_reads_as_the_whole_reading(read, texts):
    assert [r for r in read(texts) if r[1] != r[2]] == []
