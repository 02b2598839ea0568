"""Read a raw CSV file in the contract's dialect and account for every line.

The dialect is fixed, never guessed: UTF-8 (a leading byte-order mark is
dropped), a header line, comma delimiter, double-quote quoting with a quote
inside a quoted value written twice (`""`), no comment character, lines ending
in LF or CRLF. A quoted value may span lines.

A line the dialect cannot read is not fatal: it becomes a *reject* with its
line number, a reason code (seed ``load_reject_reasons``) and its raw text,
and the rest of the file loads. Every physical line of the file ends up in
exactly one place: the header, a blank line, a row, or a reject; `CsvScan`
checks that against an independent count of the file's line breaks.

When a record that spans several lines cannot be read, only its first line
is rejected and the following lines are read again on their own: a stray
quote costs one line, not the rest of the file.
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

# Reason codes of rejected lines; seeds/load_reject_reasons.csv describes them.
NOT_UTF8 = "not_utf8"
FIELD_COUNT = "field_count"
UNTERMINATED_QUOTE = "unterminated_quote"
BAD_QUOTING = "bad_quoting"
LINE_TOO_LONG = "line_too_long"
REJECT_REASONS = (NOT_UTF8, FIELD_COUNT, UNTERMINATED_QUOTE, BAD_QUOTING, LINE_TOO_LONG)

ENCODING = "UTF-8"
BOM = b"\xef\xbb\xbf"
MAX_RECORD_LINES = 10_000  # a quoted value spanning more lines is taken for an unterminated quote
RAW_TEXT_LIMIT = 10_000  # characters of a rejected line kept in the rejects table


class CsvFileError(Exception):
    """The file cannot be read as a CSV at all (no header, unreadable)."""


@dataclass(frozen=True)
class Reject:
    line: int  # first physical line of the rejected text, 1-based
    lines: int  # physical lines it spans
    reason: str
    detail: str
    raw_text: str


@dataclass
class CsvScan:
    path: Path
    columns: tuple[str, ...]
    file_lines: int = 0  # physical lines, counted from line breaks, independently of the reader
    header_lines: int = 1
    blank_lines: int = 0
    rows: int = 0
    row_lines: int = 0
    rejects: list[Reject] = field(default_factory=list)
    has_bom: bool = False
    blank_line_numbers: list[int] = field(default_factory=list, repr=False)

    @property
    def rejected_lines(self) -> int:
        return sum(r.lines for r in self.rejects)

    @property
    def balanced(self) -> bool:
        return self.file_lines == self.header_lines + self.blank_lines + self.row_lines + self.rejected_lines

    @property
    def needs_clean_copy(self) -> bool:
        """The engines read the file as it is unless lines must be left out."""
        return bool(self.rejects or self.blank_lines or self.has_bom)


def open_binary(path: Path) -> BinaryIO:
    return gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")


def _show(raw: bytes) -> str:
    """Raw bytes as text for a message or the rejects table: undecodable
    bytes are shown as \\xNN, the line break is dropped."""
    text = raw.rstrip(b"\r\n").decode("utf-8", errors="backslashreplace")
    return text if len(text) <= RAW_TEXT_LIMIT else text[:RAW_TEXT_LIMIT] + "…"


def physical_lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes, bool]]:
    """(line number, bytes with their line break, too long?) for every line.
    A line longer than `max_bytes` is not held in memory: its first bytes
    are returned and the rest is skipped."""
    number = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:
                rest = handle.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, line[:RAW_TEXT_LIMIT], True
        else:
            yield number, line, False


def count_line_breaks(path: Path) -> int:
    """Physical lines of a file: its line breaks, plus one for a last line
    without a break."""
    breaks, last = 0, b"\n"
    with open_binary(path) as handle:
        while chunk := handle.read(1 << 22):
            breaks += chunk.count(b"\n")
            last = chunk[-1:]
    return breaks + (0 if last == b"\n" else 1)


def _parse(text: str) -> list[str]:
    return next(csv.reader([text], delimiter=",", quotechar='"', doublequote=True, strict=True))


def read_header(path: Path) -> tuple[tuple[str, ...], bool]:
    """The column names of the header line, and whether it starts with a BOM."""
    with open_binary(path) as handle:
        first = handle.readline(1 << 20)
    if not first.strip():
        raise CsvFileError("the file is empty or its first line is blank: a header line is required")
    has_bom = first.startswith(BOM)
    try:
        text = first[len(BOM) if has_bom else 0 :].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CsvFileError(
            f"line 1: the header is not {ENCODING} (byte 0x{first[exc.start]:02X} at position {exc.start + 1});"
            " save the file as UTF-8"
        ) from None
    try:
        columns = tuple(c.strip() for c in _parse(text.rstrip("\r\n")))
    except csv.Error as exc:
        raise CsvFileError(f"line 1: the header cannot be read ({exc})") from None
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise CsvFileError(f"line 1: the header names {', '.join(duplicated)} more than once")
    return columns, has_bom


def scan(path: Path, max_line_bytes: int) -> CsvScan:
    """Read every line of a CSV file; return what became of each."""
    columns, has_bom = read_header(path)
    result = CsvScan(path=path, columns=columns, has_bom=has_bom)
    width = len(columns)
    with open_binary(path) as handle:
        source = physical_lines(handle, max_line_bytes)
        next(source)  # the header
        pending: list[tuple[int, bytes, bool]] = []  # lines to read again, last first

        def next_line() -> tuple[int, bytes, bool] | None:
            return pending.pop() if pending else next(source, None)

        def reject_first(buf: list[tuple[int, bytes, bool]], reason: str, detail: str) -> None:
            """Reject the first line of `buf`; read the others again."""
            pending.extend(reversed(buf[1:]))
            result.rejects.append(Reject(buf[0][0], 1, reason, detail, _show(buf[0][1])))

        while (item := next_line()) is not None:
            number, raw, too_long = item
            if too_long:
                result.rejects.append(
                    Reject(number, 1, LINE_TOO_LONG, f"longer than {max_line_bytes:,} bytes", _show(raw))
                )
                continue
            if not raw.strip():
                result.blank_lines += 1
                result.blank_line_numbers.append(number)
                continue
            buf = [item]
            size, quotes = len(raw), raw.count(b'"')
            while quotes % 2:
                more = next_line()
                if more is None or more[2] or len(buf) >= MAX_RECORD_LINES or size > max_line_bytes:
                    if more is not None:
                        pending.append(more)
                    break
                buf.append(more)
                size += len(more[1])
                quotes += more[1].count(b'"')
            if quotes % 2:
                reject_first(buf, UNTERMINATED_QUOTE, "a quoted value is never closed")
                continue
            record = b"".join(line for _, line, _ in buf)
            try:
                text = record.decode("utf-8")
            except UnicodeDecodeError as exc:
                line_of_byte = number + record[: exc.start].count(b"\n")
                result.rejects.append(
                    Reject(
                        number,
                        len(buf),
                        NOT_UTF8,
                        f"not {ENCODING}: byte 0x{record[exc.start]:02X} on line {line_of_byte}",
                        _show(record),
                    )
                )
                continue
            text = text[: -2 if text.endswith("\r\n") else -1 if text.endswith("\n") else None]
            if text.endswith("\r") or ("\r" in text and '"' not in text):
                reject_first(buf, BAD_QUOTING, "a carriage return inside an unquoted value")
                continue
            if '"' not in text:
                fields = text.count(",") + 1
            else:
                try:
                    fields = len(_parse(text))
                except csv.Error as exc:
                    reject_first(buf, BAD_QUOTING, f"quotes or line breaks cannot be read ({exc})")
                    continue
            if fields != width:
                if len(buf) > 1:
                    reject_first(buf, FIELD_COUNT, f"{fields} values over {len(buf)} lines, the header has {width}")
                else:
                    result.rejects.append(
                        Reject(number, 1, FIELD_COUNT, f"{fields} values, the header has {width}", _show(record))
                    )
                continue
            result.rows += 1
            result.row_lines += len(buf)
    result.file_lines = count_line_breaks(path)
    return result


def write_clean_copy(scan_result: CsvScan, out: Path, max_line_bytes: int) -> None:
    """Copy the file without its rejected and blank lines and without a BOM,
    byte for byte otherwise, for the engines to read."""
    skip: set[int] = set(scan_result.blank_line_numbers)
    for r in scan_result.rejects:
        skip.update(range(r.line, r.line + r.lines))
    with open_binary(scan_result.path) as handle, open(out, "wb") as target:
        for number, raw, too_long in physical_lines(handle, max_line_bytes):
            if number in skip:
                continue
            if too_long:  # never happens: long lines are rejected
                raise CsvFileError(f"line {number} is too long")
            if number == 1 and raw.startswith(BOM):
                raw = raw[len(BOM) :]
            target.write(raw)
