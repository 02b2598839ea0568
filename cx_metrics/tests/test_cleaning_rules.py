"""Cleaning rules on raw rows written for the purpose: each test edits a copy
of examples/raw_minimal (one shared warehouse, built once for the module)
and checks where each row ends: staged, duplicate, or quarantined with the
expected reason."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from cx_metrics.tests.conftest import EXAMPLE_RAW, build_warehouse, query

TICKET = {
    "requester_contact_id": "C1", "channel": "email", "direction": "inbound", "ticket_type": "question",
    "category": "billing", "priority": "normal", "status": "open", "team": "support_emea",
    "is_escalated": "false", "is_merged": "false", "is_deleted": "false",
    "created_at": "2025-03-10 08:00:00", "updated_at": "2025-03-10 09:00:00",
}
CALL = {"team": "phone_24x7", "direction": "inbound", "queue_entered_at": "2025-03-10 09:00:00",
        "updated_at": "2025-03-10 10:00:00"}
RESPONSE = {"respondent_type": "contact", "respondent_id": "C1", "sent_at": "2025-03-10 12:00:00",
            "updated_at": "2025-03-10 14:00:00"}
SUBSCRIPTION = {"contact_id": "C1", "plan": "starter", "amount": "29.00", "currency": "EUR",
                "billing_interval": "month", "status": "active", "started_on": "2025-02-01",
                "updated_at": "2025-03-10 10:00:00"}
CONTACT = {"lifecycle_stage": "customer", "created_at": "2025-01-02 09:00:00", "updated_at": "2025-02-01 00:00:00"}
SPEND = {"spend_date": "2025-03-10", "channel": "paid_search", "spend_type": "marketing", "amount": "10",
         "currency": "EUR", "updated_at": "2025-03-11 00:00:00"}

# table -> rows appended to the copy of examples/raw_minimal
ROWS = {
    "tickets": [
        # unreadable booleans
        {**TICKET, "ticket_id": "B1", "is_escalated": "maybe"},
        {**TICKET, "ticket_id": "B2", "is_merged": "oui"},
        {**TICKET, "ticket_id": "B3", "is_deleted": "2"},
        {**TICKET, "ticket_id": "B4", "is_escalated": "", "is_merged": " ", "is_deleted": ""},
        # impossible order, equal instants
        {**TICKET, "ticket_id": "O1", "status": "solved", "solved_at": "2025-03-10 07:59:00"},
        {**TICKET, "ticket_id": "O2", "status": "solved", "solved_at": "2025-03-10T10:00:00+02:00"},
        # updated_at: empty on the newest-looking extract, unreadable beside a readable one
        {**TICKET, "ticket_id": "U1", "status": "open", "updated_at": "2025-03-10 09:00:00"},
        {**TICKET, "ticket_id": "U1", "status": "solved", "updated_at": ""},
        {**TICKET, "ticket_id": "U2", "status": "open", "updated_at": "2025-03-12 09:00:00"},
        {**TICKET, "ticket_id": "U2", "status": "pending", "updated_at": "soon"},
        {**TICKET, "ticket_id": "U3", "status": "open", "updated_at": "2025-03-10 09:00:00"},
        {**TICKET, "ticket_id": "U3", "status": "solved", "updated_at": "2025-03-11 09:00:00",
         "solved_at": "2025-03-11 08:00:00"},
        # accents and case in channel labels
        {**TICKET, "ticket_id": "A1", "channel": "Téléphone"},
        {**TICKET, "ticket_id": "A2", "channel": "TÉLÉPHONE"},
        {**TICKET, "ticket_id": "A3", "channel": "Télé-phone"},
        {**TICKET, "ticket_id": "A4", "channel": "E-MAIL"},
        # null spellings
        {**TICKET, "ticket_id": "N1", "requester_contact_id": "NULL", "team": " n/a ", "priority": "N/A",
         "direction": "null", "solved_at": "\\N"},
        {**TICKET, "ticket_id": "NULL", "team": " n/a ", "solved_at": "\\N"},
        # epoch seconds with a fraction
        {**TICKET, "ticket_id": "E1", "created_at": "1741594500.0", "updated_at": "1741594500.0"},
        {**TICKET, "ticket_id": "E2", "created_at": "1741594500.123", "updated_at": "1741594500.123"},
    ],
    "phone_calls": [
        {**CALL, "call_id": "BC1", "ended_at": "2025-03-10 09:01:00", "is_abandoned": "maybe"},
        {**CALL, "call_id": "OC1", "answered_at": "2025-03-10 08:59:00", "ended_at": "2025-03-10 09:05:00"},
        {**CALL, "call_id": "OC2", "ended_at": "2025-03-10 08:59:00", "is_abandoned": "true"},
        {**CALL, "call_id": "OC3", "answered_at": "2025-03-10 09:02:00", "ended_at": "2025-03-10 09:01:00"},
        {**CALL, "call_id": "OC4", "answered_at": "2025-03-10 09:00:00", "ended_at": "2025-03-10 09:00:00"},
    ],
    "responses": [
        {**RESPONSE, "response_id": "OR1", "survey_type": "csat", "scale": "1-5", "score": "4",
         "answered_at": "2025-03-10 11:59:59"},
        {**RESPONSE, "response_id": "OR2", "survey_type": "csat", "scale": "1-5", "score": "4",
         "answered_at": "2025-03-10 12:00:00"},
        {**RESPONSE, "response_id": "SC1", "survey_type": "csat", "scale": "0-10", "score": "9",
         "answered_at": "2025-03-10 13:00:00"},
        {**RESPONSE, "response_id": "SC2", "survey_type": "csat", "scale": "0-10", "score": "11",
         "answered_at": "2025-03-10 13:00:00"},
        {**RESPONSE, "response_id": "SC3", "survey_type": "csat", "scale": "stars", "score": "4",
         "answered_at": "2025-03-10 13:00:00"},
        {**RESPONSE, "response_id": "SC4", "survey_type": "ces", "scale": "5-1", "score": "4",
         "answered_at": "2025-03-10 13:00:00"},
        {**RESPONSE, "response_id": "SC5", "survey_type": "employee", "scale": "0-10", "score": "0",
         "respondent_type": "employee", "respondent_id": "E001", "answered_at": "2025-03-10 13:00:00"},
    ],
    "subscriptions": [
        {**SUBSCRIPTION, "subscription_id": "OS1", "ended_on": "2025-01-31"},
        {**SUBSCRIPTION, "subscription_id": "OS2", "ended_on": "2025-02-01"},
    ],
    "contacts": [
        {**CONTACT, "contact_id": "OCT1", "converted_at": "2025-01-02 08:59:59"},
        {**CONTACT, "contact_id": "OCT2", "converted_at": "2025-01-02 09:00:00", "email": "N/A"},
    ],
    "marketing_spend": [
        {**SPEND, "spend_id": "USP1", "updated_at": ""},
        {**SPEND, "spend_id": "USP2", "updated_at": "NULL"},
    ],
}


def _append(path: Path, rows: list[dict]) -> None:
    with path.open(newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    with path.open("a", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header, restval="", lineterminator="\n")
        writer.writerows(rows)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("cleaning_rules")
    raw_dir = workdir / "raw"
    shutil.copytree(EXAMPLE_RAW, raw_dir)
    for table, rows in ROWS.items():
        _append(raw_dir / f"{table}.csv", rows)
    return build_warehouse(raw_dir, workdir)


def _fates(database, entity: str, key: str, keys: tuple[str, ...]) -> list[tuple]:
    listed = ", ".join(f"'{k}'" for k in keys)
    return sorted(query(
        database,
        f"select {key}, row_status, quarantine_reason from analytics_staging.base_{entity} where {key} in ({listed})",
    ), key=str)


def test_unreadable_booleans_are_quarantined_not_read_as_false(warehouse):
    assert _fates(warehouse, "helpdesk__tickets", "ticket_id", ("B1", "B2", "B3", "B4")) == [
        ("B1", "quarantined", "invalid_value"),
        ("B2", "quarantined", "invalid_value"),
        ("B3", "quarantined", "invalid_value"),
        ("B4", "staged", None),
    ]
    assert query(warehouse, "select is_escalated, is_merged from analytics_staging.stg_helpdesk__tickets"
                            " where ticket_id = 'B4'") == [(False, False)]
    assert _fates(warehouse, "helpdesk__phone_calls", "call_id", ("BC1",)) == [("BC1", "quarantined", "invalid_value")]


def test_impossible_order_is_quarantined_and_equal_instants_are_allowed(warehouse):
    assert _fates(warehouse, "helpdesk__tickets", "ticket_id", ("O1", "O2")) == [
        ("O1", "quarantined", "impossible_order"),
        ("O2", "staged", None),
    ]
    assert _fates(warehouse, "helpdesk__phone_calls", "call_id", ("OC1", "OC2", "OC3", "OC4")) == [
        ("OC1", "quarantined", "impossible_order"),
        ("OC2", "quarantined", "impossible_order"),
        ("OC3", "quarantined", "impossible_order"),
        ("OC4", "staged", None),
    ]
    assert _fates(warehouse, "survey__responses", "response_id", ("OR1", "OR2")) == [
        ("OR1", "quarantined", "impossible_order"),
        ("OR2", "staged", None),
    ]
    assert _fates(warehouse, "billing__subscriptions", "subscription_id", ("OS1", "OS2")) == [
        ("OS1", "quarantined", "impossible_order"),
        ("OS2", "staged", None),
    ]
    assert _fates(warehouse, "crm__contacts", "contact_id", ("OCT1", "OCT2")) == [
        ("OCT1", "quarantined", "impossible_order"),
        ("OCT2", "staged", None),
    ]
    reasons = {r for (r,) in query(warehouse, "select reason_code from analytics_seeds.quarantine_reasons")}
    assert "impossible_order" in reasons


def test_updated_at_is_required_and_no_older_extract_stands_in(warehouse):
    rows = sorted(query(
        warehouse,
        "select ticket_id, status, row_status, quarantine_reason from analytics_staging.base_helpdesk__tickets"
        " where ticket_id in ('U1', 'U2', 'U3')",
    ), key=str)
    assert rows == sorted([
        ("U1", "open", "duplicate", None),
        ("U1", "solved", "quarantined", "invalid_timestamp"),
        ("U2", "open", "duplicate", None),
        ("U2", "pending", "quarantined", "invalid_timestamp"),
        ("U3", "open", "duplicate", None),
        ("U3", "solved", "staged", None),
    ], key=str)
    staged = {t for (t,) in query(warehouse, "select ticket_id from analytics_staging.stg_helpdesk__tickets")}
    assert not staged & {"U1", "U2"}
    assert _fates(warehouse, "billing__marketing_spend", "spend_id", ("USP1", "USP2")) == [
        ("USP1", "quarantined", "invalid_timestamp"),
        ("USP2", "quarantined", "invalid_timestamp"),
    ]


def test_channel_labels_fold_accents(warehouse):
    channels = dict(query(
        warehouse,
        "select ticket_id, channel from analytics_staging.stg_helpdesk__tickets where ticket_id in ('A1', 'A2', 'A3', 'A4')",
    ))
    assert channels == {"A1": "phone", "A2": "phone", "A3": "phone", "A4": "email"}


def test_null_spellings_read_as_empty_and_quarantine_keeps_the_raw_text(warehouse):
    assert query(
        warehouse,
        "select requester_contact_id, team, priority, direction, solved_at from analytics_staging.stg_helpdesk__tickets"
        " where ticket_id = 'N1'",
    ) == [(None, None, None, "inbound", None)]
    # the quarantine shows the text as it arrived, null spellings included
    assert query(
        warehouse,
        "select raw_key, quarantine_reason, raw_ticket_id, raw_team, raw_solved_at"
        " from analytics_quarantine.quarantine_helpdesk__tickets where raw_key = 'NULL'",
    ) == [("NULL", "null_key", "NULL", " n/a ", "\\N")]
    assert query(warehouse, "select email_hash from analytics_staging.stg_crm__contacts where contact_id = 'OCT2'") == [(None,)]


def test_epoch_seconds_with_a_fraction_parse(warehouse):
    rows = dict(query(
        warehouse, "select ticket_id, created_at from analytics_staging.stg_helpdesk__tickets where ticket_id in ('E1', 'E2')"
    ))
    assert rows == {"E1": dt.datetime(2025, 3, 10, 8, 15), "E2": dt.datetime(2025, 3, 10, 8, 15)}


def test_any_numeric_scale_is_accepted_and_checked_against_its_own_range(warehouse):
    assert _fates(warehouse, "survey__responses", "response_id", ("SC1", "SC2", "SC3", "SC4", "SC5")) == [
        ("SC1", "staged", None),
        ("SC2", "quarantined", "invalid_score"),
        ("SC3", "quarantined", "invalid_value"),
        ("SC4", "quarantined", "invalid_value"),
        ("SC5", "staged", None),
    ]
    assert query(
        warehouse,
        "select score, scale_min_score, scale_max_score, metric_scale_min, metric_scale_max"
        " from analytics_staging.stg_survey__responses where response_id = 'SC1'",
    ) == [(9, 0, 10, 1, 5)]
