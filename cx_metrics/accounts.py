"""Cross-engine check: every engine must clean the same raw data the same
way. `accounts` reads, on a target, through one `dbt show`: the model
`raw_row_accounts` — rows per table, outcome and reason, and a checksum of
the staged `updated_at` values —, the email pseudonyms of `stg_crm__contacts`
(with the same key, every engine must give the same hashes) and the business
clock (per calendar: its openings and the sums of their UTC bounds, the one
place where engines' time-zone rules could differ). It writes them to a JSON
file and, given a reference file from another engine, reports every
difference.

    python -m cx_metrics accounts --target spark --out .build/accounts_spark.json \\
        --compare-with .build/accounts_duckdb.json
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from cx_metrics.dbt_runner import run_dbt
from cx_metrics.settings import Settings

# "table|outcome|reason" -> {"rows": n, "updated_at_checksum": s};
# "crm.contacts|pseudonyms|email_hash" -> {"rows": n, "digest": sha256 of the sorted hashes};
# "clock|calendar" -> {"openings": n, "open_epoch_sum": s, "close_epoch_sum": s}
Accounts = dict[str, dict[str, int | str]]
PSEUDONYMS = "pseudonyms"
CLOCK = "clock"

# One `dbt show`, so a Spark session is started once: the accounts, one row
# per email pseudonym under the outcome `pseudonyms`, and one row per
# calendar of the business clock under the outcome `clock`.
ACCOUNTS_SQL = """
select
    raw_table, outcome, reason, n_rows,
    cast(updated_at_checksum as {{ dbt.type_bigint() }}) as checksum_a,
    cast(null as {{ dbt.type_bigint() }}) as checksum_b,
    cast(null as {{ dbt.type_string() }}) as pseudonym
from {{ ref('raw_row_accounts') }}
union all
select
    'crm.contacts', 'pseudonyms', 'email_hash', 1,
    cast(null as {{ dbt.type_bigint() }}), cast(null as {{ dbt.type_bigint() }}), email_hash
from {{ ref('stg_crm__contacts') }}
where email_hash is not null
union all
select
    'business_clock', 'clock', calendar_id, count(*),
    cast(sum(open_epoch) as {{ dbt.type_bigint() }}), cast(sum(close_epoch) as {{ dbt.type_bigint() }}),
    cast(null as {{ dbt.type_string() }})
from {{ ref('int_business_openings') }}
group by calendar_id
"""


class AccountsError(Exception):
    """The accounts could not be read; the message says why."""


def _number(value) -> int:
    return int(float(value)) if value is not None else 0


def collect(cfg: Settings) -> Accounts:
    result = run_dbt(["show", "--inline", ACCOUNTS_SQL, "--limit", "-1"], cfg, log_name="accounts")
    if not result.ok:
        raise AccountsError("dbt show of the accounts failed:\n" + result.describe())
    if not result.rows:
        raise AccountsError(f"raw_row_accounts is empty on {cfg.target} (log: {result.log_path})")
    accounts: Accounts = {}
    pseudonyms: list[str] = []
    for values in result.rows:
        row = dict(zip(result.columns, values))
        if row["outcome"] == PSEUDONYMS:
            pseudonyms.append(row["pseudonym"])
        elif row["outcome"] == CLOCK:
            accounts[f"{CLOCK}|{row['reason']}"] = {
                "openings": _number(row["n_rows"]),
                "open_epoch_sum": _number(row["checksum_a"]),
                "close_epoch_sum": _number(row["checksum_b"]),
            }
        else:
            key = "|".join(str(row[c]) for c in ("raw_table", "outcome", "reason"))
            accounts[key] = {"rows": _number(row["n_rows"]), "updated_at_checksum": _number(row["checksum_a"])}
    accounts[f"crm.contacts|{PSEUDONYMS}|email_hash"] = {
        "rows": len(pseudonyms),
        "digest": hashlib.sha256("\n".join(sorted(pseudonyms)).encode("utf-8")).hexdigest(),
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
    calendars = sum(key.startswith(f"{CLOCK}|") for key in accounts)
    groups = len(accounts) - calendars - 1
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
        f"   {cfg.target} matches {compare_with.name}: same lines rejected, rows staged, deduplicated and "
        "quarantined, same timestamps, same email pseudonyms, same business clock"
    )
    return 0
