"""The service-desk table of `make run`: which month it reports, how it
writes durations and shares for a person, its backlog line and its survey
scores."""

from __future__ import annotations

import datetime as dt

import pytest

from cx_metrics.service_summary import (
    Backlog, ContactLine, NpsLine, PhoneLine, ServiceSummary, Share, SurveyLines, backlog_line, duration,
    format_phone_line, format_service_summary, last_full_month, share, survey_lines,
)


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


@pytest.mark.parametrize(
    ("phone", "text"),
    [
        (
            PhoneLine(1_234, 83.14, 90, 80.0, True, 25.4, 5.16),
            "  Phone service level, October 2026 (calls by queue entry): 83.1 % of 1,234 offered calls answered "
            "within 90 s (target 80 %, met); average speed of answer 25 s, 5.2 % abandoned",
        ),
        (
            PhoneLine(10, 70.0, 90, 80.0, False, 61.0, 10.0),
            "  Phone service level, October 2026 (calls by queue entry): 70.0 % of 10 offered calls answered "
            "within 90 s (target 80 %, missed); average speed of answer 61 s, 10.0 % abandoned",
        ),
        (PhoneLine(0, None, 90, 80.0, None, None, None), "  Phone service level, October 2026: no offered calls"),
        (None, "  Phone service level, October 2026: no offered calls"),
    ],
)
def test_the_phone_line_gives_the_service_level_against_its_target(phone, text):
    assert format_phone_line(phone, "October 2026") == text


@pytest.mark.parametrize(
    ("ratio", "text"),
    [(Share(120, 200, 60.0), "60.0 % (120 of 200)"), (Share(320, 400, 80.0), "80.0 % (320 of 400)"),
     (Share(1_234, 2_000, 61.7), "61.7 % (1,234 of 2,000)"), (Share(0, 0, None), "- (0 of 0)")],
)
def test_shares_are_written_with_their_parts(ratio, text):
    assert share(ratio) == text


def test_contacts_are_listed_per_channel_with_the_digital_share():
    summary = ServiceSummary(
        month=dt.date(2026, 10, 1), channels=[], resolved=0, mean_resolution_calendar=None,
        mean_resolution_business=None, median_resolution_business=None, sla={},
        contacts=[ContactLine("email", 39, 89), ContactLine("phone", 13, 25), ContactLine("all", 52, 114)],
        digital=Share(39, 52, 75.0),
    )
    lines = format_service_summary(summary).splitlines()
    start = lines.index("  Contacts, October 2026 (tickets customers opened and offered calls no ticket records)")
    assert [line.split() for line in lines[start + 3:start + 7]] == [
        ["email", "39", "89"], ["phone", "13", "25"], ["all", "52", "114"],
        ["Digital", "share", "of", "contacts,", "October", "2026:", "75.0", "%", "(39", "of", "52)"],
    ]


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


def test_the_survey_lines_give_csat_nps_with_its_groups_and_ces():
    surveys = SurveyLines(
        satisfied=Share(74, 107, 69.16), mean_satisfaction=3.74, nps=NpsLine(20, 8, 9, 3, 25.0),
        low_effort=Share(430, 1_000, 43.0), mean_effort=4.08,
    )
    assert survey_lines(surveys, "March 2025") == [
        "  CSAT, March 2025 (answers given in the month): 69.2 % (74 of 107) satisfied; mean 3.74 on 1-5",
        "  NPS, March 2025: +25.0 of 20 answers (8 promoters, 9 passives, 3 detractors)",
        "  CES, March 2025: mean effort 4.08 on 1-7 (lower is easier); 43.0 % (430 of 1,000) low effort",
    ]


def test_a_month_without_survey_answers_says_so():
    assert survey_lines(SurveyLines(), "March 2025") == [
        "  CSAT, March 2025 (answers given in the month): - (0 of 0) satisfied; mean - on 1-5",
        "  NPS, March 2025: no answers",
        "  CES, March 2025: mean effort - on 1-7 (lower is easier); - (0 of 0) low effort",
    ]
