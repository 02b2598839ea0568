"""The nightly job's promise, checked on one target: an incremental run on
the warehouse built the day before gives every model exactly what a full
refresh of the same raw data gives.

    python -m cx_metrics incremental-check --target duckdb|postgres   (scripts/test_engine.sh)

1. Day one: the CI data set, generated into a temporary folder, loaded into
   the schemas `<base>_inc_*` and built in full (`dbt run`).
2. Day two: day one plus a day of new and changed raw rows (`next_day`): a
   new ticket with its messages, an update to a ticket weeks old (solved,
   with a reply), a ticket that moves to quarantine (its messages must
   follow it), a ticket deleted at the source (its messages stay, orphans
   now), a message that moves to quarantine, a message without a key, a
   message arriving a day late, a new survey answer. Loaded into the same
   schemas and built incrementally, with every data test.
3. Day two again, loaded into `<base>_full_*` and built in full.
4. The macro `cx_compare_schemas` compares every model of the two, row for
   row in both directions, and names each one that differs.

Spark builds its volume models as tables (cx_volume_materialization), so
there is nothing to check there. Exit 0 when every model is equal.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import duckdb

from cx_metrics.dbt_runner import run_dbt
from cx_metrics.load import RawDataError, load
from cx_metrics.settings import Settings

# seeds and models; the data tests run once, on the incremental build
NO_TESTS = ["--exclude", "resource_type:test", "resource_type:unit_test"]


def _reader(path: Path) -> str:
    """DuckDB's reader of a raw file, every column as text."""
    text = str(path).replace("'", "''")
    if path.suffix == ".parquet":
        return f"read_parquet('{text}')"
    return f"read_csv('{text}', header = true, all_varchar = true, quote = '\"', escape = '\"')"


def _file(folder: Path, table: str) -> Path:
    found = [p for p in (folder / f"{table}.parquet", folder / f"{table}.csv") if p.exists()]
    if not found:
        raise RuntimeError(f"no {table}.parquet or {table}.csv in {folder}")
    return found[0]


def next_day(day_one: Path, day_two: Path) -> dict[str, str]:
    """Write day two into `day_two`: every file of `day_one` (CSV or Parquet),
    the tickets, messages and survey answers with a day of new and changed
    rows after the latest canonical `updated_at` of the messages appended,
    and one ticket deleted at the source.
    Returns what was changed, for the log."""
    shutil.copytree(day_one, day_two)
    con = duckdb.connect()
    try:
        for table in ("tickets", "ticket_messages", "responses"):
            con.execute(f"create view {table} as select * from {_reader(_file(day_one, table))}")
        con.execute(
            "create macro instant(t) as try_strptime(trim(t), '%Y-%m-%d %H:%M:%S')"
        )
        day = con.execute("select max(instant(updated_at)) from ticket_messages").fetchone()[0]
        if day is None:
            raise RuntimeError(f"no message of {day_one} has a readable updated_at")
        # open email tickets created weeks before the day, with messages, as
        # their latest extract says: the first is solved, the second moves
        # to quarantine
        old = con.execute(
            """
            with latest as (
                select *, row_number() over (partition by ticket_id order by instant(updated_at) desc) as n
                from tickets
                where instant(updated_at) is not null
            )
            select ticket_id from latest
            where n = 1 and channel = 'email' and status not in ('solved', 'closed')
                and instant(created_at) < $day - interval 21 day
                and ticket_id in (select ticket_id from ticket_messages)
            order by ticket_id
            limit 2
            """,
            {"day": day},
        ).fetchall()
        if len(old) < 2:
            raise RuntimeError("the day-one data has fewer than two open email tickets weeks old to change")
        solved, moved = old[0][0], old[1][0]
        # a ticket deleted at the source (its messages stay, now orphans)
        gone = con.execute(
            "select max(ticket_id) from tickets where ticket_id in (select ticket_id from ticket_messages)"
            " and ticket_id not in ($a, $b)",
            {"a": solved, "b": moved},
        ).fetchone()[0]
        mover = con.execute(
            "select min(message_id) from ticket_messages where ticket_id = $t and instant(updated_at) is not null",
            {"t": solved},
        ).fetchone()[0]
        con.execute("create macro stamp_at(h) as strftime($day + to_seconds(cast(h * 3600 as bigint)), '%Y-%m-%d %H:%M:%S')"
                    .replace("$day", f"timestamp '{day:%Y-%m-%d %H:%M:%S}'"))
        changes = {
            "tickets": f"""
                (select * replace ('T_NEXT_DAY' as ticket_id, 'open' as status, null as solved_at,
                    null as assignee_agent_id, stamp_at(1) as created_at, stamp_at(1) as updated_at)
                from tickets where ticket_id = '{solved}' and instant(updated_at) is not null limit 1)
                union all
                (select * replace ('solved' as status, stamp_at(2) as solved_at, stamp_at(2) as updated_at)
                from tickets where ticket_id = '{solved}' and instant(updated_at) is not null limit 1)
                union all
                (select * replace ('carrier pigeon' as channel, stamp_at(3) as updated_at)
                from tickets where ticket_id = '{moved}' and instant(updated_at) is not null limit 1)
            """,
            "ticket_messages": f"""
                with template as (
                    select * from ticket_messages where message_id = '{mover}' limit 1
                ),
                new_rows (message_id, ticket_id, event_type, author_role, author_id, new_status, hours) as (
                    values
                        ('M_NEXT_1', 'T_NEXT_DAY', 'status_change', 'system', null, 'new', 1.0),
                        ('M_NEXT_2', 'T_NEXT_DAY', 'public_reply', 'agent', 'A001', null, 1.5),
                        ('M_NEXT_3', '{solved}', 'public_reply', 'agent', 'A001', null, 1.75),
                        ('M_NEXT_4', '{solved}', 'status_change', 'system', null, 'solved', 2.0),
                        (null, '{solved}', 'public_reply', 'agent', 'A001', null, 5.0),
                        ('M_LATE', '{solved}', 'internal_note', 'agent', 'A001', null, -24.0)
                )
                select template.* replace (
                    new_rows.message_id as message_id, new_rows.ticket_id as ticket_id,
                    new_rows.event_type as event_type, new_rows.author_role as author_role,
                    new_rows.author_id as author_id, new_rows.new_status as new_status, 'email' as channel,
                    null as assignee_agent_id, stamp_at(new_rows.hours) as created_at, stamp_at(new_rows.hours) as updated_at
                )
                from template cross join new_rows
                union all
                select * replace ('telepathy' as event_type, stamp_at(4) as updated_at)
                from template
            """,
            "responses": f"""
                select * replace ('R_NEXT_DAY' as response_id, '{solved}' as ticket_id, stamp_at(2.5) as sent_at,
                    stamp_at(6) as answered_at, stamp_at(6) as updated_at)
                from responses
                where survey_type = 'csat' and ticket_id is not null and score is not null
                    and instant(updated_at) is not null
                order by response_id
                limit 1
            """,
        }
        for table, rows in changes.items():
            out = _file(day_two, table)
            options = "format parquet" if out.suffix == ".parquet" else "format csv, header true, force_quote *"
            kept = f"select * from {table}" + (f" where ticket_id is distinct from '{gone}'" if table == "tickets" else "")
            con.execute(
                f"copy ({kept} union all ({rows})) to '{str(out).replace(chr(39), chr(39) * 2)}' ({options})"
            )
    finally:
        con.close()
    return {
        "day": f"{day:%Y-%m-%d %H:%M:%S}",
        "solved": solved,
        "moved_to_quarantine": moved,
        "message_moved_to_quarantine": mover,
        "deleted_at_the_source": gone,
    }


def _dbt(args: list[str], cfg: Settings, name: str) -> None:
    result = run_dbt(args, cfg, log_name=name)
    print(f"   dbt {' '.join(args[:2])} on {cfg.schema}: {result.describe()}")
    if not result.ok:
        raise RuntimeError(f"dbt {args[0]} failed on {cfg.schema}")


def _load(raw_dir: Path, cfg: Settings) -> None:
    try:
        load(raw_dir, cfg)
    except RawDataError as exc:
        raise RuntimeError(str(exc)) from exc


def check(cfg: Settings, workdir: Path) -> bool:
    from cx_metrics.generate.run import main as generate

    day_one, day_two = workdir / "day_one", workdir / "day_two"
    if generate(["--size", "ci", "--out", str(day_one), "--no-progress"]) != 0:
        raise RuntimeError("could not generate the CI data set")
    changes = next_day(day_one, day_two)
    print(f"   day two: the CI data set and a day of changes after {changes['day']}: " + json.dumps(changes))
    incremental = replace(cfg, schema=f"{cfg.schema}_inc", raw_schema=f"{cfg.schema}_inc_raw")
    full = replace(cfg, schema=f"{cfg.schema}_full", raw_schema=f"{cfg.schema}_full_raw")
    _load(day_one, incremental)
    _dbt(["build", "--full-refresh", *NO_TESTS], incremental, "incremental_check_day_one")
    _load(day_two, incremental)
    _dbt(["build", "--exclude", "resource_type:unit_test"], incremental, "incremental_check_day_two")
    _load(day_two, full)
    _dbt(["build", "--full-refresh", *NO_TESTS], full, "incremental_check_full_refresh")
    args = json.dumps({"other_base": full.schema})
    result = run_dbt(["run-operation", "cx_compare_schemas", "--args", args], incremental,
                     log_name="incremental_check_compare")
    if not result.ok:
        print("   the incremental build differs from the full refresh:")
        for message in result.errors or [result.exception or "(no message)"]:
            print("    " + message.strip().replace("\n", "\n    "))
        return False
    print(f"   every model of {incremental.schema} equals {full.schema}, row for row")
    return True


def run(cfg: Settings) -> int:
    """The check on `cfg.target`, in a temporary folder; 0 when every model is equal."""
    if cfg.target not in ("duckdb", "postgres"):
        print(f"   {cfg.target} builds its volume models as tables: nothing incremental to check")
        return 0
    with tempfile.TemporaryDirectory(prefix="cx_incremental_") as tmp:
        try:
            return 0 if check(cfg, Path(tmp)) else 1
        except RuntimeError as exc:
            print(f"   error: {exc}")
            return 1


if __name__ == "__main__":
    # python -m cx_metrics.incremental_check next-day DAY_ONE DAY_TWO: write
    # day two only (the benchmark's incremental day)
    import sys

    if len(sys.argv) != 4 or sys.argv[1] != "next-day":
        sys.exit("usage: python -m cx_metrics.incremental_check next-day DAY_ONE_FOLDER DAY_TWO_FOLDER")
    print(json.dumps(next_day(Path(sys.argv[2]), Path(sys.argv[3]))))
