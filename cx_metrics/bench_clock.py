"""The business clock against a weekly-schedule cross join, for the benchmark.

    python -m cx_metrics.bench_clock intervals  --workdir W [--random N] [--seed S]
    python -m cx_metrics.bench_clock project    --workdir W
    python -m cx_metrics.bench_clock cross-join --workdir W
    python -m cx_metrics.bench_clock compare    --workdir W

Each command is one step of `python -m cx_metrics.benchmark` and runs in its
own process against the warehouse that `CX_DUCKDB_PATH` names (built up to the
business clock); it writes its figures to `<workdir>/clock_<command>.json`.

- `intervals`: the intervals both approaches measure, in table
  `clock_bench.intervals`: every staged solved ticket, created_at to
  solved_at, on its team's calendar (seed `teams`; a team missing from it on
  var `default_business_calendar`), and a fixed random sample of `--random`
  intervals of 1 minute to 400 days on every calendar of the seeds. It also
  compiles the project's macro `cx_business_clock_readings` with
  `dbt compile --inline`.
- `project`: business seconds by the project's clock (the compiled macro,
  run in DuckDB): end's reading minus start's reading.
- `cross-join`: business seconds by the baseline below.
- `compare`: intervals on which the two disagree, and why.

The baseline is the approach of the best-known helpdesk package, rewritten
here and nowhere else (it is wrong by design; see docs/decisions.md). Weeks
start on Sunday 00:00 UTC. The weekly schedule (seed `business_hours`, local
times by weekday) is turned into seconds of the week and shifted to UTC by the
time zone's offset in force at the start of each week, for the whole week;
a slice pushed across the week's edge by the offset is wrapped round to the
other end. Holidays (seed `holidays`) are applied as that approach applies
them: in the week of a holiday, the slices of that local date are dropped.
Each interval is cut into the weeks it touches, at most 52 counted from the
week it starts in (a cross join with the numbers 0 to 51), each week's part
is joined with that week's slices, and the overlaps are summed. It works in
seconds, not whole minutes as the package does, so that rounding is not
counted as a disagreement. Two things make it wrong, and `compare` sorts
the disagreements by them: an interval reaching past its 52nd week loses
the rest, and in a week where the offset changes the slices after the
change are an hour out.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import yaml

from cx_metrics.contract import PROJECT_ROOT
from cx_metrics.settings import Settings, settings

SCHEMA = "clock_bench"
DAY = 86_400
WEEK = 7 * DAY
HORIZON_WEEKS = 52
FIRST_SUNDAY = 3 * DAY  # 1970-01-04 00:00 UTC, the first Sunday of the Unix epoch
RANDOM_SPAN = (60, 400 * DAY)  # shortest and longest random interval, in seconds
DUCKDB_CONFIG = {"threads": 2, "memory_limit": "4GB"}

READINGS_INLINE = (
    "select calendar_id, instant_epoch, business_epoch"
    " from {{ cx_business_clock_readings('clock_instants') }} as readings"
)


def connect(database: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection with bounded threads and memory (the machine is shared)."""
    return duckdb.connect(str(database), read_only=read_only, config=dict(DUCKDB_CONFIG))


def _timed(con: duckdb.DuckDBPyConnection, sql: str, repeat: int = 1) -> float:
    """Seconds `sql` takes, the best of `repeat` runs (the machine is shared:
    the best run is the one least slowed by others)."""
    best = float("inf")
    for _ in range(max(repeat, 1)):
        started = time.perf_counter()
        con.execute(sql)
        best = min(best, time.perf_counter() - started)
    return best


# --------------------------------------------------------------------------
# The intervals
# --------------------------------------------------------------------------


def default_calendar() -> str:
    project = yaml.safe_load((PROJECT_ROOT / "dbt_project.yml").read_text(encoding="utf-8"))
    return project["vars"]["default_business_calendar"]


def compile_readings(cfg: Settings) -> str:
    """The project's clock as SQL: `dbt compile --inline` of its macro, reading
    instants from a relation named `clock_instants`."""
    from cx_metrics.dbt_runner import run_dbt

    result = run_dbt(["compile", "--inline", READINGS_INLINE], cfg, log_name="bench_clock_compile")
    if not result.ok or not result.compiled_code:
        raise RuntimeError("dbt compile of cx_business_clock_readings failed: " + result.describe())
    return result.compiled_code


def create_intervals_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"create schema if not exists {SCHEMA}")
    con.execute(
        f"create or replace table {SCHEMA}.intervals"
        " (interval_id bigint, source varchar, calendar_id varchar, start_epoch bigint, end_epoch bigint)"
    )


def _last_id(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute(f"select coalesce(max(interval_id), 0) from {SCHEMA}.intervals").fetchone()[0]


def add_ticket_intervals(con: duckdb.DuckDBPyConnection, cfg: Settings) -> None:
    """Every staged solved ticket, created_at to solved_at, on its team's calendar."""
    con.execute(
        f"""
        insert into {SCHEMA}.intervals
        select
            ? + row_number() over (order by tickets.ticket_id),
            'tickets',
            coalesce(teams.calendar_id, ?),
            epoch(tickets.created_at)::bigint,
            epoch(tickets.solved_at)::bigint
        from {cfg.schema_for('staging')}.stg_helpdesk__tickets as tickets
        left join {cfg.schema_for('seeds')}.teams as teams on tickets.team = teams.team
        where tickets.solved_at is not null
        """,
        [_last_id(con), default_calendar()],
    )


def add_random_intervals(con: duckdb.DuckDBPyConnection, cfg: Settings, count: int, seed: int) -> None:
    """`count` intervals drawn with a fixed seed: a calendar of the seeds, a
    start within the tickets' dates, a length log-uniform in RANDOM_SPAN (the
    clock covers the data's dates and 400 days on each side)."""
    if count <= 0:
        return
    calendars = [r[0] for r in con.execute(
        f"select calendar_id from {cfg.schema_for('seeds')}.business_calendars order by 1").fetchall()]
    first, last = con.execute(
        f"select epoch(min(created_at))::bigint, epoch(max(created_at))::bigint"
        f" from {cfg.schema_for('staging')}.stg_helpdesk__tickets"
    ).fetchone()
    rng = np.random.default_rng(seed)
    start = rng.integers(first, last, count, endpoint=True)
    length = np.power(10.0, rng.uniform(np.log10(RANDOM_SPAN[0]), np.log10(RANDOM_SPAN[1]), count)).astype(np.int64)
    offset = _last_id(con)
    sample = pa.table({
        "interval_id": np.arange(offset + 1, offset + count + 1, dtype=np.int64),
        "calendar_id": np.array(calendars, dtype=object)[rng.integers(0, len(calendars), count)],
        "start_epoch": start,
        "end_epoch": start + length,
    })
    con.register("random_sample", sample)
    con.execute(
        f"insert into {SCHEMA}.intervals"
        " select interval_id, 'random', calendar_id, start_epoch, end_epoch from random_sample"
    )
    con.unregister("random_sample")


def interval_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return dict(con.execute(f"select source, count(*) from {SCHEMA}.intervals group by 1 order by 1").fetchall())


# --------------------------------------------------------------------------
# The project's clock
# --------------------------------------------------------------------------


def project_sql(readings_sql: str) -> str:
    """Business seconds of every interval of one source: each distinct
    (calendar, instant) read once by the macro, end minus start."""
    return f"""
        create or replace table {SCHEMA}.project_seconds_{{source}} as
        with
        wanted as (
            select * from {SCHEMA}.intervals where source = '{{source}}'
        ),
        clock_instants as (
            select calendar_id, start_epoch as instant_epoch from wanted
            union
            select calendar_id, end_epoch as instant_epoch from wanted
        ),
        readings as materialized (
            {readings_sql}
        )
        select
            wanted.interval_id,
            ends.business_epoch - starts.business_epoch as business_seconds
        from wanted
        left join readings as starts
            on wanted.calendar_id = starts.calendar_id and wanted.start_epoch = starts.instant_epoch
        left join readings as ends
            on wanted.calendar_id = ends.calendar_id and wanted.end_epoch = ends.instant_epoch
    """


def run_project(con: duckdb.DuckDBPyConnection, readings_sql: str, sources: list[str], repeat: int = 1) -> dict[str, float]:
    sql = project_sql(readings_sql)
    return {source: _timed(con, sql.replace("{source}", source), repeat) for source in sources}


# --------------------------------------------------------------------------
# The baseline: a cross join with weekly schedule slices
# --------------------------------------------------------------------------


def build_week_schedule(con: duckdb.DuckDBPyConnection, cfg: Settings) -> float:
    """`clock_bench.weeks`: every UTC week (Sunday 00:00) the intervals touch,
    per calendar, with the offset in force at its start and at the next
    week's start. `clock_bench.week_schedule`: each week's slices in seconds
    from the week's start, shifted by the week's offset, wrapped into the
    week, without the slices of that week's holidays."""
    seeds = cfg.schema_for("seeds")
    first_epoch, last_epoch = con.execute(f"select min(start_epoch), max(end_epoch) from {SCHEMA}.intervals").fetchone()
    first_week = first_epoch - (first_epoch - FIRST_SUNDAY) % WEEK
    weeks = f"""
        create or replace table {SCHEMA}.weeks as
        with starts as (
            select calendars.calendar_id, calendars.time_zone, spine.week_start
            from {seeds}.business_calendars as calendars
            cross join range({first_week}, {last_epoch + WEEK}, {WEEK}) as spine(week_start)
        )
        select
            calendar_id,
            week_start,
            epoch(timezone(time_zone, to_timestamp(week_start)))::bigint - week_start as offset_seconds,
            epoch(timezone(time_zone, to_timestamp(week_start + {WEEK})))::bigint - week_start - {WEEK}
                as next_offset_seconds
        from starts
    """
    schedule = f"""
        create or replace table {SCHEMA}.week_schedule as
        with slices as (
            select
                calendar_id,
                day_of_week % 7 as local_day,  -- Sunday = 0
                (day_of_week % 7) * {DAY}
                + cast(substring(opens_at, 1, 2) as integer) * 3600
                + cast(substring(opens_at, 4, 2) as integer) * 60 as local_from,
                (day_of_week % 7) * {DAY}
                + cast(substring(closes_at, 1, 2) as integer) * 3600
                + cast(substring(closes_at, 4, 2) as integer) * 60 as local_to
            from {seeds}.business_hours
        ),
        shifted as (
            select
                weeks.calendar_id,
                weeks.week_start,
                slices.local_day,
                slices.local_from - weeks.offset_seconds as utc_from,
                slices.local_to - weeks.offset_seconds as utc_to
            from {SCHEMA}.weeks as weeks
            inner join slices on weeks.calendar_id = slices.calendar_id
        ),
        wrapped as (
            -- k whole weeks brought back into [0, WEEK): the slice then belongs
            -- to the local week k weeks away from this one
            select
                *,
                cast(floor(utc_from / {WEEK}) as bigint) as k
            from shifted
        ),
        pieces as (
            select calendar_id, week_start, utc_from - k * {WEEK} as slice_from,
                least(utc_to - k * {WEEK}, {WEEK}) as slice_to, local_day - 7 * k as day_shift
            from wrapped
            union all
            -- the part wrapped past the week's end starts the week: the tail
            -- of the slice opened in the week before
            select calendar_id, week_start, 0 as slice_from,
                utc_to - (k + 1) * {WEEK} as slice_to, local_day - 7 * (k + 1) as day_shift
            from wrapped
            where utc_to - k * {WEEK} > {WEEK}
        )
        select pieces.calendar_id, pieces.week_start, pieces.slice_from, pieces.slice_to
        from pieces
        left join {seeds}.holidays as holidays
            on
                pieces.calendar_id = holidays.calendar_id
                and pieces.week_start // {DAY} + pieces.day_shift = holidays.holiday_date - date '1970-01-01'
        where holidays.calendar_id is null and pieces.slice_to > pieces.slice_from
    """
    return _timed(con, weeks) + _timed(con, schedule)


CROSS_JOIN_SQL = f"""
    create or replace table {SCHEMA}.cross_join_seconds_{{source}} as
    with
    spans as (
        select
            interval_id,
            calendar_id,
            start_epoch - (start_epoch - {FIRST_SUNDAY}) % {WEEK} as first_week,
            (start_epoch - {FIRST_SUNDAY}) % {WEEK} as start_in_week,
            end_epoch - start_epoch as span_seconds
        from {SCHEMA}.intervals
        where source = '{{source}}'
    ),
    weekly_periods as (
        select
            spans.interval_id,
            spans.calendar_id,
            spans.first_week + weeks.week_number * {WEEK} as week_start,
            greatest(0, spans.start_in_week - weeks.week_number * {WEEK}) as period_from,
            least(spans.start_in_week + spans.span_seconds - weeks.week_number * {WEEK}, {WEEK}) as period_to
        from spans
        cross join range({HORIZON_WEEKS}) as weeks(week_number)
        where weeks.week_number <= (spans.start_in_week + spans.span_seconds) // {WEEK}
    ),
    covered as (
        select
            weekly_periods.interval_id,
            sum(
                least(weekly_periods.period_to, schedule.slice_to)
                - greatest(weekly_periods.period_from, schedule.slice_from)
            ) as business_seconds
        from weekly_periods
        inner join {SCHEMA}.week_schedule as schedule
            on
                weekly_periods.calendar_id = schedule.calendar_id
                and weekly_periods.week_start = schedule.week_start
                and schedule.slice_from < weekly_periods.period_to
                and schedule.slice_to > weekly_periods.period_from
        group by weekly_periods.interval_id
    )
    select spans.interval_id, coalesce(covered.business_seconds, 0) as business_seconds
    from spans
    left join covered on spans.interval_id = covered.interval_id
"""


def run_cross_join(con: duckdb.DuckDBPyConnection, sources: list[str], repeat: int = 1) -> dict[str, float]:
    return {source: _timed(con, CROSS_JOIN_SQL.replace("{source}", source), repeat) for source in sources}


# --------------------------------------------------------------------------
# The comparison
# --------------------------------------------------------------------------


def compare(con: duckdb.DuckDBPyConnection, sources: list[str]) -> dict[str, dict[str, int]]:
    """Per source: intervals, those the project's clock could not read, and
    those on which the two approaches disagree, sorted by cause: the interval
    reaches past the cross join's 52 weeks; else it touches a week in which
    its calendar's UTC offset changes; else another cause."""
    out = {}
    for source in sources:
        row = con.execute(f"""
            with
            joined as (
                select
                    intervals.interval_id,
                    intervals.calendar_id,
                    intervals.start_epoch - (intervals.start_epoch - {FIRST_SUNDAY}) % {WEEK} as first_week,
                    intervals.end_epoch,
                    project.business_seconds as project_seconds,
                    cross_join.business_seconds as cross_join_seconds
                from {SCHEMA}.intervals as intervals
                left join {SCHEMA}.project_seconds_{source} as project
                    on intervals.interval_id = project.interval_id
                left join {SCHEMA}.cross_join_seconds_{source} as cross_join
                    on intervals.interval_id = cross_join.interval_id
                where intervals.source = '{source}'
            ),
            disagreeing as (
                select
                    *,
                    end_epoch > first_week + {HORIZON_WEEKS * WEEK} as is_past_horizon
                from joined
                where project_seconds is distinct from cross_join_seconds
            ),
            offset_changes as (
                select distinct disagreeing.interval_id
                from disagreeing
                inner join {SCHEMA}.weeks as weeks
                    on
                        disagreeing.calendar_id = weeks.calendar_id
                        and weeks.week_start >= disagreeing.first_week
                        and weeks.week_start < disagreeing.end_epoch
                        and weeks.offset_seconds != weeks.next_offset_seconds
                where not disagreeing.is_past_horizon
            )
            select
                (select count(*) from joined),
                (select count(*) from joined where project_seconds is null),
                (select count(*) from disagreeing),
                (select count(*) from disagreeing where is_past_horizon),
                (select count(*) from offset_changes)
        """).fetchone()
        intervals, unread, disagree, past_horizon, offset_change = row
        out[source] = {
            "intervals": intervals,
            "unread": unread,
            "disagree": disagree,
            "over_52_weeks": past_horizon,
            "dst_weeks": offset_change,
            "other": disagree - past_horizon - offset_change,
        }
    return out


# --------------------------------------------------------------------------
# The steps
# --------------------------------------------------------------------------


def _report(workdir: Path, name: str) -> Path:
    return workdir / f"clock_{name}.json"


def read_report(workdir: Path, name: str) -> dict:
    return json.loads(_report(workdir, name).read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["intervals", "project", "cross-join", "compare"])
    parser.add_argument("--workdir", required=True, type=Path, help="where the compiled SQL and the figures go")
    parser.add_argument("--random", type=int, default=1_000_000, help="random intervals besides the tickets'")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=3, help="timed queries run this many times; the best counts")
    args = parser.parse_args(argv)
    cfg = settings()
    readings_path = args.workdir / "clock_readings.sql"
    figures: dict = {}
    if args.command == "intervals":
        readings_path.write_text(compile_readings(cfg), encoding="utf-8")
    con = connect(cfg.duckdb_path)
    try:
        if args.command == "intervals":
            create_intervals_table(con)
            add_ticket_intervals(con, cfg)
            add_random_intervals(con, cfg, args.random, args.seed)
            figures = {"intervals": interval_counts(con)}
        else:
            sources = sorted(read_report(args.workdir, "intervals")["intervals"])
            if args.command == "project":
                figures = {"seconds": run_project(con, readings_path.read_text(encoding="utf-8"), sources, args.repeat)}
            elif args.command == "cross-join":
                figures = {
                    "schedule_seconds": build_week_schedule(con, cfg),
                    "seconds": run_cross_join(con, sources, args.repeat),
                }
            else:
                figures = {"sources": compare(con, sources)}
    finally:
        con.close()
    _report(args.workdir, args.command).write_text(json.dumps(figures), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
