"""Staging on generated data: every defect the generator injected (its
manifest, `_defects.csv`) ends where the cleaning rules say it should."""

from __future__ import annotations

import pytest

from cx_metrics.contract import contract
from cx_metrics.generate import generate
from cx_metrics.tests.conftest import build_warehouse, query

# defect kind -> the quarantine reason it must produce on the record itself
QUARANTINED_AS = {
    "null_key": "null_key",
    "invalid_timestamp": "invalid_timestamp",
    "invalid_amount": "invalid_amount",
    "invalid_score": "invalid_score",
    "unknown_channel": "unknown_channel",
    "orphan_reference": "orphan_reference",
    "invalid_boolean": "invalid_value",
    "impossible_order": "impossible_order",
    "invalid_updated_at": "invalid_timestamp",
}
# defects staging must clean, not quarantine (unless the record's parent was quarantined)
CLEANED = {"channel_variant", "timestamp_format", "event_before_ticket", "null_spelling"}
DUPLICATES = {"duplicate_exact", "duplicate_extract"}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("generated")
    raw_dir = workdir / "raw"
    generate(raw_dir, tickets=1500, seed=7, defect_rate=0.03)
    database = build_warehouse(raw_dir, workdir)
    return raw_dir, database


def _manifest(database, raw_dir):
    return query(
        database,
        f"select \"table\", record_key, defect from read_csv('{raw_dir / '_defects.csv'}', all_varchar = true)",
    )


def test_every_defect_kind_was_injected(generated):
    raw_dir, database = generated
    kinds = {defect for _, _, defect in _manifest(database, raw_dir)}
    assert kinds == set(QUARANTINED_AS) | CLEANED | DUPLICATES


@pytest.mark.parametrize("table", sorted(contract()))
def test_defects_land_where_expected(generated, table):
    raw_dir, database = generated
    entity = f"{contract()[table].source}__{table}"
    quarantine = query(database, f"select raw_key, quarantine_reason from analytics_quarantine.quarantine_{entity}")
    reason_of = {key: reason for key, reason in quarantine if key is not None}
    manifest = [(key, defect) for t, key, defect in _manifest(database, raw_dir) if t == table]

    for key, defect in manifest:
        if defect in QUARANTINED_AS and defect != "null_key":
            assert reason_of.get(key) == QUARANTINED_AS[defect], (table, key, defect)
        elif defect in CLEANED:
            assert reason_of.get(key) in (None, "parent_quarantined", "orphan_reference"), (table, key, defect)

    null_keys = sum(1 for _, defect in manifest if defect == "null_key")
    assert sum(1 for key, reason in quarantine if reason == "null_key") == null_keys
    duplicates = sum(1 for _, defect in manifest if defect in DUPLICATES)
    assert query(
        database, f"select count(*) from analytics_staging.base_{entity} where row_status = 'duplicate'"
    ) == [(duplicates,)]


def test_cleaned_defects_are_staged_in_canonical_form(generated):
    raw_dir, database = generated
    manifest = _manifest(database, raw_dir)
    variants = [key for t, key, d in manifest if t == "tickets" and d == "channel_variant"]
    assert variants
    staged = dict(query(database, "select ticket_id, channel from analytics_staging.stg_helpdesk__tickets"))
    canonical = {c for (c,) in query(database, "select channel from analytics_seeds.channels")}
    assert all(staged[key] in canonical for key in variants if key in staged)
    skewed = [key for t, key, d in manifest if t == "ticket_messages" and d == "event_before_ticket"]
    staged_messages = {m for (m,) in query(database, "select message_id from analytics_staging.stg_helpdesk__ticket_messages")}
    flagged = {
        m for (m,) in query(
            database, "select message_id from analytics_staging.stg_helpdesk__ticket_messages where is_before_ticket_created"
        )
    }
    assert set(skewed) & staged_messages, "no skewed message was staged"
    assert set(skewed) & staged_messages <= flagged
