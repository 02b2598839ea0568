"""The benchmark's clock comparison (cx_metrics.bench_clock) on a tiny input.

The code path of `make bench` — intervals, the project's clock compiled by
dbt, the weekly-schedule cross join, the comparison — is run on a warehouse
built from examples/raw_minimal, with hand-made intervals whose business
seconds are worked out below by hand, a few hundred random ones in weeks
where the cross join has nothing to get wrong, and the tickets' and random
intervals the benchmark itself draws. Counts are asserted, never timings.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from cx_metrics import bench_clock
from cx_metrics.tests.conftest import EXAMPLE_RAW, build_warehouse, warehouse_settings

HOUR, WEEK = 3_600, bench_clock.WEEK


def _epoch(text: str) -> int:
    return int(dt.datetime.fromisoformat(text).replace(tzinfo=dt.timezone.utc).timestamp())


SUNDAY = _epoch("2025-01-05 00:00")  # a Sunday, 00:00 UTC: the start of a cross-join week
# (calendar, start, end, the project's business seconds, the cross join's), worked out by hand
HAND_MADE = [
    # 60 weeks around the clock: the cross join stops after 52
    ("always_open", SUNDAY, SUNDAY + 60 * WEEK, 60 * WEEK, 52 * WEEK),
    # 51 weeks around the clock: within the cross join's reach, both right
    ("always_open", SUNDAY, SUNDAY + 51 * WEEK, 51 * WEEK, 51 * WEEK),
    # Paris, Monday 31 March 2025, 09:00-18:00 CEST (07:00-16:00 UTC), the day
    # after the spring change (Sunday 01:00 UTC). The cross join shifts the
    # whole week by the offset in force at its start, Sunday 00:00 UTC (CET,
    # +1 h): it opens at 08:00 UTC and counts 08:00-16:00.
    ("emea_office", _epoch("2025-03-31 07:00"), _epoch("2025-03-31 16:00"), 9 * HOUR, 8 * HOUR),
    # Paris, Saturday 12:00 UTC to Sunday 12:00 UTC across the same change:
    # closed all along, so the wrong offset costs nothing
    ("emea_office", _epoch("2025-03-29 12:00"), _epoch("2025-03-30 12:00"), 0, 0),
    # Paris, Thursday 1 May 2025, a holiday (seed holidays): closed for both;
    # a cross join ignoring holidays would count 9 hours
    ("emea_office", _epoch("2025-05-01 00:00"), _epoch("2025-05-02 00:00"), 0, 0),
]


def _quiet_intervals(count: int, seed: int) -> list[tuple[str, int, int]]:
    """Intervals of a minute to a week between June and August 2025, when no
    calendar's offset changes (Europe, the United States and Sydney change in
    March, April, October and November): holidays and lunch breaks, but
    nothing for the cross join to get wrong."""
    rng = random.Random(seed)
    calendars = ["emea_office", "americas_office", "apac_office", "always_open"]
    first, last = _epoch("2025-06-01 00:00"), _epoch("2025-08-20 00:00")
    out = []
    for _ in range(count):
        start = rng.randint(first, last)
        out.append((rng.choice(calendars), start, start + int(10 ** rng.uniform(1.8, 5.78))))
    return out


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    """The benchmark's steps, run on the example warehouse: business seconds
    by both approaches and the comparison, per source of intervals."""
    workdir = tmp_path_factory.mktemp("bench_clock")
    database = build_warehouse(EXAMPLE_RAW, workdir)
    cfg = warehouse_settings(workdir)
    readings_sql = bench_clock.compile_readings(cfg)
    con = bench_clock.connect(database)
    try:
        bench_clock.create_intervals_table(con)
        rows = [("hand", c, s, e) for c, s, e, _, _ in HAND_MADE] + [("quiet", *iv) for iv in _quiet_intervals(300, 7)]
        con.executemany(
            f"insert into {bench_clock.SCHEMA}.intervals values (?, ?, ?, ?, ?)",
            [(i, *row) for i, row in enumerate(rows, start=1)],
        )
        bench_clock.add_ticket_intervals(con, cfg)
        bench_clock.add_random_intervals(con, cfg, 200, seed=3)
        sources = sorted(bench_clock.interval_counts(con))
        bench_clock.run_project(con, readings_sql, sources)
        bench_clock.build_week_schedule(con, cfg)
        bench_clock.run_cross_join(con, sources)
        seconds = con.execute(f"""
            select intervals.interval_id, project.business_seconds, cross_join.business_seconds
            from {bench_clock.SCHEMA}.intervals as intervals
            inner join {bench_clock.SCHEMA}.project_seconds_hand as project using (interval_id)
            inner join {bench_clock.SCHEMA}.cross_join_seconds_hand as cross_join using (interval_id)
            order by 1
        """).fetchall()
        quiet_open = con.execute(
            f"select count(*) from {bench_clock.SCHEMA}.project_seconds_quiet where business_seconds > 0"
        ).fetchone()[0]
        counts = bench_clock.compare(con, sources)
    finally:
        con.close()
    return counts, seconds, quiet_open


def test_hand_made_intervals_have_the_business_seconds_worked_out_by_hand(compared):
    _, seconds, _ = compared
    assert [(p, x) for _, p, x in seconds] == [(p, x) for _, _, _, p, x in HAND_MADE]


def test_disagreements_are_counted_and_sorted_by_cause(compared):
    counts, _, _ = compared
    assert counts["hand"] == {
        "intervals": 5, "unread": 0, "disagree": 2, "over_52_weeks": 1, "dst_weeks": 1, "other": 0,
    }


def test_both_approaches_agree_where_the_cross_join_has_nothing_to_get_wrong(compared):
    counts, _, quiet_open = compared
    assert counts["quiet"]["intervals"] == 300
    assert counts["quiet"]["disagree"] == 0
    assert quiet_open > 150, "most quiet intervals touch opening hours"


def test_the_benchmarks_own_intervals_run_through(compared):
    """The tickets' and the random intervals: all read by the project's clock,
    and every disagreement explained by the horizon or an offset change."""
    counts, _, _ = compared
    assert counts["tickets"]["intervals"] > 0
    assert counts["random"]["intervals"] == 200
    for source in ("tickets", "random"):
        assert counts[source]["unread"] == 0
        assert counts[source]["other"] == 0
