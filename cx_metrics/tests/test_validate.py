"""The Great Expectations runner (cx_metrics.validate) on a small DuckDB file
written here with SQL, no dbt build needed: a clean file passes every suite
and gets Data Docs; each defect, put in one at a time, fails the suite that
guards against it and the report names the expectation and the column."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest
import yaml

from cx_metrics.contract import PROJECT_ROOT, allowed_values
from cx_metrics.validate import (
    CHANNELS,
    STAGING_CHECKS,
    ValidationReport,
    ValidationSetupError,
    main,
    suite_specs,
    validate,
)

# One clean staging table per model: column definitions, then rows.
STAGING_TABLES: dict[str, tuple[str, list[str]]] = {
    "stg_crm__contacts": (
        "contact_id varchar, lifecycle_stage varchar, is_customer boolean, created_at timestamp",
        [
            "('C1', 'customer', true, '2024-01-02 09:00')",
            "('C2', 'lead', false, '2024-01-03 10:00')",
            "('C3', 'customer', true, '2024-01-04 11:00')",
        ],
    ),
    "stg_helpdesk__tickets": (
        "ticket_id varchar, channel varchar, direction varchar, ticket_type varchar, priority varchar,"
        " status varchar, is_escalated boolean, is_merged boolean, is_deleted boolean, is_complaint boolean,"
        " is_outbound boolean, created_at timestamp",
        [
            "('T1', 'email', 'inbound', 'question', 'normal', 'solved', false, false, false, false, false, '2024-02-01 08:00')",
            "('T2', 'phone', 'outbound', 'complaint', 'high', 'open', true, false, false, true, true, '2024-02-01 09:00')",
            "('T3', 'chat', 'inbound', null, null, 'closed', false, false, false, false, false, '2024-02-02 10:00')",
        ],
    ),
    "stg_helpdesk__ticket_messages": (
        "message_id varchar, ticket_id varchar, event_type varchar, author_role varchar, channel varchar,"
        " new_status varchar, is_public boolean, is_before_ticket_created boolean, created_at timestamp",
        [
            "('M1', 'T1', 'public_reply', 'customer', 'email', null, true, false, '2024-02-01 08:00')",
            "('M2', 'T1', 'public_reply', 'agent', 'email', null, true, false, '2024-02-01 09:00')",
            "('M3', 'T1', 'status_change', 'system', null, 'solved', false, false, '2024-02-01 09:01')",
        ],
    ),
    "stg_helpdesk__phone_calls": (
        "call_id varchar, direction varchar, is_abandoned boolean, is_answered boolean, queue_entered_at timestamp",
        [
            "('CL1', 'inbound', false, true, '2024-02-01 09:00')",
            "('CL2', 'inbound', true, false, '2024-02-01 09:30')",
        ],
    ),
    "stg_survey__responses": (
        "response_id varchar, survey_type varchar, scale varchar, respondent_type varchar, answer_kind varchar,"
        " score integer, scale_min_score integer, scale_max_score integer, is_answered boolean, sent_at timestamp",
        [
            "('R1', 'csat', '1-5', 'contact', 'numeric', 5, 1, 5, true, '2024-02-02 08:00')",
            "('R2', 'nps', '0-10', 'contact', 'numeric', 0, 0, 10, true, '2024-02-02 08:00')",
            "('R3', 'task_completion', 'yes_no', 'contact', 'yes_no', null, null, null, true, '2024-02-02 08:00')",
            "('R4', 'ces', '1-7', 'contact', 'numeric', null, 1, 7, false, '2024-02-02 08:00')",
        ],
    ),
    "stg_billing__subscriptions": (
        "subscription_id varchar, contact_id varchar, billing_interval varchar, status varchar,"
        " amount decimal(28, 6), monthly_amount double, started_on date",
        [
            "('S1', 'C1', 'month', 'active', 49.0, 49.0, '2024-01-01')",
            "('S2', 'C3', 'year', 'cancelled', 0, 0, '2024-01-15')",
        ],
    ),
    "stg_billing__marketing_spend": (
        "spend_id varchar, channel varchar, spend_type varchar, amount decimal(28, 6), spend_date date",
        [
            "('SP1', 'search', 'marketing', 120.5, '2024-01-01')",
            "('SP2', 'events', 'sales', 0, '2024-01-02')",
        ],
    ),
}

# Raw row fates behind every base view: 9 of 10 staged or duplicate (the
# 10 % quarantined allowed by default).
BASE_STATUSES = ["staged"] * 8 + ["duplicate", "quarantined"]


def base_view(model: str) -> str:
    return "base_" + model.removeprefix("stg_")


def set_base_statuses(con: duckdb.DuckDBPyConnection, model: str, statuses: list[str]) -> None:
    rows = ", ".join(f"('{status}')" for status in statuses)
    con.execute(
        f"create or replace view analytics_staging.{base_view(model)} as"
        f" select row_status, null::varchar as quarantine_reason from (values {rows}) as t(row_status)"
    )


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """A DuckDB file holding clean staging tables and base views."""
    path = tmp_path / "cx_metrics.duckdb"
    con = duckdb.connect(str(path))
    try:
        con.execute("create schema analytics_staging")
        for model, (columns, rows) in STAGING_TABLES.items():
            con.execute(f"create table analytics_staging.{model} ({columns})")
            con.execute(f"insert into analytics_staging.{model} values {', '.join(rows)}")
            set_base_statuses(con, model, BASE_STATUSES)
    finally:
        con.close()
    return path


def alter(database: Path, sql: str) -> None:
    con = duckdb.connect(str(database))
    try:
        con.execute(sql)
    finally:
        con.close()


def staging_suites() -> list[str]:
    """This file's database holds staging tables only; the mart suites are
    tested on a built warehouse (test_mart_suites below)."""
    return [spec.name for spec in suite_specs() if spec.layer == "staging"]


def run(database: Path, tmp_path: Path, *suites: str) -> ValidationReport:
    return validate(database, docs_dir=tmp_path / "docs", suites=list(suites) or staging_suites())


def failures(report: ValidationReport, suite: str) -> list[tuple[str, str | None]]:
    return [(f.expectation_type, f.column) for f in report.suite(suite).failed]


def test_clean_build_passes_every_suite_and_writes_data_docs(database: Path, tmp_path: Path) -> None:
    report = run(database, tmp_path)

    assert report.success, report.format()
    assert [s.suite_name for s in report.suites] == [
        name for model in STAGING_CHECKS for name in (f"staging.{model}", f"staging.{model}.quarantine_share")
    ]
    tickets = report.suite("staging.stg_helpdesk__tickets")
    # row count, key unique + not null, 5 enumerations, 9 not null columns
    assert (tickets.success, tickets.evaluated, tickets.failed_count) == (True, 17, 0)
    assert report.suite("staging.stg_helpdesk__tickets.quarantine_share").relation == "analytics_staging.base_helpdesk__tickets"
    assert report.docs_index == tmp_path / "docs" / "index.html"
    assert report.docs_index.is_file()
    index = report.docs_index.read_text(encoding="utf-8")
    assert "staging.stg_survey__responses" in index
    assert list((tmp_path / "docs" / "validations").rglob("*.html"))


def test_duplicated_primary_key_fails_uniqueness(database: Path, tmp_path: Path) -> None:
    alter(
        database,
        "insert into analytics_staging.stg_helpdesk__tickets values"
        " ('T1', 'email', 'inbound', 'question', 'low', 'open', false, false, false, false, false, '2024-02-03 08:00')",
    )
    suite = "staging.stg_helpdesk__tickets"
    report = run(database, tmp_path, suite)

    assert not report.success
    assert failures(report, suite) == [("expect_column_values_to_be_unique", "ticket_id")]
    assert "'T1'" in report.suite(suite).failed[0].observed
    assert report.suite(suite).evaluated == 17


def test_channel_outside_the_set_fails(database: Path, tmp_path: Path) -> None:
    alter(database, "update analytics_staging.stg_helpdesk__tickets set channel = 'fax' where ticket_id = 'T2'")
    suite = "staging.stg_helpdesk__tickets"
    report = run(database, tmp_path, suite)

    assert failures(report, suite) == [("expect_column_values_to_be_in_set", "channel")]
    assert "'fax'" in report.suite(suite).failed[0].observed


def test_negative_amount_fails(database: Path, tmp_path: Path) -> None:
    alter(database, "update analytics_staging.stg_billing__marketing_spend set amount = -5 where spend_id = 'SP2'")
    suite = "staging.stg_billing__marketing_spend"
    report = run(database, tmp_path, suite)

    assert failures(report, suite) == [("expect_column_values_to_be_between", "amount")]
    assert report.suite(suite).failed[0].observed.startswith("1 of 2 rows unexpected")


def test_score_above_the_scale_fails(database: Path, tmp_path: Path) -> None:
    alter(database, "update analytics_staging.stg_survey__responses set score = 6 where response_id = 'R1'")
    suite = "staging.stg_survey__responses"
    report = run(database, tmp_path, suite)

    assert failures(report, suite) == [("expect_column_pair_values_a_to_be_greater_than_b", "scale_max_score, score")]


def test_half_quarantined_base_view_fails_the_share(database: Path, tmp_path: Path) -> None:
    con = duckdb.connect(str(database))
    try:
        set_base_statuses(con, "stg_helpdesk__phone_calls", ["staged", "duplicate", "quarantined", "quarantined"])
    finally:
        con.close()
    share = "staging.stg_helpdesk__phone_calls.quarantine_share"
    report = run(database, tmp_path, share, "staging.stg_helpdesk__tickets.quarantine_share")

    assert report.suite("staging.stg_helpdesk__tickets.quarantine_share").success
    assert failures(report, share) == [("expect_column_values_to_be_in_set", "row_status")]
    assert "50.0 %" in report.suite(share).failed[0].observed
    # A looser threshold lets the same view pass.
    assert validate(database, docs_dir=tmp_path / "docs", suites=[share], quarantine_threshold=0.5).success


def test_main_prints_one_line_per_suite_and_exits_1_on_failure(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alter(database, "update analytics_staging.stg_crm__contacts set lifecycle_stage = 'prospect' where contact_id = 'C2'")
    docs = tmp_path / "docs"
    code = main(
        ["--database", str(database), "--docs-dir", str(docs),
         "--suite", "staging.stg_crm__contacts", "--suite", "staging.stg_helpdesk__phone_calls"]
    )
    out = capsys.readouterr()

    assert code == 1
    lines = out.out.splitlines()
    assert lines[0].split() == ["FAIL", "staging.stg_crm__contacts", "6/7", "expectations"]
    assert "expect_column_values_to_be_in_set [lifecycle_stage]" in lines[1]
    assert lines[2].split() == ["PASS", "staging.stg_helpdesk__phone_calls", "8/8", "expectations"]
    assert lines[-1] == f"Data Docs: {docs / 'index.html'}"
    assert out.err == ""


def test_main_exits_0_when_every_suite_passes(database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--database", str(database), "--docs-dir", str(tmp_path / "docs"),
                 "--suite", "staging.stg_billing__subscriptions"])
    assert code == 0
    assert capsys.readouterr().out.startswith("PASS staging.stg_billing__subscriptions  12/12 expectations")


def test_missing_database_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.duckdb"
    code = main(["--database", str(missing), "--docs-dir", str(tmp_path / "docs")])
    err = capsys.readouterr().err

    assert code == 2
    assert err == f"error: database not found: {missing} (run `dbt build` first, or pass --database)\n"
    assert not (tmp_path / "docs").exists()


def test_missing_relation_exits_2(database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    alter(database, "drop view analytics_staging.base_survey__responses")
    code = main(["--database", str(database), "--docs-dir", str(tmp_path / "docs")])
    err = capsys.readouterr().err

    assert code == 2
    assert err.count("\n") == 1
    assert "analytics_staging.base_survey__responses not found" in err
    with pytest.raises(ValidationSetupError, match="unknown suite"):
        validate(database, docs_dir=tmp_path / "docs", suites=["staging.nope"])


def test_copied_file_keeps_views_readable(database: Path, tmp_path: Path) -> None:
    """dbt's views name the catalog of the file they were built in; a copy
    under another name still validates."""
    alter(
        database,
        "create table analytics_staging.raw_call_fates as select 'staged' as row_status from range(3);"
        " create or replace view analytics_staging.base_helpdesk__phone_calls as"
        " select row_status from cx_metrics.analytics_staging.raw_call_fates",
    )
    copy = tmp_path / "copy" / "elsewhere.duckdb"
    copy.parent.mkdir()
    shutil.copy(database, copy)

    report = validate(copy, docs_dir=tmp_path / "docs", suites=["staging.stg_helpdesk__phone_calls.quarantine_share"])
    assert report.success, report.format()


def test_checks_match_the_model_yaml_and_channel_seed() -> None:
    """The enumerations and not null columns checked here are those of the
    staging YAML (and seed channels), so the two cannot drift apart."""
    yaml_models: dict[str, dict] = {}
    for path in (PROJECT_ROOT / "models" / "staging").glob("*/_*__models.yml"):
        for model in yaml.safe_load(path.read_text(encoding="utf-8"))["models"]:
            yaml_models[model["name"]] = model

    for name, checks in STAGING_CHECKS.items():
        accepted: dict[str, set[str]] = {}
        not_null: set[str] = set()
        unique: set[str] = set()
        for column in yaml_models[name]["columns"]:
            for test in column.get("data_tests") or []:
                if test == "not_null":
                    not_null.add(column["name"])
                elif test == "unique":
                    unique.add(column["name"])
                elif isinstance(test, dict) and "accepted_values" in test:
                    accepted[column["name"]] = set(test["accepted_values"]["arguments"]["values"])
                elif isinstance(test, dict) and test.get("relationships", {}).get("arguments", {}).get("to") == "ref('channels')":
                    accepted[column["name"]] = set(CHANNELS)
        # the one-pass tests of a model's columns (cx_not_null_columns, cx_accepted_values_columns)
        for test in yaml_models[name].get("data_tests") or []:
            if isinstance(test, dict) and "cx_not_null_columns" in test:
                not_null |= set(test["cx_not_null_columns"]["arguments"]["columns"])
            elif isinstance(test, dict) and "cx_accepted_values_columns" in test:
                arguments = test["cx_accepted_values_columns"]["arguments"]
                for column, values in arguments.get("values", {}).items():
                    accepted[column] = set(values)
                # columns checked against the raw contract's allowed values
                for column in arguments.get("columns", []):
                    accepted[column] = set(allowed_values(arguments["contract_table"].split(".")[-1], column))
        assert {c: set(v) for c, v in checks.accepted_values.items()} == accepted, name
        assert set(checks.not_null) == not_null - {checks.key}, name
        assert unique == {checks.key}, name

    with open(PROJECT_ROOT / "seeds" / "channels.csv", newline="", encoding="utf-8") as f:
        assert set(CHANNELS) == {row["channel"] for row in csv.DictReader(f)}


def test_mart_suites_pass_on_a_build_and_catch_a_share_over_100(defects_warehouse: Path, tmp_path: Path) -> None:
    marts = [spec.name for spec in suite_specs() if spec.layer == "marts"]
    assert marts == [
        "marts.fct_tickets", "marts.first_response_time", "marts.resolution_time", "marts.sla_compliance",
        "marts.phone_service_level",
        "marts.first_contact_resolution", "marts.reopen_rate", "marts.complaints",
        "marts.contact_volume", "marts.preferred_channel", "marts.digitalization_rate",
        "marts.ticket_backlog",
        "marts.customer_satisfaction", "marts.net_promoter_score", "marts.customer_effort_score",
        "marts.brand_ambassadors", "marts.employee_satisfaction", "marts.task_completion", "marts.visitor_intent",
        "marts.mrr", "marts.churn_rate", "marts.customer_retention_rate", "marts.cohort_retention",
        "marts.repurchase_rate", "marts.customer_lifetime_value", "marts.dim_customers",
        "marts.customer_journey", "marts.customer_acquisition_cost", "marts.conversion_rate", "marts.referral_rate",
        "marts.organic_growth", "marts.inactive_customers", "marts.customer_engagement",
    ]
    report = validate(defects_warehouse, docs_dir=tmp_path / "docs", suites=marts)
    assert report.success, report.format()
    # The fixture's tickets all fall on one day, which has not ended when its data stops: the backlog is
    # empty, and rightly so.
    assert report.suite("marts.ticket_backlog").evaluated == 17
    assert report.suite("marts.sla_compliance").relation == "analytics_marts.sla_compliance"

    copy = tmp_path / "copy.duckdb"
    shutil.copy(defects_warehouse, copy)
    alter(copy, "update analytics_marts.sla_compliance set percent_met = 150 where period_grain = 'day'")
    broken = validate(copy, docs_dir=tmp_path / "docs", suites=["marts.sla_compliance"])
    assert not broken.success
    assert failures(broken, "marts.sla_compliance") == [("expect_column_values_to_be_between", "percent_met")]
