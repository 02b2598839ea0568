"""Run dbt from Python and read its results from dbt's programmatic API.

Each invocation runs ``dbtRunner`` in a child process (this module's
``__main__``): the engines' connections, the Spark session and the DuckDB
file lock all end with it, so the caller can open the database afterwards.
The child sends back what ``dbtRunnerResult`` holds — every node's status
and message, the rows of a ``dbt show`` — plus the messages of dbt's error
events (for run-operations, whose result carries none). dbt's console
output goes to a file under ``logs/``; the person sees a short summary.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from cx_metrics.contract import PROJECT_ROOT
from cx_metrics.settings import Settings

FAILED_STATUSES = ("error", "fail", "runtime error")


@dataclass
class DbtResult:
    command: list[str]
    success: bool
    log_path: Path
    exception: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (node, status, message)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    log_warnings: list[str] = field(default_factory=list)  # warnings the project's macros raised
    errors: list[str] = field(default_factory=list)  # messages of dbt's error events
    columns: list[str] = field(default_factory=list)  # `dbt show`: column names
    rows: list[list] = field(default_factory=list)  # `dbt show`: rows
    compiled_code: str | None = None  # `dbt compile --inline`: the SQL

    @property
    def ok(self) -> bool:
        return self.success

    def describe(self) -> str:
        return describe(self)


def short_name(unique_id: str) -> str:
    """`test.cx_metrics.unique_stg_x_id.1a2b3c` -> `unique_stg_x_id`;
    `source.cx_metrics.helpdesk.tickets` -> `helpdesk.tickets`."""
    parts = unique_id.split(".")
    if parts[0] == "source" and len(parts) > 3:
        return ".".join(parts[2:])
    return parts[2] if len(parts) > 2 else unique_id


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def describe(result: DbtResult) -> str:
    """A short human summary of a dbt invocation."""
    parts = ", ".join(f"{n} {status}" for status, n in sorted(result.counts.items()))
    lines = [f"{parts or 'no nodes'} (log: {_relative(result.log_path)})"]
    for message in dict.fromkeys(result.log_warnings):
        lines.append(f"    warning: {message}")
    for node, message in result.warnings[:10]:
        lines.append(f"    warn  {short_name(node)}: {message}")
    for node, status, message in result.failures[:20]:
        lines.append(f"    {status:<5} {short_name(node)}: {message}")
    if not result.ok and not result.failures:
        for message in (result.errors or ([result.exception] if result.exception else []))[:10]:
            lines.extend("    " + line for line in message.strip().splitlines()[:12])
    return "\n".join(lines)


def run_dbt(args: list[str], cfg: Settings, log_name: str | None = None) -> DbtResult:
    """`dbt <args>` on `cfg.target`, in a child process."""
    logs = cfg.log_dir
    logs.mkdir(exist_ok=True)
    log_path = logs / f"{log_name or args[0]}_{cfg.target}.log"
    command = [
        *args,
        "--target", cfg.target,
        "--target-path", str(cfg.target_path()),
        "--log-path", str(logs),
        "--no-use-colors",
    ]
    env = {**os.environ, **cfg.dbt_env()}
    env.pop("CX_PSEUDONYM_KEY", None)  # dbt gets the key as a secret (Settings.dbt_env), never as this
    with tempfile.TemporaryDirectory(prefix="cx_dbt_") as tmp:
        request, response = Path(tmp) / "request.json", Path(tmp) / "response.json"
        request.write_text(json.dumps(command), encoding="utf-8")
        with open(log_path, "w", encoding="utf-8") as log:
            proc = subprocess.run(
                [sys.executable, "-m", "cx_metrics.dbt_runner", str(request), str(response)],
                cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            )
        if not response.exists():
            tail = log_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-12:]
            return DbtResult(command, False, log_path, f"dbt stopped (exit {proc.returncode}):\n" + "\n".join(tail))
        data = json.loads(response.read_text(encoding="utf-8"))
    result = DbtResult(
        command, data["success"], log_path, data["exception"], errors=data["errors"],
        log_warnings=data["log_warnings"], columns=data["columns"], rows=data["rows"],
        compiled_code=data.get("compiled_code"),
    )
    for item in data["results"]:
        status, node, message = item["status"], item["unique_id"], item["message"]
        result.counts[status] = result.counts.get(status, 0) + 1
        if status in FAILED_STATUSES:
            result.failures.append((node, status, message))
        elif status == "warn":
            result.warnings.append((node, message))
    return result


# --------------------------------------------------------------------------
# The child process
# --------------------------------------------------------------------------


def _plain(value):
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _first_line(text: str | None) -> str:
    lines = (text or "").strip().splitlines()
    return lines[0] if lines else ""


def _invoke(command: list[str]) -> dict:
    from dbt.cli.main import dbtRunner

    errors: list[str] = []
    log_warnings: list[str] = []

    def on_event(event) -> None:
        if event.info.level == "error" and event.info.msg:
            errors.append(str(event.info.msg))
        elif event.info.name == "JinjaLogWarning" and event.info.msg:
            log_warnings.append(str(event.info.msg))

    res = dbtRunner(callbacks=[on_event]).invoke(command)
    out = {
        "success": bool(res.success),
        "exception": str(res.exception) if res.exception else None,
        "errors": errors,
        "log_warnings": log_warnings,
        "results": [],
        "columns": [],
        "rows": [],
        "compiled_code": None,
    }
    for item in getattr(res.result, "results", None) or []:
        node = getattr(item, "node", None)  # run-operations give results without a node
        unique_id = node.unique_id if node is not None else getattr(item, "unique_id", "?")
        message = _first_line(item.message)
        if getattr(item, "max_loaded_at", None) is not None:  # `dbt source freshness`
            message = f"latest updated_at {item.max_loaded_at:%Y-%m-%d %H:%M} UTC, {item.age / 86400:.1f} days old"
        out["results"].append({"unique_id": unique_id, "status": str(item.status), "message": message})
        table = getattr(item, "agate_table", None)
        if table is not None and not out["columns"]:  # the first node's rows: `dbt show --inline`
            out["columns"] = list(table.column_names)
            out["rows"] = [[_plain(v) for v in row] for row in table.rows]
        if unique_id.startswith("sql_operation."):  # `dbt compile --inline`
            out["compiled_code"] = getattr(node, "compiled_code", None)
    return out


if __name__ == "__main__":
    request, response = Path(sys.argv[1]), Path(sys.argv[2])
    os.chdir(PROJECT_ROOT)
    try:
        payload = _invoke(json.loads(request.read_text(encoding="utf-8")))
    except Exception as exc:  # reported to the caller as a failed invocation, never a traceback
        import traceback

        traceback.print_exc()  # into the log file
        payload = {"success": False, "exception": f"{type(exc).__name__}: {exc}", "errors": [], "log_warnings": [],
                   "results": [], "columns": [], "rows": []}
    response.write_text(json.dumps(payload, default=str), encoding="utf-8")
