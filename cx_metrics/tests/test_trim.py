"""Every cleaning macro trims through cx_trim, which takes the same
characters from a text's edges on every engine: Unicode's space separators
(category Zs). DuckDB's own `trim` is used there for speed and the others
are given the list (default__cx_trim); both readings are run here on DuckDB
over every character of the Basic Multilingual Plane, at either edge."""

from __future__ import annotations

import pytest

from cx_metrics.tests.conftest import SPACE_SEPARATORS, text_probe

SURROGATES = range(0xD800, 0xE000)
CHARACTERS = [chr(code) for code in range(1, 0x10000) if code not in SURROGATES]


@pytest.fixture(scope="module")
def read(tmp_path_factory):
    """(text, cx_trim as DuckDB runs it, the portable cx_trim) per text."""
    return text_probe(
        tmp_path_factory.mktemp("trim"),
        "select probe.id, {{ cx_trim('probe.s') }} as engine,"
        " {{ default__cx_trim('probe.s') }} as portable from probe.texts as probe",
    )


def test_duckdb_trim_and_the_portable_trim_take_the_same_characters(read):
    rows = read([f"{c}{c}x{c}" for c in CHARACTERS])
    assert [r for r in rows if r[1] != r[2]] == []
    taken = {r[0][0] for r in rows if r[1] == "x"}
    assert taken == set(SPACE_SEPARATORS)
    kept = {r[0][0] for r in rows if r[1] == r[0]}
    assert kept == set(CHARACTERS) - set(SPACE_SEPARATORS)  # a tab, a line break: kept
