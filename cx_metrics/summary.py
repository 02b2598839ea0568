"""What a DuckDB build made of every raw line, read from the model
`raw_row_accounts`: per raw table, the file's lines, the rows rejected by
the loader, staged, dropped as older duplicates and quarantined by reason;
and the teams the tickets name that seed `teams` does not know."""

from __future__ import annotations

from collections import defaultdict

import duckdb

from cx_metrics.settings import Settings


class SummaryError(Exception):
    """The build's tables cannot be read; the message says why."""


def _query(cfg: Settings, sql: str) -> list[tuple]:
    try:
        con = duckdb.connect(str(cfg.duckdb_path), read_only=True)
    except duckdb.Error as exc:
        raise SummaryError(f"cannot open {cfg.duckdb_path}: {str(exc).splitlines()[0]}") from None
    try:
        return con.execute(sql).fetchall()
    except duckdb.Error as exc:
        raise SummaryError(f"cannot read the build's accounts: {str(exc).splitlines()[0]}") from None
    finally:
        con.close()


def read_accounts(cfg: Settings) -> list[dict]:
    """One dict per raw table, in the model's words."""
    rows = _query(
        cfg,
        f"""
        select raw_table, outcome, reason, n_rows, n_lines, table_file_name, table_file_lines
        from "{cfg.schema_for('staging')}".raw_row_accounts
        order by raw_table, outcome, n_rows desc, reason
        """,
    )
    tables: dict[str, dict] = {}
    for raw_table, outcome, reason, n_rows, n_lines, file_name, file_lines in rows:
        t = tables.setdefault(
            raw_table,
            {"table": raw_table, "file": file_name, "lines": file_lines, "counts": defaultdict(int), "reasons": []},
        )
        t["counts"][outcome] += n_lines if outcome == "rejected" else n_rows
        if outcome in ("quarantined", "rejected") and n_rows:
            t["reasons"].append((reason, n_rows))
    return list(tables.values())


def unknown_teams(cfg: Settings) -> list[tuple[str, int]]:
    """Teams of staged tickets, calls and survey answers missing from seed teams."""
    staging = cfg.schema_for("staging")
    return _query(
        cfg,
        f"""
        with named as (
            select team from "{staging}".stg_helpdesk__tickets
            union all select team from "{staging}".stg_helpdesk__phone_calls
            union all select team from "{staging}".stg_survey__responses
        )
        select team, count(*) from named
        where team is not null and team not in (select team from "{cfg.schema_for('seeds')}".teams)
        group by team order by team
        """,
    )


def format_accounts(tables: list[dict]) -> str:
    header = (
        f"  {'raw table':<25}{'lines':>10}{'rejected':>9}{'staged':>10}{'dupl.':>8}{'quarant.':>9}"
        "  rejects and quarantine reasons"
    )
    lines = [header, "  " + "-" * (len(header) + 6)]
    for t in tables:
        c = t["counts"]
        reasons = ", ".join(f"{code} {n:,}" for code, n in t["reasons"]) or "-"
        lines.append(
            f"  {t['table']:<25}{t['lines'] or 0:>10,}{c['rejected']:>9,}{c['staged']:>10,}{c['duplicate']:>8,}"
            f"{c['quarantined']:>9,}  {reasons}"
        )
    lines.append("  lines: of the raw file, header included; rejected: lines the loader could not read (table cx_load_rejects in the raw schema)")
    return "\n".join(lines)
