"""How much of the warehouse is described, measured by dbt-coverage.

`python -m cx_metrics docs-coverage` runs `dbt docs generate` on a built
warehouse (manifest.json holds the descriptions, catalog.json the columns
every table really has), then dbt-coverage over that target folder:

    dbt-coverage compute doc --run-artifacts-dir target/<target>
        --model-path-filter models/ --model-path-filter seeds/
        --cov-fail-under 1.0 --cov-report target/<target>/coverage-doc.json

The verdict is dbt-coverage's: every column of every source, model and seed
has a description, or the step fails. Its JSON report is then read to print
the figures per layer (schema) and name each column left undescribed. A
second check reads the manifest: a base model's description names every
model, seed and source it reads.

Exit codes: 0 everything described; 1 a column or a base model's reading
undescribed; 2 could not measure (dbt or dbt-coverage failed, nothing built).
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from cx_metrics.contract import PROJECT_ROOT
from cx_metrics.settings import Settings, schema_layers

# Share of columns that must be described: all of them.
REQUIRED_COVERAGE = 1.0
# Where the tables measured are defined (dbt's original_file_path prefixes).
MEASURED_PATHS = ("models/", "seeds/")
REPORT_NAME = "coverage-doc.json"


class CoverageError(Exception):
    """The coverage could not be measured."""


@dataclass
class LayerFigures:
    covered: int = 0
    total: int = 0
    tables: int = 0

    def format(self) -> str:
        if not self.total:
            return "no tables"
        tables = f"{self.tables} table{'s' if self.tables != 1 else ''}"
        return f"{self.covered:>5,}/{self.total:<5,} {100 * self.covered / self.total:5.1f} %  ({tables})"


@dataclass
class CoverageReport:
    passed: bool
    layers: dict[str, LayerFigures]
    overall: LayerFigures
    undescribed: list[str] = field(default_factory=list)  # `table.column`
    unnamed_reads: list[str] = field(default_factory=list)  # base model: what it reads but does not name
    log_path: Path | None = None

    @property
    def ok(self) -> bool:
        return self.passed and not self.unnamed_reads

    def format(self) -> str:
        lines = ["   columns described, per layer (dbt-coverage, doc):"]
        for layer, figures in self.layers.items():
            lines.append(f"     {layer:<13} {figures.format()}")
        lines.append(f"     {'all':<13} {self.overall.format()}   required: {REQUIRED_COVERAGE:.0%}")
        if self.undescribed:
            lines.append(f"   {len(self.undescribed)} column(s) without a description:")
            lines += [f"     {name}" for name in self.undescribed[:50]]
        if self.unnamed_reads:
            lines.append("   base models whose description does not name what they read:")
            lines += [f"     {item}" for item in self.unnamed_reads]
        if self.log_path is not None:
            lines.append(f"   dbt-coverage's per-table report: {_relative(self.log_path)}")
        return "\n".join(lines)


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def coverage_command(artifacts: Path, report: Path) -> list[str]:
    executable = Path(sys.executable).with_name("dbt-coverage")
    if not executable.exists():
        raise CoverageError(f"dbt-coverage is not installed beside {sys.executable}: run `make venv`")
    command = [str(executable), "compute", "doc", "--run-artifacts-dir", str(artifacts), "--cov-report", str(report)]
    for prefix in MEASURED_PATHS:
        command += ["--model-path-filter", prefix]
    return command + ["--cov-fail-under", str(REQUIRED_COVERAGE)]


def layer_of(table: str, cfg: Settings) -> str:
    """`analytics_staging.stg_x` -> `staging` (dbt-coverage names tables schema.name)."""
    schema = table.split(".", 1)[0]
    for layer in schema_layers():
        if cfg.schema_for(layer).lower() == schema:
            return layer
    return schema


def read_report(path: Path, cfg: Settings) -> tuple[dict[str, LayerFigures], LayerFigures, list[str]]:
    """Per-layer figures, overall figures and undescribed columns from
    dbt-coverage's JSON report."""
    report = json.loads(path.read_text(encoding="utf-8"))
    layers = {layer: LayerFigures() for layer in schema_layers()}
    undescribed = []
    for table in sorted(report["tables"], key=lambda t: t["name"]):
        figures = layers.setdefault(layer_of(table["name"], cfg), LayerFigures())
        figures.covered += table["covered"]
        figures.total += table["total"]
        figures.tables += 1
        undescribed += [f"{table['name']}.{c['name']}" for c in table["columns"] if not c["covered"]]
    overall = LayerFigures(report["covered"], report["total"], len(report["tables"]))
    return layers, overall, undescribed


def unnamed_reads(manifest_path: Path) -> list[str]:
    """For each base model, the models, seeds and sources it reads that its
    description does not name (a source as `<source>.<table>`)."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    names = {uid: n["name"] for uid, n in manifest["nodes"].items()}
    names.update({uid: f"{s['source_name']}.{s['name']}" for uid, s in manifest["sources"].items()})
    missing = []
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model" or not node["name"].startswith("base_"):
            continue
        for uid in node["depends_on"]["nodes"]:
            if uid in names and names[uid] not in node["description"]:
                missing.append(f"{node['name']} reads {names[uid]}")
    return sorted(missing)


def measure(cfg: Settings) -> CoverageReport:
    from cx_metrics.dbt_runner import run_dbt

    artifacts = cfg.target_path()
    result = run_dbt(["docs", "generate"], cfg, log_name="docs_generate")
    if not result.ok:
        raise CoverageError("dbt docs generate failed: " + result.describe())
    catalog = json.loads((artifacts / "catalog.json").read_text(encoding="utf-8"))
    if not catalog["nodes"] and not catalog["sources"]:
        raise CoverageError(f"the warehouse of target {cfg.target} holds no table: build it first")
    report_path = artifacts / REPORT_NAME
    report_path.unlink(missing_ok=True)
    log_path = cfg.log_dir / f"docs_coverage_{cfg.target}.log"
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.run(
            coverage_command(artifacts, report_path), cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT
        )
    if not report_path.exists():
        tail = log_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-5:]
        raise CoverageError(
            f"dbt-coverage stopped (exit {proc.returncode}, log {_relative(log_path)}):\n" + "\n".join(tail)
        )
    layers, overall, undescribed = read_report(report_path, cfg)
    return CoverageReport(
        passed=proc.returncode == 0,
        layers=layers,
        overall=overall,
        undescribed=undescribed,
        unnamed_reads=unnamed_reads(artifacts / "manifest.json"),
        log_path=log_path,
    )
