"""A short, readable account of what a build produced on DuckDB: rows per
raw table and what became of them (staged, duplicates, quarantined by
reason)."""

from __future__ import annotations

import duckdb

from cx_metrics.contract import contract


def _relation_exists(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
            [schema, name],
        ).fetchone()[0]
    )


def staging_accounts(database: str, schema: str = "analytics") -> list[dict]:
    """One dict per raw table: raw, staged, duplicate and quarantined rows,
    and quarantined rows by reason."""
    rows = []
    con = duckdb.connect(database, read_only=True)
    try:
        for name, table in contract().items():
            entity = f"{table.source}__{name}"
            base = f"base_{entity}"
            if not _relation_exists(con, schema, base):
                continue
            by_status = dict(
                con.execute(f'select row_status, count(*) from "{schema}"."{base}" group by 1').fetchall()
            )
            reasons = con.execute(
                f'select quarantine_reason, count(*) from "{schema}"."quarantine_{entity}" group by 1 order by 2 desc, 1'
            ).fetchall()
            rows.append(
                {
                    "table": f"{table.source}.{name}",
                    "raw": sum(by_status.values()),
                    "staged": by_status.get("staged", 0),
                    "duplicate": by_status.get("duplicate", 0),
                    "quarantined": by_status.get("quarantined", 0),
                    "reasons": reasons,
                }
            )
    finally:
        con.close()
    return rows


def format_accounts(rows: list[dict]) -> str:
    header = f"  {'raw table':<26}{'raw':>10}{'staged':>10}{'dupl.':>8}{'quarant.':>10}  quarantine reasons"
    lines = [header, "  " + "-" * (len(header) + 10)]
    for r in rows:
        reasons = ", ".join(f"{code} {n}" for code, n in r["reasons"]) or "-"
        lines.append(
            f"  {r['table']:<26}{r['raw']:>10,}{r['staged']:>10,}{r['duplicate']:>8,}{r['quarantined']:>10,}  {reasons}"
        )
    return "\n".join(lines)
