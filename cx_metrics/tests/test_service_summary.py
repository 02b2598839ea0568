"""The service-desk table of `make run`: which month it reports, how it
writes durations for a person, and its backlog line."""

from __future__ import annotations

import datetime as dt

import pytest

from cx_metrics.service_summary import Backlog, backlog_line, duration, last_full_month


@pytest.mark.parametrize(
    ("latest", "month"),
    [
        (dt.datetime(2026, 10, 31, 23, 59), dt.date(2026, 10, 1)),  # the data ends on the month's last day
        (dt.datetime(2026, 10, 30, 12, 0), dt.date(2026, 9, 1)),  # October is not over
        (dt.datetime(2026, 1, 3, 8, 0), dt.date(2025, 12, 1)),  # back across a year
        (dt.datetime(2024, 2, 29, 8, 0), dt.date(2024, 2, 1)),  # a leap day ends February
    ],
)
def test_the_last_full_month_is_the_latest_month_the_data_covers_to_its_end(latest, month):
    assert last_full_month(latest) == month


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(None, "-"), (67.5, "68 s"), (119, "119 s"), (120, "2 min"), (3_599, "59 min"), (3_660, "1 h 01"),
     (86_399, "23 h 59"), (86_400, "1 d 0 h"), (183_600, "2 d 3 h")],
)
def test_durations_are_written_in_the_unit_a_person_reads(seconds, text):
    assert duration(seconds) == text


def test_the_backlog_line_names_the_day_and_the_share_overdue():
    backlog = Backlog(dt.date(2026, 10, 30), open=1_237, overdue=31, without_normal_time=0, percent_overdue=2.51)
    assert backlog_line(backlog) == (
        "  Backlog at the end of Friday 30 October 2026 (the data's last full day): 1,237 tickets open, "
        "31 overdue (2.5 %)"
    )


def test_the_backlog_line_counts_tickets_of_channels_without_a_normal_time_apart():
    backlog = Backlog(dt.date(2026, 10, 30), open=4, overdue=0, without_normal_time=3, percent_overdue=0.0)
    assert backlog_line(backlog).endswith("0 overdue (0.0 %); 3 on channels without a normal resolution time")
    assert backlog_line(None) == "  Backlog: no day of the data has ended with a ticket open"
