"""Run dbt from Python with readable output.

dbt's own log goes to a file under ``logs/``; the person running the command
sees one line per step and, when something fails, the failing nodes with
their message. Results come from ``run_results.json``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from cx_metrics.contract import PROJECT_ROOT


@dataclass
class DbtResult:
    command: list[str]
    returncode: int
    log_path: Path
    counts: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (node, status, message)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def dbt_executable() -> str:
    local = Path(sys.executable).parent / "dbt"
    return str(local) if local.exists() else (shutil.which("dbt") or "dbt")


def target_path(target: str) -> Path:
    base = os.environ.get("DBT_TARGET_PATH")
    return Path(base) if base else PROJECT_ROOT / "target" / target


def run_dbt(args: list[str], target: str, log_name: str | None = None, extra_env: dict | None = None) -> DbtResult:
    logs = PROJECT_ROOT / "logs"
    logs.mkdir(exist_ok=True)
    log_path = logs / f"{log_name or args[0]}_{target}.log"
    tpath = target_path(target)
    env = {**os.environ, "CX_TARGET": target, **(extra_env or {})}
    command = [dbt_executable(), *args, "--target", target, "--target-path", str(tpath), "--no-use-colors"]
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.run(command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    result = DbtResult(command=command, returncode=proc.returncode, log_path=log_path)
    results_file = tpath / "run_results.json"
    if results_file.exists() and results_file.stat().st_mtime >= log_path.stat().st_mtime - 5:
        data = json.loads(results_file.read_text(encoding="utf-8"))
        for item in data.get("results", []):
            status = str(item.get("status"))
            result.counts[status] = result.counts.get(status, 0) + 1
            node = item.get("unique_id", "?")
            message = (item.get("message") or "").strip().splitlines()
            first = message[0] if message else ""
            if status in ("error", "fail", "runtime error"):
                result.failures.append((node, status, first))
            elif status == "warn":
                result.warnings.append((node, first))
    return result


def short_name(unique_id: str) -> str:
    """`test.cx_metrics.unique_stg_x_id.1a2b3c` -> `unique_stg_x_id`."""
    parts = unique_id.split(".")
    return parts[2] if len(parts) > 2 else unique_id


def describe(result: DbtResult) -> str:
    """A short human summary of a dbt run."""
    parts = ", ".join(f"{n} {status}" for status, n in sorted(result.counts.items()))
    lines = [f"{parts or 'no nodes'} (log: {result.log_path.relative_to(PROJECT_ROOT)})"]
    for node, message in result.warnings[:10]:
        lines.append(f"    warn  {short_name(node)}: {message}")
    for node, status, message in result.failures[:20]:
        lines.append(f"    {status:<5} {short_name(node)}: {message}")
    if not result.ok and not result.failures:
        tail = result.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
        lines.extend("    " + line for line in tail)
    return "\n".join(lines)
