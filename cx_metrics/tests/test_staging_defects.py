"""Staging on a hand-written raw data set holding every defect kind: each
defect ends where it should (cleaned, deduplicated, or quarantined with the
expected reason) and no raw row is lost."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from cx_metrics.contract import contract
from cx_metrics.settings import schema_layers, settings
from cx_metrics.tests.conftest import pseudonym, query

EXPECTED_QUARANTINE = {
    "crm__contacts": {("C4", "invalid_timestamp"), ("C5", "invalid_value"), (None, "null_key")},
    "helpdesk__tickets": {
        ("T6", "unknown_channel"),
        ("T7", "orphan_reference"),
        ("T8", "invalid_timestamp"),
        ("T9", "invalid_value"),
        ("T11", "invalid_timestamp"),
        ("T12", "invalid_value"),  # is_escalated "maybe"
        ("T13", "impossible_order"),  # solved before created
        ("T14", "invalid_timestamp"),  # updated_at "NULL"
        (None, "null_key"),
    },
    "helpdesk__ticket_messages": {
        ("M5", "orphan_reference"),
        ("M6", "parent_quarantined"),  # its ticket T6 is itself quarantined
        ("M7", "invalid_value"),
        ("M8", "unknown_channel"),
        ("M9", "invalid_timestamp"),
        ("M11", "invalid_value"),  # its author is an email address: the quarantine shows it
        (None, "null_key"),
    },
    "helpdesk__phone_calls": {
        ("CL3", "orphan_reference"),
        ("CL4", "invalid_timestamp"),
        ("CL5", "impossible_order"),  # ended before answered
        ("CL6", "invalid_value"),  # is_abandoned "oui"
        (None, "null_key"),
    },
    "survey__responses": {
        ("R3", "invalid_score"),
        ("R4", "invalid_score"),
        ("R5", "invalid_score"),
        ("R9", "orphan_reference"),
        ("R10", "invalid_value"),  # scale "ten" is not a range
        ("R12", "impossible_order"),  # answered before sent
    },
    "billing__subscriptions": {
        ("S3", "invalid_amount"),
        ("S4", "invalid_amount"),
        ("S5", "orphan_reference"),
        ("S6", "impossible_order"),  # ends before it starts
        ("S8", "invalid_amount"),  # its cancellation reason is free text: the quarantine shows it
    },
    "billing__marketing_spend": {("SP3", "invalid_amount"), ("SP4", "invalid_amount"), (None, "null_key")},
}

# raw rows, staged, duplicates removed (hand-counted from the fixture files)
EXPECTED_ACCOUNTS = {
    "crm__contacts": (8, 3, 2),
    "helpdesk__tickets": (16, 6, 1),
    "helpdesk__ticket_messages": (13, 5, 1),
    "helpdesk__phone_calls": (7, 2, 0),
    "survey__responses": (14, 7, 1),  # R11: CSAT on 0-10; R13: the intent of R6's visit
    "billing__subscriptions": (9, 3, 1),
    "billing__marketing_spend": (6, 2, 1),
}


@pytest.mark.parametrize("entity", sorted(EXPECTED_QUARANTINE))
def test_quarantine_rows_and_reasons(defects_warehouse, entity):
    rows = query(defects_warehouse, f"select raw_key, quarantine_reason from analytics_quarantine.quarantine_{entity}")
    assert sorted(rows, key=str) == sorted(EXPECTED_QUARANTINE[entity], key=str)


@pytest.mark.parametrize("entity", sorted(EXPECTED_ACCOUNTS))
def test_every_raw_row_is_accounted_for(defects_warehouse, entity):
    raw_rows, staged, duplicates = EXPECTED_ACCOUNTS[entity]
    table = entity.split("__")[1]
    assert query(defects_warehouse, f"select count(*) from analytics_raw.{table}") == [(raw_rows,)]
    assert query(defects_warehouse, f"select count(*) from analytics_staging.stg_{entity}") == [(staged,)]
    assert query(
        defects_warehouse, f"select count(*) from analytics_staging.base_{entity} where row_status = 'duplicate'"
    ) == [(duplicates,)]
    assert staged + duplicates + len(EXPECTED_QUARANTINE[entity]) == raw_rows


def test_timestamps_in_every_format_become_the_same_utc_instant(defects_warehouse):
    # T1..T5 and T10 were all created at 2025-03-10 08:15 UTC, written as plain
    # UTC, +02:00, -05:00, day-first, epoch seconds and ISO with a fraction.
    rows = query(defects_warehouse, "select ticket_id, created_at from analytics_staging.stg_helpdesk__tickets")
    assert {r[1] for r in rows} == {dt.datetime(2025, 3, 10, 8, 15)}
    assert len(rows) == 6
    solved = dict(query(defects_warehouse, "select ticket_id, solved_at from analytics_staging.stg_helpdesk__tickets"))
    assert solved["T2"] == dt.datetime(2025, 3, 10, 8, 25)  # 10:25+02:00
    assert solved["T5"] == dt.datetime(2025, 3, 10, 8, 45)  # epoch 1741596300


def test_channel_variants_are_normalised(defects_warehouse):
    rows = dict(query(defects_warehouse, "select ticket_id, channel from analytics_staging.stg_helpdesk__tickets"))
    assert rows == {
        "T1": "email",  # latest extract says "email"
        "T2": "chat",  # " Live Chat"
        "T3": "phone",  # "PHONE"
        "T4": "web_form",  # "webform"
        "T5": "social",  # "twitter"
        "T10": "web_form",  # "Web Form"
    }
    assert query(
        defects_warehouse, "select channel from analytics_staging.stg_helpdesk__ticket_messages where message_id = 'M2'"
    ) == [("email",)]  # "EMAIL "


def test_latest_extract_wins(defects_warehouse):
    assert query(
        defects_warehouse, "select status, solved_at is not null from analytics_staging.stg_helpdesk__tickets where ticket_id = 'T1'"
    ) == [("solved", True)]
    assert query(defects_warehouse, "select segment from analytics_staging.stg_crm__contacts where contact_id = 'C1'") == [
        ("enterprise",)
    ]
    assert query(defects_warehouse, "select score from analytics_staging.stg_survey__responses where response_id = 'R1'") == [
        (4,)
    ]
    assert query(
        defects_warehouse, "select status, ended_on from analytics_staging.stg_billing__subscriptions where subscription_id = 'S2'"
    ) == [("cancelled", dt.date(2026, 1, 15))]


def test_event_before_ticket_creation_is_kept_and_flagged(defects_warehouse):
    assert query(
        defects_warehouse,
        "select message_id, is_before_ticket_created from analytics_staging.stg_helpdesk__ticket_messages"
        " where is_before_ticket_created",
    ) == [("M4", True)]


def test_values_are_typed(defects_warehouse):
    spend = dict(query(defects_warehouse, "select spend_id, amount from analytics_staging.stg_billing__marketing_spend"))
    assert float(spend["SP1"]) == 120.5
    assert float(spend["SP2"]) == 80.25  # "80,25"
    subs = dict(query(defects_warehouse, "select subscription_id, monthly_amount from analytics_staging.stg_billing__subscriptions"))
    assert float(subs["S2"]) == pytest.approx(82.5)  # 990 a year
    flags = dict(query(defects_warehouse, "select ticket_id, is_escalated from analytics_staging.stg_helpdesk__tickets"))
    assert flags["T2"] is True and flags["T3"] is True and flags["T1"] is False
    answer = query(defects_warehouse, "select answer from analytics_staging.stg_survey__responses where response_id = 'R6'")
    assert answer == [("yes",)]


def test_personal_data_does_not_leave_staging(defects_warehouse):
    # no column past the raw and quarantine schemas, base models included, is
    # a personal column of the contract or the raw text of one that may hold
    # personal data
    columns = {
        name
        for (name,) in query(
            defects_warehouse,
            "select column_name from information_schema.columns"
            " where table_schema not in ('analytics_raw', 'analytics_quarantine')",
        )
    }
    personal = [c for table in contract().values() for c in table.columns if c.raw_text_stays_out_of_staging]
    assert {c.name for c in personal} >= {"full_name", "email", "phone", "author_id", "cancellation_reason"}
    assert not columns & {f"raw_{c.name}" for c in personal}
    assert not columns & {c.name for c in personal if c.personal_data}
    # the email survives as a keyed SHA-256 that ignores case and surrounding spaces
    # (the latest extract of C1 says "alice.martin@example.com", the first " Alice.Martin@example.com ")
    hashes = dict(query(defects_warehouse, "select contact_id, email_hash from analytics_staging.stg_crm__contacts"))
    assert hashes["C1"] == pseudonym("alice.martin@example.com") == pseudonym(" Alice.Martin@example.com ")
    assert hashes["C2"] == pseudonym("bob@example.com")
    assert hashlib.sha256(b"alice.martin@example.com").hexdigest() not in hashes.values()  # not an unkeyed hash


def test_no_raw_personal_value_is_found_past_the_raw_and_quarantine_schemas(defects_warehouse):
    """Every name, email and phone of the raw contacts, every author id that is
    an email address and every free-text cancellation reason is looked for in
    every text value of every other schema, staging included: none is there.
    The quarantine still shows them, for correction at the source."""
    personal = {
        value.strip().lower()
        for sql in (
            "select full_name from analytics_raw.contacts union all select email from analytics_raw.contacts"
            " union all select phone from analytics_raw.contacts",
            "select author_id from analytics_raw.ticket_messages where author_id like '%@%'",
            "select cancellation_reason from analytics_raw.subscriptions where cancellation_reason like '% %'",
        )
        for (value,) in query(defects_warehouse, sql)
        if value and value.strip()
    }
    assert {"alice martin", "+33 1 00 00 00 01", "alice.martin@example.com", "carla@example.com"} <= personal
    assert "moving abroad, please call me on +33 6 12 34 56 78" in personal
    text_columns = query(
        defects_warehouse,
        "select table_schema, table_name, column_name from information_schema.columns"
        " where data_type = 'VARCHAR' and table_schema not in ('analytics_raw', 'analytics_quarantine')",
    )
    found = [
        (f"{schema}.{table}.{column}", value)
        for schema, table, column in text_columns
        for (value,) in query(defects_warehouse, f'select distinct "{column}" from "{schema}"."{table}"')
        if value and any(p in value.lower() for p in personal)
    ]
    assert found == []
    quarantined = query(
        defects_warehouse,
        "select raw_key, raw_author_id from analytics_quarantine.quarantine_helpdesk__ticket_messages"
        " where raw_key = 'M11' union all"
        " select raw_key, raw_cancellation_reason from analytics_quarantine.quarantine_billing__subscriptions"
        " where raw_key = 'S8'",
    )
    assert sorted(quarantined) == [("M11", "carla@example.com"), ("S8", "Unhappy, write to carla@example.com")]


def test_free_text_reaches_staging_only_as_a_pseudonym_or_a_category(defects_warehouse):
    authors = query(
        defects_warehouse,
        "select author_id, author_email_hash from analytics_staging.stg_helpdesk__ticket_messages where message_id = 'M10'",
    )
    contact = query(defects_warehouse, "select email_hash from analytics_staging.stg_crm__contacts where contact_id = 'C1'")
    # " Alice.Martin@Example.com " as author: the same pseudonym as contact C1's address
    assert authors == [(None, pseudonym("alice.martin@example.com"))] and contact == [(authors[0][1],)]
    reasons = dict(
        query(defects_warehouse, "select subscription_id, cancellation_reason from analytics_staging.stg_billing__subscriptions")
    )
    assert reasons == {"S1": None, "S2": "too_expensive", "S7": "other"}


def test_each_layer_lands_in_its_own_schema_named_as_the_settings_name_it(defects_warehouse):
    cfg = settings()
    where = dict(query(defects_warehouse, "select table_name, table_schema from information_schema.tables"))
    assert set(where.values()) <= {cfg.schema_for(layer) for layer in schema_layers()}
    expected = {
        "tickets": "raw",
        "cx_load_state": "raw",
        "base_helpdesk__tickets": "staging",
        "stg_helpdesk__tickets": "staging",
        "raw_row_accounts": "staging",
        "quarantine_helpdesk__tickets": "quarantine",
        "raw_data_quality": "marts",
        "teams": "seeds",
    }
    assert {table: where.get(table) for table in expected} == {t: cfg.schema_for(layer) for t, layer in expected.items()}
