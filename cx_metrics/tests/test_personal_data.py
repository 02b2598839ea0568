"""Personal data: the pseudonymisation key (where it may come from, that a
build without one fails where it must, that it never lands in the files a
build leaves behind)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cx_metrics.contract import PROJECT_ROOT
from cx_metrics.dbt_runner import run_dbt, short_name
from cx_metrics.load import load
from cx_metrics.settings import DEVELOPMENT_PSEUDONYM_KEY, SettingsError, settings
from cx_metrics.tests.conftest import EXAMPLE_RAW, PSEUDONYM_TEST_KEY, build_warehouse, query, warehouse_settings

GOOD_KEY = "k3y-of-my-own_1234567890"


def test_a_target_outside_development_needs_a_key_of_its_own():
    with pytest.raises(SettingsError, match="CX_PSEUDONYM_KEY is not set: target postgres"):
        settings({"CX_TARGET": "postgres"}).dbt_env()
    development = settings({}).dbt_env()
    assert development["CX_PSEUDONYM_KEY_CONFIGURED"] == "no"
    assert development["DBT_ENV_SECRET_CX_PSEUDONYM_KEY"] == DEVELOPMENT_PSEUDONYM_KEY


def test_the_key_reaches_dbt_only_as_a_secret_and_the_engines_settings():
    env = settings({"CX_TARGET": "spark", "CX_PSEUDONYM_KEY": GOOD_KEY, "PGOPTIONS": "-c work_mem=64MB"}).dbt_env()
    assert env["CX_PSEUDONYM_KEY_CONFIGURED"] == "yes"
    assert env["DBT_ENV_SECRET_CX_PSEUDONYM_KEY"] == GOOD_KEY
    assert env["PGOPTIONS"] == f"-c work_mem=64MB -c cx.pseudonym_key={GOOD_KEY}"  # the one already set is kept
    assert [name for name, value in env.items() if GOOD_KEY in value] == ["DBT_ENV_SECRET_CX_PSEUDONYM_KEY", "PGOPTIONS"]


@pytest.mark.parametrize("key", ["too-short-key", "a key with spaces in it", "quote'in-the-key-1234", "back\\slash-1234567890"])
def test_a_key_the_engines_cannot_take_as_it_is_is_refused(key):
    with pytest.raises(SettingsError, match="CX_PSEUDONYM_KEY must be at least 16 characters"):
        settings({"CX_PSEUDONYM_KEY": key})


@pytest.mark.parametrize("key", ["my-SECRET-key-12345", "Xy7passwordAb9cd1", "abcTokeN1234567890", "mine-access.key-123"])
def test_a_key_spark_would_redact_is_refused(key):
    with pytest.raises(SettingsError, match="must not contain the words secret, password, token or access key"):
        settings({"CX_PSEUDONYM_KEY": key})


def _compile_contacts(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """`dbt compile` of the contacts base model on a DuckDB target named
    `production` (not a development target), straight through dbt."""
    profiles = yaml.safe_load((PROJECT_ROOT / "profiles.yml").read_text(encoding="utf-8"))
    outputs = profiles["cx_metrics"]["outputs"]
    outputs["production"] = outputs["duckdb"]
    (tmp_path / "profiles.yml").write_text(yaml.safe_dump(profiles), encoding="utf-8")
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith(("CX_PSEUDONYM", "DBT_ENV_SECRET_"))}
    return subprocess.run(
        [
            sys.executable, "-m", "dbt.cli.main", "compile", "--select", "base_crm__contacts",
            "--profiles-dir", str(tmp_path), "--target", "production",
            "--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs"), "--no-use-colors",
        ],
        cwd=PROJECT_ROOT,
        env={**clean_env, "CX_DUCKDB_PATH": str(tmp_path / "compile.duckdb"), **env},
        capture_output=True,
        text=True,
    )


def test_dbt_refuses_to_compile_a_pseudonym_without_a_key_on_a_non_development_target(tmp_path):
    refused = _compile_contacts(tmp_path)
    assert refused.returncode != 0
    assert "No pseudonymisation key for target production: set CX_PSEUDONYM_KEY" in refused.stdout
    # the same command with a key of one's own compiles
    accepted = _compile_contacts(tmp_path, CX_PSEUDONYM_KEY_CONFIGURED="yes", DBT_ENV_SECRET_CX_PSEUDONYM_KEY=GOOD_KEY)
    assert accepted.returncode == 0, accepted.stdout[-3000:]


def _files_holding(text: str, *folders: Path) -> list[Path]:
    needle = text.encode("utf-8")
    return [
        path
        for folder in folders
        for path in folder.rglob("*")
        if path.is_file() and needle in path.read_bytes()
    ]


def test_the_key_is_in_no_file_the_build_leaves(defects_warehouse):
    """The defects warehouse was built with PSEUDONYM_TEST_KEY: not in the
    compiled SQL, the manifest, run results, partial-parse state, dbt's logs
    or the database file."""
    workdir = defects_warehouse.parent
    compiled = workdir / "target" / "compiled" / "cx_metrics" / "models" / "staging" / "crm" / "base" / "base_crm__contacts.sql"
    assert "getvariable('cx_pseudonym_key')" in compiled.read_text(encoding="utf-8")  # what the SQL holds instead
    assert (workdir / "target" / "manifest.json").exists() and (workdir / "target" / "run_results.json").exists()
    assert _files_holding(PSEUDONYM_TEST_KEY, workdir, PROJECT_ROOT / "logs") == []


def test_the_quarantine_finds_each_raw_row_personal_values_again(tmp_path):
    """Staging keeps no personal raw text; the quarantine reads it from the
    raw table by the row's identity (cx_row_identity). Two rows equal in
    every column, and two rows that a hash of the columns joined with `|`
    would confuse (a `|` moved from the name into the email), each come back
    once, with their own values."""
    raw_dir = tmp_path / "raw"
    shutil.copytree(EXAMPLE_RAW, raw_dir)
    rows = [
        ",lead,organic,,smb,FR,Europe/Paris,Twin Rows,twin@example.com,+33 1 00 00 00 02,2025-01-02,,2025-01-02",
        ",lead,organic,,smb,FR,Europe/Paris,Twin Rows,twin@example.com,+33 1 00 00 00 02,2025-01-02,,2025-01-02",
        ",lead,organic,,smb,FR,Europe/Paris,Ann|Lee,x@example.com,,2025-01-02,,2025-01-02",
        ",lead,organic,,smb,FR,Europe/Paris,Ann,Lee|x@example.com,,2025-01-02,,2025-01-02",
    ]
    with open(raw_dir / "contacts.csv", "a", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    database = build_warehouse(raw_dir, tmp_path)
    quarantined = query(
        database,
        "select raw_full_name, raw_email, raw_phone from analytics_quarantine.quarantine_crm__contacts"
        " where quarantine_reason = 'null_key'",
    )
    assert sorted(quarantined, key=str) == sorted(
        [
            ("Twin Rows", "twin@example.com", "+33 1 00 00 00 02"),
            ("Twin Rows", "twin@example.com", "+33 1 00 00 00 02"),
            ("Ann|Lee", "x@example.com", None),
            ("Ann", "Lee|x@example.com", None),
        ],
        key=str,
    )
    identities = query(
        database,
        "select row_identity, count(*) from analytics_staging.base_crm__contacts"
        " where quarantine_reason = 'null_key' group by row_identity",
    )
    assert sorted(n for _, n in identities) == [1, 1, 2]  # only the equal rows share an identity


NO_PERSONAL_DATA_TEST = "assert_no_personal_data_past_staging"
LEAKY_MODEL = """
select
    'C1' as contact_id,
    'Write to Ann.Martin@example.com' as contact_note,
    '+33 6 12 34 56 78' as callback_number,
    '01 23 45 67 89' as landline,
    ' (555) 123-4567' as desk_line,
    'redacted' as phone,
    'A001' as raw_author_id,
    '2025-03-10' as opened_on_text,
    '0000001234' as ticket_reference
"""


def _compiled_test(target: Path) -> Path:
    """The test's own query, as dbt compiled it (target/run holds it wrapped in a count)."""
    return target / "compiled" / "cx_metrics" / "tests" / "marts" / f"{NO_PERSONAL_DATA_TEST}.sql"


def test_no_personal_data_past_staging_passes_on_a_clean_build(defects_warehouse):
    target = defects_warehouse.parent / "target"
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    status = {r["unique_id"]: r["status"] for r in results}
    assert status[f"test.cx_metrics.{NO_PERSONAL_DATA_TEST}"] == "pass"
    compiled = _compiled_test(target).read_text(encoding="utf-8")
    # it read the mart and the seeds: a value test for each of their text columns,
    # among the checks of that relation's one scan
    for relation, column in (("raw_data_quality", "raw_table"), ("cancellation_reasons", "reason_code")):
        assert re.search(
            rf"'{relation}' as relation_name,((?!as relation_name).)*'{column}' as column_name", compiled, re.S
        ), (relation, column)


def test_no_personal_data_past_staging_fails_on_a_mart_that_carries_some(tmp_path):
    """A copy of the project with one more model, in the intermediate layer:
    the test refuses to compile until it depends on it, then returns each
    personal column and each column holding emails or phone numbers."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("dbt_project.yml", "profiles.yml"):
        shutil.copy(PROJECT_ROOT / name, project / name)
    for folder in ("models", "macros", "tests", "seeds", "analyses"):
        shutil.copytree(PROJECT_ROOT / folder, project / folder)
    (project / "models" / "intermediate" / "int_contacts_with_leaks.sql").write_text(LEAKY_MODEL, encoding="utf-8")
    cfg = warehouse_settings(tmp_path)
    load(EXAMPLE_RAW, cfg)
    build = ["build", "--project-dir", str(project), "--profiles-dir", str(project),
             "--select", "int_contacts_with_leaks", NO_PERSONAL_DATA_TEST]

    unordered = run_dbt(build, cfg, log_name="pytest_leaks")
    assert not unordered.ok
    assert "must run after every model and seed it reads" in " ".join(unordered.errors) + unordered.describe()
    assert "int_contacts_with_leaks" in " ".join(unordered.errors) + unordered.describe()

    test_file = project / "tests" / "marts" / f"{NO_PERSONAL_DATA_TEST}.sql"
    text = test_file.read_text(encoding="utf-8")
    test_file.write_text(
        text.replace("-- depends_on: {{ ref('teams') }}\n",
                     "-- depends_on: {{ ref('teams') }}\n-- depends_on: {{ ref('int_contacts_with_leaks') }}\n"),
        encoding="utf-8",
    )
    leaked = run_dbt(build, cfg, log_name="pytest_leaks")
    assert [(short_name(node), status) for node, status, _ in leaked.failures] == [(NO_PERSONAL_DATA_TEST, "fail")]

    findings = query(cfg.duckdb_path, _compiled_test(cfg.target_path()).read_text(encoding="utf-8"))
    assert sorted(findings) == [
        ("int_contacts_with_leaks", "callback_number", "phone_like_values", 1),
        ("int_contacts_with_leaks", "contact_note", "email_like_values", 1),
        ("int_contacts_with_leaks", "desk_line", "phone_like_values", 1),
        ("int_contacts_with_leaks", "landline", "phone_like_values", 1),
        ("int_contacts_with_leaks", "phone", "personal_data_column", 1),
        ("int_contacts_with_leaks", "raw_author_id", "personal_data_column", 1),
    ]
