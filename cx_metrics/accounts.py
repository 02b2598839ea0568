"""Cross-engine check: every engine must clean the same raw data the same
way. `accounts` asks dbt (on any target) for the fate of every raw row by
table, status and reason, plus a checksum of the staged timestamps, writes
them to a JSON file and, given a reference file from another engine,
reports every difference.

    python -m cx_metrics accounts --target spark --out .build/accounts_spark.json \
        --compare-with .build/accounts_duckdb.json
"""

from __future__ import annotations

import json
from pathlib import Path

from cx_metrics.dbt_runner import describe, run_dbt

Accounts = dict[str, dict[str, int]]  # "table|status|reason" -> {"rows": n, "updated_at_checksum": s}


def collect(target: str) -> Accounts:
    result = run_dbt(["run-operation", "cx_print_staging_accounts"], target=target, log_name="accounts")
    if not result.ok:
        raise RuntimeError("dbt run-operation cx_print_staging_accounts failed:\n" + describe(result))
    accounts: Accounts = {}
    for line in result.log_path.read_text(encoding="utf-8").splitlines():
        if "cx_account|" not in line:
            continue
        table, status, reason, rows, checksum = line.split("cx_account|", 1)[1].strip().split("|")
        accounts[f"{table}|{status}|{reason}"] = {"rows": int(rows), "updated_at_checksum": int(float(checksum))}
    if not accounts:
        raise RuntimeError(f"no accounts printed by dbt (see {result.log_path})")
    return accounts


def differences(reference: Accounts, other: Accounts) -> list[str]:
    lines = []
    for key in sorted(set(reference) | set(other)):
        a, b = reference.get(key), other.get(key)
        if a != b:
            lines.append(f"{key.replace('|', ' / ')}: reference {a}, this engine {b}")
    return lines


def main(target: str, out: Path, compare_with: Path | None) -> int:
    accounts = collect(target)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(accounts, indent=1, sort_keys=True), encoding="utf-8")
    staged = sum(v["rows"] for k, v in accounts.items() if k.split("|")[1] == "staged")
    print(f"   accounts on {target}: {len(accounts)} (table, status, reason) groups, {staged:,} staged rows")
    if compare_with is None:
        return 0
    if not compare_with.exists():
        print(f"   no reference accounts at {compare_with}: nothing to compare")
        return 0
    diff = differences(json.loads(compare_with.read_text(encoding="utf-8")), accounts)
    if diff:
        print(f"   {target} cleans the raw data differently from {compare_with.name}:")
        for line in diff:
            print("     " + line)
        return 1
    print(f"   {target} matches {compare_with.name}: same rows staged, deduplicated and quarantined, same timestamps")
    return 0
