"""Cross-engine check: every engine must clean the same raw data the same
way. `accounts` reads the model `raw_row_accounts` on a target through
`dbt show` — rows per table, outcome and reason, and a checksum of the
staged `updated_at` values — and the email pseudonyms of `stg_crm__contacts`
(with the same key, every engine must give the same hashes), writes them to a
JSON file and, given a reference file from another engine, reports every
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

# "table|outcome|reason" -> {"rows": n, "updated_at_checksum": s}, and one
# "crm.contacts|pseudonyms|email_hash" -> {"rows": n, "digest": sha256 of the sorted hashes}
Accounts = dict[str, dict[str, int | str]]

# One `dbt show`, so a Spark session is started once: the accounts, then one
# row per email pseudonym under the outcome `pseudonyms`.
ACCOUNTS_SQL = """
select raw_table, outcome, reason, n_rows, updated_at_checksum, cast(null as {{ dbt.type_string() }}) as pseudonym
from {{ ref('raw_row_accounts') }}
union all
select 'crm.contacts', 'pseudonyms', 'email_hash', 1, cast(null as {{ dbt.type_bigint() }}), email_hash
from {{ ref('stg_crm__contacts') }}
where email_hash is not null
"""
PSEUDONYMS = "pseudonyms"


class AccountsError(Exception):
    """The accounts could not be read; the message says why."""


def collect(cfg: Settings) -> Accounts:
    result = run_dbt(["show", "--inline", ACCOUNTS_SQL, "--limit", "-1"], cfg, log_name="accounts")
    if not result.ok:
        raise AccountsError("dbt show raw_row_accounts failed:\n" + result.describe())
    if not result.rows:
        raise AccountsError(f"raw_row_accounts is empty on {cfg.target} (log: {result.log_path})")
    position = {name: i for i, name in enumerate(result.columns)}
    accounts: Accounts = {}
    pseudonyms: list[str] = []
    for row in result.rows:
        key = "|".join(str(row[position[c]]) for c in ("raw_table", "outcome", "reason"))
        if row[position["outcome"]] == PSEUDONYMS:
            pseudonyms.append(row[position["pseudonym"]])
            continue
        checksum = row[position["updated_at_checksum"]]
        accounts[key] = {
            "rows": int(row[position["n_rows"]]),
            "updated_at_checksum": int(float(checksum)) if checksum is not None else 0,
        }
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
    staged = sum(v["rows"] for k, v in accounts.items() if k.split("|")[1] == "staged")
    print(f"   accounts on {cfg.target}: {len(accounts)} (table, outcome, reason) groups, {staged:,} staged rows")
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
        "quarantined, same timestamps, same email pseudonyms"
    )
    return 0
