"""dbt names a temporary relation after each unit test, and PostgreSQL
truncates nothing: a relation name over 63 characters fails the build there
only. Every unit test name must fit."""

from __future__ import annotations

import yaml

from cx_metrics.contract import PROJECT_ROOT

POSTGRES_NAME_LIMIT = 63


def unit_test_names() -> list[str]:
    names = []
    for path in sorted((PROJECT_ROOT / "models").rglob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        names += [test["name"] for test in doc.get("unit_tests", []) or []]
    return names


def test_every_unit_test_name_fits_a_postgres_relation_name():
    names = unit_test_names()
    assert len(names) >= 10
    too_long = [name for name in names if len(name) > POSTGRES_NAME_LIMIT]
    assert not too_long, f"unit test names over {POSTGRES_NAME_LIMIT} characters: {too_long}"
