"""The documentation-coverage step: dbt-coverage's verdict with the options
the step passes it, the per-layer figures read from its JSON report, and
the check that a base model names what it reads. Run on small hand-made
dbt artifacts; `scripts/test_engine.sh duckdb` runs the step on the built
warehouse."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from pathlib import Path

from cx_metrics.docs_coverage import coverage_command, read_report, unnamed_reads
from cx_metrics.settings import settings


def write_artifacts(folder: Path, described: dict[str, str]) -> None:
    """manifest.json and catalog.json for one model with columns a and b and
    one seed with column c; `described` maps column names to descriptions."""
    nodes = {
        "model.cx.stg_x": ("model", "stg_x", "analytics_staging", "models/staging/stg_x.sql", ["a", "b"]),
        "seed.cx.ref_y": ("seed", "ref_y", "analytics_seeds", "seeds/ref_y.csv", ["c"]),
    }
    manifest = {"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"},
                "nodes": {}, "sources": {}}
    catalog = {"nodes": {}, "sources": {}}
    for uid, (kind, name, schema, path, columns) in nodes.items():
        manifest["nodes"][uid] = {
            "unique_id": uid, "resource_type": kind, "name": name, "schema": schema, "original_file_path": path,
            "columns": {c: {"name": c, "description": described[c]} for c in columns if c in described},
        }
        catalog["nodes"][uid] = {"unique_id": uid, "columns": {c: {"name": c} for c in columns}}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    (folder / "catalog.json").write_text(json.dumps(catalog))


def run_coverage(folder: Path) -> tuple[int, Path]:
    report = folder / "coverage-doc.json"
    proc = subprocess.run(coverage_command(folder, report), cwd=folder, capture_output=True, text=True)
    return proc.returncode, report


def test_every_column_described_passes(tmp_path):
    write_artifacts(tmp_path, {"a": "A.", "b": "B.", "c": "C."})
    code, report = run_coverage(tmp_path)
    assert code == 0
    layers, overall, undescribed = read_report(report, replace(settings(), schema="analytics"))
    assert (overall.covered, overall.total) == (3, 3)
    assert undescribed == []


def test_one_undescribed_column_fails_and_is_named(tmp_path):
    write_artifacts(tmp_path, {"a": "A.", "b": "", "c": "C."})  # an empty description is none
    code, report = run_coverage(tmp_path)
    assert code != 0
    layers, overall, undescribed = read_report(report, replace(settings(), schema="analytics"))
    assert undescribed == ["analytics_staging.stg_x.b"]
    assert (layers["staging"].covered, layers["staging"].total) == (1, 2)
    assert (layers["seeds"].covered, layers["seeds"].total) == (1, 1)
    assert layers["marts"].total == 0
    assert (overall.covered, overall.total) == (2, 3)


def test_base_model_must_name_what_it_reads(tmp_path):
    manifest = {
        "nodes": {
            "model.cx.base_a": {"resource_type": "model", "name": "base_a",
                                "description": "Reads source crm.contacts and stg_reference__labels.",
                                "depends_on": {"nodes": ["source.cx.crm.contacts", "model.cx.stg_reference__labels",
                                                         "model.cx.base_b", "seed.cx.survey_types"]}},
            "model.cx.base_b": {"resource_type": "model", "name": "base_b", "description": "",
                                "depends_on": {"nodes": []}},
            "model.cx.stg_reference__labels": {"resource_type": "model", "name": "stg_reference__labels",
                                               "description": "", "depends_on": {"nodes": ["seed.cx.survey_types"]}},
            "seed.cx.survey_types": {"resource_type": "seed", "name": "survey_types", "description": "",
                                     "depends_on": {"nodes": []}},
        },
        "sources": {"source.cx.crm.contacts": {"source_name": "crm", "name": "contacts"}},
    }
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest))
    assert unnamed_reads(path) == ["base_a reads base_b", "base_a reads survey_types"]
