"""Cross-engine check: every engine must clean the same raw data the same
way. `accounts` reads the model `raw_row_accounts` on a target through
`dbt show` — rows per table, outcome and reason, and a checksum of the
staged `updated_at` values — and the business clock (per calendar: its
openings and the sums of their UTC bounds, the one place where engines'
time-zone rules could differ), writes them to a JSON file and, given a
reference file from another engine, reports every difference.

    python -m cx_metrics accounts --target spark --out .build/accounts_spark.json \\
        --compare-with .build/accounts_duckdb.json
"""

from __future__ import annotations

import json
from pathlib import Path

from cx_metrics.dbt_runner import run_dbt
from cx_metrics.settings import Settings

# "table|outcome|reason" -> {"rows": n, "updated_at_checksum": s};
# "clock|calendar" -> {"openings": n, "open_epoch_sum": s, "close_epoch_sum": s}
Accounts = dict[str, dict[str, int]]

CLOCK_SQL = """
select
    calendar_id,
    count(*) as openings,
    sum(open_epoch) as open_epoch_sum,
    sum(close_epoch) as close_epoch_sum
from {{ ref('int_business_openings') }}
group by calendar_id
"""


class AccountsError(Exception):
    """The accounts could not be read; the message says why."""


def _show(cfg: Settings, sql: str, what: str):
    result = run_dbt(["show", "--inline", sql, "--limit", "-1"], cfg, log_name="accounts")
    if not result.ok:
        raise AccountsError(f"dbt show {what} failed:\n" + result.describe())
    if not result.rows:
        raise AccountsError(f"{what} is empty on {cfg.target} (log: {result.log_path})")
    return [dict(zip(result.columns, row)) for row in result.rows]


def collect(cfg: Settings) -> Accounts:
    accounts: Accounts = {}
    for row in _show(cfg, "select * from {{ ref('raw_row_accounts') }}", "raw_row_accounts"):
        key = "|".join(str(row[c]) for c in ("raw_table", "outcome", "reason"))
        checksum = row["updated_at_checksum"]
        accounts[key] = {
            "rows": int(row["n_rows"]),
            "updated_at_checksum": int(float(checksum)) if checksum is not None else 0,
        }
    for row in _show(cfg, CLOCK_SQL, "int_business_openings"):
        accounts[f"clock|{row['calendar_id']}"] = {
            name: int(float(row[name])) for name in ("openings", "open_epoch_sum", "close_epoch_sum")
        }
    return accounts


def differences(reference: Accounts, other: Accounts) -> list[str]:
    lines = []
    for key in sorted(set(reference) | set(other)):
        a, b = reference.get(key), other.get(key)
        if a != b:
            lines.append(f"{key.replace('|', ' / ')}: reference {a}, this engine {b}")
    return lines


def main(cfg: Settings, out: Path, compare_with: Path | None) -> int:
    accounts = collect(cfg)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(accounts, indent=1, sort_keys=True), encoding="utf-8")
    staged = sum(v["rows"] for k, v in accounts.items() if k.split("|")[1:2] == ["staged"])
    groups = sum(not key.startswith("clock|") for key in accounts)
    calendars = len(accounts) - groups
    print(f"   accounts on {cfg.target}: {groups} (table, outcome, reason) groups, {staged:,} staged rows, {calendars} calendars")
    if compare_with is None:
        return 0
    if not compare_with.exists():
        print(f"   no reference accounts at {compare_with}: nothing to compare")
        return 0
    diff = differences(json.loads(compare_with.read_text(encoding="utf-8")), accounts)
    if diff:
        print(f"   {cfg.target} cleans the raw data differently from {compare_with.name}:")
        for line in diff:
            print("     " + line)
        return 1
    print(
        f"   {cfg.target} matches {compare_with.name}: same lines rejected, rows staged, deduplicated and"
        " quarantined, same timestamps, same business clock"
    )
    return 0
