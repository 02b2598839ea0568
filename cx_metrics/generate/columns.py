"""Batches of rows and the text of their columns.

Every raw column is written as text, through Arrow: ids such as ``T0000042``,
labels of a vocabulary, ``YYYY-MM-DD HH:MM:SS`` timestamps (UTC),
``YYYY-MM-DD`` dates, whole numbers, amounts such as ``123.45`` and the flags
``true``/``false``. A missing value is a null.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

BOOLEANS = ("false", "true")


@dataclass
class Batch:
    """Rows of one table: contract columns as Arrow strings, plus what defect
    injection needs (global row numbers, shuffle windows, numeric helpers)."""

    table: str
    columns: dict[str, pa.Array]
    rows: np.ndarray  # row number within the table, unique across chunks
    window: np.ndarray  # rows are shuffled within a window
    aux: dict[str, np.ndarray]


def digits(n: int) -> int:
    return len(str(max(int(n), 1)))


def orphan_safe_width(minimum: int, count: int) -> int:
    """Digits for ids 1..count such that an id starting with 9 never exists."""
    width = minimum
    while count >= 9 * 10 ** (width - 1):
        width += 1
    return width


def ids(prefix: str, width: int, numbers: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    """Ids such as ``T0000042`` for 0-based numbers (41 here); null where not valid."""
    arr = pa.array(np.asarray(numbers, dtype=np.int64) + 1, pa.int64(), mask=None if valid is None else ~valid)
    padded = pc.utf8_lpad(pc.cast(arr, pa.string()), width=width, padding="0")
    return pc.binary_join_element_wise(prefix, padded, "")


def labels(values: tuple[str, ...], codes: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    """``values[code]`` for each code; null where not valid (by default, where the code is negative)."""
    if valid is None:
        valid = np.asarray(codes) >= 0
    indices = pa.array(np.where(valid, codes, 0).astype(np.int32), mask=~valid)
    return pa.array(values, pa.string()).take(indices)


def flags(values: np.ndarray) -> pa.Array:
    """``true`` or ``false`` for each boolean."""
    return labels(BOOLEANS, np.asarray(values).astype(np.int64))


def timestamps(ts: np.ndarray) -> pa.Array:
    """``YYYY-MM-DD HH:MM:SS`` (UTC) from epoch seconds; null where negative."""
    ts = np.asarray(ts, dtype=np.int64)
    return pc.cast(pa.array(ts, pa.timestamp("s"), mask=ts < 0), pa.string())


def dates(days: np.ndarray) -> pa.Array:
    """``YYYY-MM-DD`` from day numbers; null where negative."""
    days = np.asarray(days)
    return pc.cast(pa.array(days.astype(np.int32), pa.date32(), mask=days < 0), pa.string())


def integers(values: np.ndarray, valid: np.ndarray) -> pa.Array:
    return pc.cast(pa.array(np.asarray(values, dtype=np.int64), mask=~valid), pa.string())


def money(cents: np.ndarray) -> pa.Array:
    """``123.45`` from non-negative cents."""
    cents = np.asarray(cents, dtype=np.int64)
    whole = pc.cast(pa.array(cents // 100), pa.string())
    fraction = pc.utf8_lpad(pc.cast(pa.array(cents % 100), pa.string()), width=2, padding="0")
    return pc.binary_join_element_wise(whole, fraction, ".")


def join(*parts) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


def constant(value: str, n: int) -> pa.Array:
    """The same text on ``n`` rows."""
    return labels((value,), np.zeros(n, np.int64))
