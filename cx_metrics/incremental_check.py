"""The nightly job's promise, checked on one target: an incremental run on
the warehouse built the day before gives every model exactly what a full
refresh of the same raw data gives.

    python -m cx_metrics incremental-check --target duckdb|postgres   (scripts/test_engine.sh)

1. Day one: the CI data set, generated into a temporary folder, with one
   answered call given a caller who has no contact yet; loaded into the
   schemas `<base>_inc_*` and built in full (`dbt run`).
2. Day two: day one plus a day of new and changed raw rows (`next_day`): a
   new ticket with its messages, an update to a ticket weeks old (solved,
   with a reply), a ticket that moves to quarantine (its messages must
   follow it), a ticket deleted at the source (its messages stay, orphans
   now), a message that moves to quarantine, a message that moves to
   another ticket, a message without a key, a message arriving a day
   late, a new survey answer; a new contact, a
   contact corrected, one appearing that tickets named before and that
   call's caller appearing, both with an `updated_at` weeks old (older than
   the lookback window), and one deleted at the source (its tickets,
   answers and calls become orphans).
   Loaded into the same schemas and built incrementally, with every data
   test.
3. Day two again, loaded into `<base>_full_*` and built in full.
4. The macro `cx_compare_schemas` compares every model of the two, row for
   row in both directions, and names each one that differs.

Then the same again with day two landed as an append (`load --append`) of
the day's new and changed rows alone, on both sides: the raw tables then
hold day one and those rows (the deleted ticket and contact stay, as an
append cannot delete).

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
    if path.suffix == ".parquet":
        return f"read_parquet({_sql_path(path)})"
    return f"read_csv({_sql_path(path)}, header = true, all_varchar = true, quote = '\"', escape = '\"')"


def _sql_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _sql_text(value: str | None) -> str:
    """A SQL string literal, or null."""
    return "null" if value is None else "'" + value.replace("'", "''") + "'"


def _file(folder: Path, table: str) -> Path:
    found = [p for p in (folder / f"{table}.parquet", folder / f"{table}.csv") if p.exists()]
    if not found:
        raise RuntimeError(f"no {table}.parquet or {table}.csv in {folder}")
    return found[0]


def next_day(
    day_one: Path, day_two: Path | None, changed: Path | None = None, appearing: tuple[str, ...] = ()
) -> dict[str, str | bool | int]:
    """Write day two into `day_two`: every file of `day_one` (CSV or Parquet),
    the tickets, messages and survey answers with a day of new and changed
    rows after the latest canonical `updated_at` of the messages appended
    (among them a ticket weeks old moved to quarantine, with a survey answer
    and a call when one has any, a ticket's first agent reply moved to
    another ticket weeks old, and an answer weeks old corrected), and one
    ticket deleted at the source, with a call when one has any; the contacts
    with a contact of the day, a contact weeks old corrected, one appearing
    that tickets named before it existed, and one deleted at the source
    (a requester, and a respondent and a caller when one is), and a contact
    for each id of `appearing`; the appearing ones carry the weeks-old
    `updated_at` of the contact they copy: they arrive later than the
    lookback window. Into
    `changed`, write the new and changed rows alone (the folder of an
    append load). Either may be None. Returns what was changed, for the
    log."""
    if day_two is not None:
        shutil.copytree(day_one, day_two)
    if changed is not None:
        changed.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        for table in ("tickets", "ticket_messages", "responses", "phone_calls", "contacts"):
            con.execute(f"create view {table} as select * from {_reader(_file(day_one, table))}")
        con.execute(
            "create macro instant(t) as try_strptime(trim(t), '%Y-%m-%d %H:%M:%S')"
        )
        day = con.execute("select max(instant(updated_at)) from ticket_messages").fetchone()[0]
        if day is None:
            raise RuntimeError(f"no message of {day_one} has a readable updated_at")
        # open email tickets created weeks before the day, with messages, as
        # their latest extract says: the first is solved, the second moves
        # to quarantine when no ticket weeks old has a survey answer
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
        solved = old[0][0]
        # the ticket that moves to quarantine has a survey answer if one can,
        # and a call if one can besides: they become parent_quarantined with
        # no row of their own changed
        rated = con.execute(
            """
            select ticket_id, ticket_id in (select ticket_id from phone_calls) as has_calls from tickets
            where instant(created_at) < $day - interval 21 day and instant(updated_at) is not null
                and ticket_id != $solved
                and ticket_id in (select ticket_id from ticket_messages)
                and ticket_id in (select ticket_id from responses)
            order by has_calls desc, ticket_id
            limit 1
            """,
            {"day": day, "solved": solved},
        ).fetchone()
        moved = rated[0] if rated else old[1][0]
        # a ticket deleted at the source (its messages and calls stay, now
        # orphans), one with a call if one can
        gone = con.execute(
            """
            select ticket_id from tickets
            where ticket_id in (select ticket_id from ticket_messages) and ticket_id not in ($a, $b)
            order by ticket_id in (select ticket_id from phone_calls) desc, ticket_id desc
            limit 1
            """,
            {"a": solved, "b": moved},
        ).fetchone()[0]
        has_calls = con.execute(
            "select count(distinct ticket_id) from phone_calls where ticket_id in ($a, $b)", {"a": moved, "b": gone}
        ).fetchone()[0]
        # a contact deleted at the source: a requester, and a respondent and
        # a caller if one can be (their answers and calls become orphans with
        # no row of their own changed); and a contact id that tickets name
        # but no raw contact holds, which appears
        contact_gone = con.execute(
            """
            select contact_id from contacts
            where contact_id in (select requester_contact_id from tickets where ticket_id not in ($a, $b, $c))
            order by contact_id in (select respondent_id from responses) desc,
                contact_id in (select caller_contact_id from phone_calls) desc, contact_id
            limit 1
            """,
            {"a": solved, "b": moved, "c": gone},
        ).fetchone()[0]
        contact_found = con.execute(
            """
            select min(trim(requester_contact_id)) from tickets
            where regexp_full_match(trim(requester_contact_id), '[A-Za-z0-9_-]+')
                and trim(requester_contact_id) not in (select trim(contact_id) from contacts where contact_id is not null)
            """
        ).fetchone()[0]
        # a message that moves to another ticket: a ticket weeks old's first
        # public reply by an agent, named on another ticket weeks old by its
        # newer extract; both tickets' replies and first responses change,
        # and neither ticket has a row of its own changed (both are looked
        # for among a hundred tickets weeks old: at 10 M tickets, a window
        # over every reply held 9 GB)
        settled = [solved, moved, gone]
        con.execute(
            """
            create temp table candidates as
            select ticket_id from tickets
            where instant(created_at) < $day - interval 21 day and instant(updated_at) is not null
                and ticket_id not in (select unnest($settled))
            order by ticket_id
            limit 100
            """,
            {"day": day, "settled": settled},
        )
        hop = con.execute(
            """
            with replies as (
                select message_id, ticket_id, updated_at,
                    row_number() over (partition by ticket_id order by instant(created_at), message_id) as n
                from ticket_messages
                where ticket_id in (select ticket_id from candidates)
                    and lower(trim(event_type)) = 'public_reply' and lower(trim(author_role)) = 'agent'
                    and instant(created_at) is not null
            )
            select message_id, ticket_id from replies
            where n = 1 and message_id is not null and instant(updated_at) is not null
            order by ticket_id
            limit 1
            """
        ).fetchone()
        if hop is None:
            raise RuntimeError("the day-one data has no agent reply weeks old to move to another ticket")
        hopper, hop_from = hop
        hop_to, = con.execute(
            """
            select min(ticket_id) from candidates
            where ticket_id != $from
                and ticket_id in (
                    select ticket_id from ticket_messages where ticket_id in (select ticket_id from candidates)
                )
            """,
            {"from": hop_from},
        ).fetchone()
        if hop_to is None:
            raise RuntimeError("the day-one data has no second ticket weeks old with messages to move a reply to")
        mover = con.execute(
            "select min(message_id) from ticket_messages where ticket_id = $t and instant(updated_at) is not null",
            {"t": solved},
        ).fetchone()[0]
        con.execute("create macro stamp_at(h) as strftime($day + to_seconds(cast(h * 3600 as bigint)), '%Y-%m-%d %H:%M:%S')"
                    .replace("$day", f"timestamp '{day:%Y-%m-%d %H:%M:%S}'"))
        changes = {
            "tickets": f"""
                (select * replace ('T_NEXT_DAY' as ticket_id, 'C_NEXT_DAY' as requester_contact_id, 'open' as status,
                    null as solved_at, null as assignee_agent_id, stamp_at(1) as created_at, stamp_at(1) as updated_at)
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
                union all
                select * replace ({_sql_text(hop_to)} as ticket_id, stamp_at(4.5) as updated_at)
                from ticket_messages
                where message_id = {_sql_text(hopper)}
            """,
            "responses": f"""
                (select * replace ('R_NEXT_DAY' as response_id, '{solved}' as ticket_id, stamp_at(2.5) as sent_at,
                    stamp_at(6) as answered_at, stamp_at(6) as updated_at)
                from responses
                where survey_type = 'csat' and ticket_id is not null and score is not null
                    and instant(updated_at) is not null
                order by response_id
                limit 1)
                union all
                -- an answer weeks old, corrected: its score moves within the scale
                (select * replace (
                    cast(case when trim(score) = '1' then 2 else 1 end as varchar) as score, stamp_at(7) as updated_at)
                from responses
                where survey_type = 'csat' and trim(score) in ('1', '2', '3', '4', '5')
                    and instant(updated_at) < $day - interval 21 day
                order by response_id
                limit 1)
            """.replace("$day", f"timestamp '{day:%Y-%m-%d %H:%M:%S}'"),
            # a contact of the day (the new ticket's requester), the contact
            # that appears (with the template's weeks-old updated_at), and a
            # contact weeks old corrected
            "contacts": f"""
                with template as (
                    select * from contacts
                    where contact_id != '{contact_gone}' and instant(updated_at) < $day - interval 21 day
                    order by contact_id
                    limit 1
                )
                select * replace ('C_NEXT_DAY' as contact_id, 'next.day@example.com' as email,
                    stamp_at(0.5) as created_at, null as converted_at, stamp_at(0.5) as updated_at)
                from template
                union all
                select * replace ({_sql_text(contact_found)} as contact_id, 'found.again@example.com' as email)
                from template
                where {_sql_text(contact_found)} is not null
                union all
                select * replace (
                    case when lifecycle_stage = 'lead' then 'customer' else 'lead' end as lifecycle_stage,
                    stamp_at(8) as updated_at)
                from template
                {"".join(
                    f" union all select * replace ({_sql_text(contact)} as contact_id,"
                    f" {_sql_text(contact.lower() + '@example.com')} as email)"
                    " from template"
                    for contact in appearing
                )}
            """.replace("$day", f"timestamp '{day:%Y-%m-%d %H:%M:%S}'"),
        }
        deleted = {"tickets": f"ticket_id is distinct from '{gone}'",
                   "contacts": f"contact_id is distinct from '{contact_gone}'"}
        for table, rows in changes.items():
            name = _file(day_one, table).name
            options = "format parquet" if name.endswith(".parquet") else "format csv, header true, force_quote *"
            kept = f"select * from {table}" + (f" where {deleted[table]}" if table in deleted else "")
            if day_two is not None:
                con.execute(f"copy ({kept} union all ({rows})) to {_sql_path(day_two / name)} ({options})")
            if changed is not None:
                con.execute(f"copy ({rows}) to {_sql_path(changed / name)} ({options})")
    finally:
        con.close()
    return {
        "day": f"{day:%Y-%m-%d %H:%M:%S}",
        "solved": solved,
        "moved_to_quarantine": moved,
        "moved_ticket_has_survey_answers": rated is not None,
        "moved_and_deleted_tickets_with_calls": has_calls,
        "message_moved_to_quarantine": mover,
        "message_moved_to_another_ticket": hopper,
        "message_moved_from": hop_from,
        "message_moved_to": hop_to,
        "deleted_at_the_source": gone,
        "contact_deleted_at_the_source": contact_gone,
        "contact_found": contact_found,
    }


def _dbt(args: list[str], cfg: Settings, name: str) -> None:
    result = run_dbt(args, cfg, log_name=name)
    print(f"   dbt {' '.join(args[:2])} on {cfg.schema}: {result.describe()}")
    if not result.ok:
        raise RuntimeError(f"dbt {args[0]} failed on {cfg.schema}")


def _load(raw_dir: Path, cfg: Settings, append: bool = False) -> None:
    try:
        load(raw_dir, cfg, append)
    except RawDataError as exc:
        raise RuntimeError(str(exc)) from exc


def _land_day_two(day_two: Path, changed: Path | None, cfg: Settings) -> None:
    """Day two on raw tables that hold day one: the complete snapshot in their
    place, or the day's changed rows appended to them."""
    if changed is None:
        _load(day_two, cfg)
    else:
        _load(changed, cfg, append=True)


def _check_day_two(day_one: Path, day_two: Path, changed: Path | None, cfg: Settings) -> bool:
    """Day one built in full, day two landed and built incrementally, against
    a full refresh of the same raw data; True when every model is equal."""
    how = "snapshot" if changed is None else "append"
    incremental = replace(cfg, schema=f"{cfg.schema}_inc", raw_schema=f"{cfg.schema}_inc_raw")
    full = replace(cfg, schema=f"{cfg.schema}_full", raw_schema=f"{cfg.schema}_full_raw")
    print(f"   day two as {'a complete snapshot' if changed is None else 'an append of the changed rows'}:")
    _load(day_one, incremental)
    _dbt(["build", "--full-refresh", *NO_TESTS], incremental, f"incremental_check_{how}_day_one")
    _land_day_two(day_two, changed, incremental)
    _dbt(["build", "--exclude", "resource_type:unit_test"], incremental, f"incremental_check_{how}_day_two")
    _load(day_one, full)
    _land_day_two(day_two, changed, full)
    _dbt(["build", "--full-refresh", *NO_TESTS], full, f"incremental_check_{how}_full_refresh")
    args = json.dumps({"other_base": full.schema})
    result = run_dbt(["run-operation", "cx_compare_schemas", "--args", args], incremental,
                     log_name=f"incremental_check_{how}_compare")
    if not result.ok:
        print("   the incremental build differs from the full refresh:")
        for message in result.errors or [result.exception or "(no message)"]:
            print("    " + message.strip().replace("\n", "\n    "))
        return False
    print(f"   every model of {incremental.schema} equals {full.schema}, row for row")
    return True


def _call_from_a_contact_to_come(day_one: Path, picks: dict[str, str | bool | int]) -> dict[str, str]:
    """Give an answered call on a ticket that day two leaves alone a caller
    no raw contact holds yet (C_LATER), in `day_one`'s calls file: quarantined
    on day one (orphan_reference) while its ticket stays staged, it comes
    back when the contact appears on day two, with no row of its own or of
    its ticket changed. The CI data has no such call (its callers are their
    tickets' requesters). Returns the call, its ticket and the contact."""
    contact = "C_LATER"
    calls = _file(day_one, "phone_calls")
    con = duckdb.connect()
    try:
        for table in ("tickets", "phone_calls"):
            con.execute(f"create view {table} as select * from {_reader(_file(day_one, table))}")
        left_alone = [picks[k] for k in (
            "solved", "moved_to_quarantine", "deleted_at_the_source", "message_moved_from", "message_moved_to")]
        contacts_changed = [picks[k] for k in ("contact_deleted_at_the_source", "contact_found")]
        found = con.execute(
            """
            select phone_calls.call_id, phone_calls.ticket_id
            from phone_calls
            inner join tickets on phone_calls.ticket_id = tickets.ticket_id
            where phone_calls.answered_at is not null
                and phone_calls.ticket_id not in (select unnest($tickets))
                and tickets.requester_contact_id not in (select unnest($contacts))
                and phone_calls.caller_contact_id not in (select unnest($contacts))
            order by phone_calls.call_id
            limit 1
            """,
            {"tickets": left_alone, "contacts": [c for c in contacts_changed if c]},
        ).fetchone()
        if found is None:
            raise RuntimeError("the day-one data has no answered call on a ticket day two leaves alone")
        call, ticket = found
        rewritten = calls.with_name("rewritten_" + calls.name)
        options = "format parquet" if calls.name.endswith(".parquet") else "format csv, header true, force_quote *"
        con.execute(
            f"copy (select * replace (case when call_id = {_sql_text(call)} then {_sql_text(contact)}"
            f" else caller_contact_id end as caller_contact_id) from phone_calls)"
            f" to {_sql_path(rewritten)} ({options})"
        )
    finally:
        con.close()
    rewritten.replace(calls)
    return {"call": call, "ticket": ticket, "contact": contact}


def check(cfg: Settings, workdir: Path) -> bool:
    from cx_metrics.generate.run import main as generate

    day_one, day_two, changed = workdir / "day_one", workdir / "day_two", workdir / "changed"
    if generate(["--size", "ci", "--out", str(day_one), "--no-progress"]) != 0:
        raise RuntimeError("could not generate the CI data set")
    caller = _call_from_a_contact_to_come(day_one, next_day(day_one, None))
    changes = next_day(day_one, day_two, changed, appearing=(caller["contact"],))
    print(f"   day two: the CI data set and a day of changes after {changes['day']}: " + json.dumps(changes))
    print(f"   day one: call {caller['call']} on ticket {caller['ticket']} comes from {caller['contact']},"
          " a contact that appears on day two")
    snapshot = _check_day_two(day_one, day_two, None, cfg)
    appended = _check_day_two(day_one, day_two, changed, cfg)
    return snapshot and appended


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
    # day two only; changed-rows DAY_ONE FOLDER: the day's new and changed
    # rows alone, to append (the benchmark's incremental day)
    import sys

    if len(sys.argv) != 4 or sys.argv[1] not in ("next-day", "changed-rows"):
        sys.exit("usage: python -m cx_metrics.incremental_check next-day|changed-rows DAY_ONE_FOLDER OUT_FOLDER")
    day_one, out = Path(sys.argv[2]), Path(sys.argv[3])
    print(json.dumps(next_day(day_one, out) if sys.argv[1] == "next-day" else next_day(day_one, None, out)))
