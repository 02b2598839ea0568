"""The business clock against an independent reference.

The reference is written here in Python with `zoneinfo`: each calendar's
openings are placed day by day from the seeds (a wall time in a
spring-forward gap read with fold=0, i.e. with the offset before the gap; a
repeated one as its first occurrence), business seconds are summed opening by
opening, and a due time is found by walking the openings. The warehouse's
clock (models/intermediate/business_clock and the macros
cx_business_clock_readings and cx_business_clock_due_times) must agree with it
to the second on thousands of intervals per calendar, drawn where clocks go
wrong: around every daylight-saving change, on holidays, across lunch breaks
and over more than a year.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import random
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from cx_metrics.contract import PROJECT_ROOT
from cx_metrics.tests.conftest import EXAMPLE_RAW, build_warehouse, warehouse_settings

SEEDS = PROJECT_ROOT / "seeds"
INTERVALS_PER_CALENDAR = 2_000
DAY = 86_400
EVERY_DAY = range(1, 8)
# Calendars added to the seeds' tables for this test only: the project's own
# calendars never open at night or on a Sunday, so they cannot show a wall
# time in a daylight-saving gap or overlap, or a 24-hour day of 23 or 25 hours.
TEST_CALENDARS = {
    "paris_around_the_clock": ("Europe/Paris", [(d, "00:00", "24:00") for d in EVERY_DAY]),
    "new_york_nights": ("America/New_York", [(d, h[0], h[1]) for d in EVERY_DAY for h in (("00:30", "03:30"), ("22:00", "24:00"))]),
    "paris_split_shifts": (
        "Europe/Paris",
        [(d, h[0], h[1]) for d in EVERY_DAY for h in (("02:30", "04:00"), ("08:00", "12:00"), ("13:30", "17:30"))],
    ),
}
TEST_HOLIDAYS = [("paris_split_shifts", "2025-03-30"), ("new_york_nights", "2025-12-25")]


def _rows(name: str) -> list[dict[str, str]]:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    if name == "business_calendars":
        rows += [{"calendar_id": c, "time_zone": zone} for c, (zone, _) in TEST_CALENDARS.items()]
    elif name == "business_hours":
        rows += [
            {"calendar_id": c, "day_of_week": str(d), "opens_at": o, "closes_at": e}
            for c, (_, hours) in TEST_CALENDARS.items()
            for d, o, e in hours
        ]
    elif name == "holidays":
        rows += [{"calendar_id": c, "holiday_date": day} for c, day in TEST_HOLIDAYS]
    return rows


def _add_test_calendars(database: Path, seeds_schema: str) -> None:
    con = duckdb.connect(str(database))
    try:
        for c, (zone, hours) in TEST_CALENDARS.items():
            con.execute(f"insert into {seeds_schema}.business_calendars values (?, ?, 'test calendar')", [c, zone])
            con.executemany(f"insert into {seeds_schema}.business_hours values (?, ?, ?, ?)", [(c, d, o, e) for d, o, e in hours])
        con.executemany(f"insert into {seeds_schema}.holidays values (?, ?, 'test holiday')", TEST_HOLIDAYS)
    finally:
        con.close()


@dataclass
class ReferenceCalendar:
    """One calendar of the seeds, its openings placed by zoneinfo."""

    calendar_id: str
    zone: ZoneInfo
    hours: dict[int, list[tuple[str, str]]]
    holidays: set[dt.date]
    first_day: dt.date
    last_day: dt.date

    def _instant(self, day: dt.date, hhmm: str) -> int:
        hours, minutes = map(int, hhmm.split(":"))
        if hours == 24:
            day, hours = day + dt.timedelta(days=1), 0
        return int(dt.datetime(day.year, day.month, day.day, hours, minutes, tzinfo=self.zone).timestamp())

    @cached_property
    def openings(self) -> list[tuple[int, int]]:
        out, day = [], self.first_day
        while day <= self.last_day:
            if day not in self.holidays:
                for opens, closes in self.hours.get(day.isoweekday(), []):
                    start, end = self._instant(day, opens), self._instant(day, closes)
                    if end > start:
                        out.append((start, end))
            day += dt.timedelta(days=1)
        return sorted(out)

    @cached_property
    def _starts(self) -> list[int]:
        return [start for start, _ in self.openings]

    def business_seconds(self, start: int, end: int) -> int:
        total = 0
        for opens, closes in self.openings[max(bisect.bisect_right(self._starts, start) - 1, 0):]:
            if opens >= end:
                break
            total += max(0, min(end, closes) - max(start, opens))
        return total

    def due(self, start: int, target: int) -> int:
        remaining = target
        for opens, closes in self.openings[max(bisect.bisect_right(self._starts, start) - 1, 0):]:
            begin = max(opens, start)
            if closes <= begin:
                continue
            if remaining <= closes - begin:
                return begin + remaining
            remaining -= closes - begin
        raise AssertionError("target beyond the reference's openings")

    @cached_property
    def dst_changes(self) -> list[int]:
        """UTC instants at which the zone's offset changes within the range."""
        changes, t = [], self._instant(self.first_day, "00:00")
        end = self._instant(self.last_day, "00:00")
        offset = dt.datetime.fromtimestamp(t, self.zone).utcoffset()
        while t < end:
            t += 3_600
            now = dt.datetime.fromtimestamp(t, self.zone).utcoffset()
            if now != offset:
                changes.append(t)
                offset = now
        return changes


@pytest.fixture(scope="module")
def clock(tmp_path_factory):
    """A warehouse holding the clock, and each calendar's reference over the same days."""
    workdir = tmp_path_factory.mktemp("clock")
    database = build_warehouse(EXAMPLE_RAW, workdir)
    cfg = warehouse_settings(workdir)
    _add_test_calendars(database, cfg.schema_for("seeds"))
    from cx_metrics.dbt_runner import run_dbt

    rebuilt = run_dbt(["run", "--select", "int_business_calendar_days", "int_business_openings"], cfg, f"pytest_{workdir.name}")
    assert rebuilt.ok, rebuilt.describe()
    schema = cfg.schema_for("intermediate")
    con = duckdb.connect(str(database), read_only=True)
    try:
        ranges = con.execute(
            f"select calendar_id, min(local_date), max(local_date) from {schema}.int_business_calendar_days group by 1"
        ).fetchall()
    finally:
        con.close()
    zones = {r["calendar_id"]: r["time_zone"] for r in _rows("business_calendars")}
    hours: dict[str, dict[int, list[tuple[str, str]]]] = {}
    for r in _rows("business_hours"):
        hours.setdefault(r["calendar_id"], {}).setdefault(int(r["day_of_week"]), []).append((r["opens_at"], r["closes_at"]))
    holidays: dict[str, set[dt.date]] = {}
    for r in _rows("holidays"):
        holidays.setdefault(r["calendar_id"], set()).add(dt.date.fromisoformat(r["holiday_date"]))
    calendars = {
        cid: ReferenceCalendar(cid, ZoneInfo(zones[cid]), hours.get(cid, {}), holidays.get(cid, set()), first, last)
        for cid, first, last in ranges
    }
    return database, workdir, calendars


def _compiled(workdir: Path, sql: str) -> str:
    from cx_metrics.dbt_runner import run_dbt

    result = run_dbt(["compile", "--inline", sql], warehouse_settings(workdir), log_name=f"pytest_{workdir.name}")
    assert result.ok and result.compiled_code, result.describe()
    return result.compiled_code


# The macros dispatch: an as-of join on DuckDB, a sort elsewhere. Both run
# here, on DuckDB, against the same reference.
IMPLEMENTATIONS = {"duckdb": "", "portable": "default__"}


@pytest.fixture(scope="module", params=sorted(IMPLEMENTATIONS))
def warehouse_clock(clock, request):
    """Read the warehouse's clock for a list of (calendar, start, end, target)
    intervals: business seconds between start and end, and the due time of
    `target` business seconds after start."""
    database, workdir, _ = clock
    readings_sql = _compiled(
        workdir,
        "select calendar_id, instant_epoch, business_epoch"
        f" from {{{{ {IMPLEMENTATIONS[request.param]}cx_business_clock_readings('probe.instants') }}}} as readings",
    )
    due_sql = _compiled(
        workdir,
        "select calendar_id, due_business_epoch, due_epoch"
        f" from {{{{ {IMPLEMENTATIONS[request.param]}cx_business_clock_due_times('probe.requests') }}}} as due_times",
    )

    def read(intervals: list[tuple[str, int, int, int]]) -> tuple[list[int], list[int]]:
        con = duckdb.connect(str(database))
        try:
            con.execute("create schema if not exists probe")
            instants = sorted({(c, t) for c, start, end, _ in intervals for t in (start, end)})
            con.execute("create or replace table probe.instants (calendar_id varchar, instant_epoch bigint)")
            con.executemany("insert into probe.instants values (?, ?)", instants)
            reading = {(c, t): b for c, t, b in con.execute(readings_sql).fetchall()}
            requests = sorted({(c, reading[(c, start)] + target) for c, start, _, target in intervals})
            con.execute("create or replace table probe.requests (calendar_id varchar, due_business_epoch bigint)")
            con.executemany("insert into probe.requests values (?, ?)", requests)
            due = {(c, v): d for c, v, d in con.execute(due_sql).fetchall()}
        finally:
            con.close()
        seconds = [reading[(c, end)] - reading[(c, start)] for c, start, end, _ in intervals]
        due_times = [due[(c, reading[(c, start)] + target)] for c, start, _, target in intervals]
        return seconds, due_times

    return read


def _intervals(calendar: ReferenceCalendar, count: int, seed: int) -> list[tuple[str, int, int, int]]:
    """Intervals where clocks go wrong, and some anywhere: a quarter within
    three days of a daylight-saving change, a tenth starting on a holiday, a
    tenth longer than a year, the rest anywhere, minutes to two months long."""
    rng = random.Random(f"{calendar.calendar_id}:{seed}")
    first = calendar._instant(calendar.first_day, "00:00") + 2 * DAY
    last = calendar._instant(calendar.last_day, "00:00") - 90 * DAY
    changes = calendar.dst_changes
    holidays = [calendar._instant(d, "00:00") for d in sorted(calendar.holidays) if first < calendar._instant(d, "00:00") < last]
    out = []
    for i in range(count):
        kind = i % 20
        if kind < 5 and changes:
            start = rng.choice(changes) + rng.randint(-3 * DAY, 3 * DAY)
            length = rng.randint(1, 4 * DAY)
        elif kind < 7 and holidays:
            start = rng.choice(holidays) + rng.randint(-DAY, DAY)
            length = rng.randint(60, 3 * DAY)
        elif kind < 9:
            start = rng.randint(first, max(first, last - 500 * DAY))
            length = rng.randint(366 * DAY, 500 * DAY)
        else:
            start = rng.randint(first, last)
            length = int(10 ** rng.uniform(0, 6.7))
        start = min(max(start, first), last)
        end = min(start + length, last + 60 * DAY)
        target = int(10 ** rng.uniform(0, 6.2))  # 1 s to about 18 days of business time
        out.append((calendar.calendar_id, start, end, target))
    return out


def test_business_seconds_and_due_times_match_the_zoneinfo_reference(clock, warehouse_clock):
    _, _, calendars = clock
    assert set(calendars) == {r["calendar_id"] for r in _rows("business_calendars")}
    intervals = [iv for cal in calendars.values() for iv in _intervals(cal, INTERVALS_PER_CALENDAR, seed=1)]
    seconds, due_times = warehouse_clock(intervals)
    wrong = [
        (iv, got_s, calendars[iv[0]].business_seconds(iv[1], iv[2]), got_d, calendars[iv[0]].due(iv[1], iv[3]))
        for iv, got_s, got_d in zip(intervals, seconds, due_times)
        if got_s != calendars[iv[0]].business_seconds(iv[1], iv[2]) or got_d != calendars[iv[0]].due(iv[1], iv[3])
    ]
    assert not wrong, f"{len(wrong)} of {len(intervals)} intervals disagree, e.g. {wrong[:3]}"


def test_the_sample_reaches_every_kind_of_hard_case(clock):
    """The property test above is only as good as its sample: it must cross
    daylight-saving changes in both directions, holidays, lunch breaks and
    spans over a year."""
    _, _, calendars = clock
    intervals = {c: _intervals(cal, INTERVALS_PER_CALENDAR, seed=1) for c, cal in calendars.items()}
    for cid in ("emea_office", "americas_office", "apac_office", "new_york_nights", "paris_split_shifts"):
        cal = calendars[cid]
        assert len(cal.dst_changes) >= 2
        crossing = [iv for iv in intervals[cid] if any(iv[1] <= t < iv[2] for t in cal.dst_changes)]
        assert len(crossing) >= 100
    assert any(len(days) > 1 for days in calendars["apac_office"].hours.values()), "a calendar with a lunch break"
    assert sum(iv[2] - iv[1] > 366 * DAY for iv in intervals["emea_office"]) >= 100
    paris = calendars["paris_around_the_clock"]
    spring = next(t for t in paris.dst_changes if dt.datetime.fromtimestamp(t, paris.zone).month == 3)
    # around the clock, the 23-hour day of spring is 23 hours of business time
    day_start = paris._instant(dt.datetime.fromtimestamp(spring, paris.zone).date(), "00:00")
    assert paris.business_seconds(day_start, day_start + 23 * 3_600) == 23 * 3_600


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_interval_on_any_calendar_matches_the_reference(clock, warehouse_clock, data):
    _, _, calendars = clock
    cid = data.draw(st.sampled_from(sorted(calendars)))
    cal = calendars[cid]
    first = cal._instant(cal.first_day, "00:00") + 2 * DAY
    last = cal._instant(cal.last_day, "00:00") - 90 * DAY
    start = data.draw(st.integers(first, last))
    end = data.draw(st.integers(start, min(start + 400 * DAY, last)))
    # up to 30 days of business time, but never past the clock's last opening:
    # on a calendar open a few hours a week, 30 days of business time can
    # reach further than the 90 days left after `last`
    reachable = cal.business_seconds(start, cal.openings[-1][1])
    target = data.draw(st.integers(1, max(1, min(30 * DAY, reachable))))
    seconds, due_times = warehouse_clock([(cid, start, end, target)])
    assert seconds == [cal.business_seconds(start, end)]
    assert due_times == [cal.due(start, target)]
