"""Tests of the raw data generator: contract, determinism, cleanliness,
referential integrity, realistic rates, defects and output formats."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest
import yaml

from cx_metrics.contract import PROJECT_ROOT, allowed_values, contract, seed
from cx_metrics.generate import (
    CHANNEL_VARIANTS,
    CHANNELS,
    DEFECT_KINDS,
    DEFECTS_FILE,
    INVALID_TIMESTAMPS,
    UNKNOWN_CHANNELS,
    generate,
    main,
)
from cx_metrics.generate.defects import INVALID_SCORES, NULL_SPELLINGS
from cx_metrics.generate.survey import NUMERIC_SCALES, SCALES
from cx_metrics.generate.vocabulary import SURVEY_SCALES

TABLES = list(contract())
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DECIMAL = re.compile(r"^\d+\.\d{2}$")
SCALE_RANGES = {"1-5": (1, 5), "0-10": (0, 10), "1-10": (1, 10), "1-7": (1, 7)}


def read(folder, table: str) -> pd.DataFrame:
    """A generated CSV as text, missing values as empty strings."""
    return pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)


def read_all(folder) -> dict[str, pd.DataFrame]:
    return {table: read(folder, table) for table in TABLES}


def file_bytes(folder) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def stamps(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values.replace("", None), format="%Y-%m-%d %H:%M:%S")


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """A clean run, large enough for stable rates."""
    folder = tmp_path_factory.mktemp("clean")
    counts = generate(folder, tickets=6_000, seed=7, defect_rate=0)
    return folder, counts, read_all(folder)


@pytest.fixture(scope="module")
def defective(tmp_path_factory):
    """A run with many defects, so that every kind shows up."""
    folder = tmp_path_factory.mktemp("defective")
    generate(folder, tickets=2_000, seed=11, defect_rate=0.2)
    manifest = pd.read_csv(folder / DEFECTS_FILE, dtype=str, keep_default_na=False)
    return folder, read_all(folder), manifest


# --------------------------------------------------------------------------
# Contract and determinism


def test_every_table_has_exactly_the_contract_columns(clean, defective):
    for folder in (clean[0], defective[0]):
        for table, spec in contract().items():
            header = pa_csv.read_csv(folder / f"{table}.csv").column_names
            assert header == spec.column_names, table


def test_returned_counts_match_the_files(clean):
    _, counts, data = clean
    assert counts == {table: len(frame) for table, frame in data.items()}
    assert all(counts[table] > 0 for table in TABLES)


def test_same_arguments_give_identical_bytes(tmp_path):
    generate(tmp_path / "a", tickets=400, seed=3, defect_rate=0.05)
    generate(tmp_path / "b", tickets=400, seed=3, defect_rate=0.05)
    generate(tmp_path / "c", tickets=400, seed=4, defect_rate=0.05)
    first, again, other = (file_bytes(tmp_path / x) for x in "abc")
    assert set(first) == {f"{t}.csv" for t in TABLES} | {DEFECTS_FILE}
    assert first == again
    assert all(first[name] != other[name] for name in first)


def test_chunking_does_not_change_the_output(tmp_path):
    # 2,500 tickets and 625 contacts: several chunks of each at 500.
    generate(tmp_path / "one", tickets=2_500, seed=5, defect_rate=0.1)
    generate(tmp_path / "many", tickets=2_500, seed=5, defect_rate=0.1, chunk_size=500)
    assert file_bytes(tmp_path / "one") == file_bytes(tmp_path / "many")


def test_parquet_holds_the_same_content_as_csv(tmp_path):
    generate(tmp_path / "csv", tickets=500, seed=9, defect_rate=0.1, fmt="csv")
    generate(tmp_path / "pq", tickets=500, seed=9, defect_rate=0.1, fmt="parquet")
    for table, spec in contract().items():
        from_parquet = pq.read_table(tmp_path / "pq" / f"{table}.parquet")
        assert from_parquet.column_names == spec.column_names
        assert all(str(field.type) == "string" for field in from_parquet.schema)
        as_text = pa_csv.ConvertOptions(
            column_types={c: "string" for c in spec.column_names}, strings_can_be_null=True,
            null_values=[""],  # a null spelling such as NULL is data here, as for the loader
        )
        from_csv = pa_csv.read_csv(tmp_path / "csv" / f"{table}.csv", convert_options=as_text)
        assert from_parquet.equals(from_csv), table
    assert (tmp_path / "csv" / DEFECTS_FILE).read_bytes() == (tmp_path / "pq" / DEFECTS_FILE).read_bytes()


def test_command_line(tmp_path, capsys):
    assert main(["--out", str(tmp_path), "--size", "tiny", "--seed", "1", "--format", "csv"]) == 0
    assert "tickets" in capsys.readouterr().out
    assert len(read(tmp_path, "tickets")) >= 300


def label_key(label: str) -> str:
    """A channel label as staging matches it (macro cx_normalise_label)."""
    folded = unicodedata.normalize("NFKD", label.strip()).encode("ascii", "ignore").decode()
    return re.sub(r"[ ._-]", "", folded.lower())


def test_generator_words_agree_with_the_contract_and_seeds():
    """What the generator writes on purpose is read by staging as intended:
    each channel variant is a synonym of its own channel, an unknown channel
    of none, a null spelling is in var null_spellings, and every numeric scale
    it writes has invalid scores to inject; the seeds it reads agree with the
    contract."""
    message_channels = set(allowed_values("ticket_messages", "channel"))
    assert {row["channel"] for row in seed("channels")} == set(CHANNELS) == message_channels
    assert set(SURVEY_SCALES) == set(allowed_values("responses", "survey_type"))

    synonyms = {label_key(row["label"]): row["channel"] for row in seed("channel_synonyms")}
    synonyms |= {label_key(channel): channel for channel in CHANNELS}
    for channel, spellings in zip(CHANNELS, CHANNEL_VARIANTS):
        assert {synonyms.get(label_key(s)) for s in spellings} == {channel}, spellings
    assert not {label_key(s) for s in UNKNOWN_CHANNELS} & set(synonyms)

    project = yaml.safe_load((PROJECT_ROOT / "dbt_project.yml").read_text(encoding="utf-8"))
    assert {s.strip().lower() for s in NULL_SPELLINGS} <= {str(s).lower() for s in project["vars"]["null_spellings"]}
    assert set(INVALID_SCORES) == {SCALES[code] for code in NUMERIC_SCALES}


# --------------------------------------------------------------------------
# A clean run is clean


def test_clean_run_has_no_defects(clean):
    folder, _, data = clean
    assert (folder / DEFECTS_FILE).read_text() == "table,record_key,defect\n"
    for table, spec in contract().items():
        frame = data[table]
        key = frame[spec.primary_key]
        assert (key != "").all() and key.is_unique, table
        for column in spec.columns:
            values = frame[column.name]
            present = values[values != ""]
            if column.contract_type == "timestamp":
                assert present.str.match(TIMESTAMP).all(), (table, column.name)
            elif column.contract_type == "date":
                assert present.str.match(DATE).all(), (table, column.name)
            elif column.contract_type == "decimal":
                assert present.str.match(DECIMAL).all() and len(present) == len(values), (table, column.name)
            elif column.contract_type == "boolean":
                assert set(values) <= {"true", "false"}, (table, column.name)
            elif column.contract_type == "integer":
                assert present.str.fullmatch(r"\d+").all(), (table, column.name)
            if column.allowed_values:
                assert set(present) <= set(column.allowed_values), (table, column.name)
    for table, column in (("tickets", "channel"), ("ticket_messages", "channel")):
        assert set(data[table][column]) <= set(CHANNELS)


def test_clean_run_is_consistent_in_time(clean):
    data = clean[2]
    tickets = data["tickets"].set_index("ticket_id")
    created, updated = stamps(tickets.created_at), stamps(tickets.updated_at)
    assert (updated >= created).all()
    solved = stamps(tickets.solved_at)
    assert (solved.dropna() >= created[solved.notna()]).all()
    assert created.min() >= pd.Timestamp("2025-05-01") and updated.max() < pd.Timestamp("2026-11-01")

    messages = data["ticket_messages"]
    at = stamps(messages.created_at)
    assert (at.values >= created.loc[messages.ticket_id].values).all()
    assert (at.max() < pd.Timestamp("2026-11-01"))

    contacts = data["contacts"]
    converted = stamps(contacts.converted_at)
    assert (converted.dropna() > stamps(contacts.created_at)[converted.notna()]).all()
    assert ((contacts.lifecycle_stage == "customer") == converted.notna()).all()

    calls = data["phone_calls"]
    queue, answered, ended = stamps(calls.queue_entered_at), stamps(calls.answered_at), stamps(calls.ended_at)
    assert (answered.dropna() >= queue[answered.notna()]).all()
    assert (ended >= queue).all()
    assert ((calls.is_abandoned == "true") <= answered.isna()).all()

    subscriptions = data["subscriptions"]
    ended_on = subscriptions.ended_on[subscriptions.ended_on != ""]
    assert (ended_on > subscriptions.started_on[ended_on.index]).all()
    assert ((subscriptions.status == "active") == (subscriptions.ended_on == "")).all()


def test_clean_run_has_referential_integrity(clean):
    data = clean[2]
    tickets = set(data["tickets"].ticket_id)
    contacts_frame = data["contacts"].set_index("contact_id")
    contacts = set(contacts_frame.index)

    assert set(data["ticket_messages"].ticket_id) <= tickets
    assert set(data["tickets"].requester_contact_id) <= contacts
    assert set(data["tickets"].merged_into_ticket_id) - {""} <= tickets
    calls = data["phone_calls"]
    assert set(calls.ticket_id) - {""} <= tickets
    assert set(calls.caller_contact_id) - {""} <= contacts
    responses = data["responses"]
    assert set(responses.ticket_id) - {""} <= tickets
    by_contact = responses[responses.respondent_type == "contact"]
    assert set(by_contact.respondent_id) <= contacts
    employees = responses[responses.respondent_type == "employee"]
    assert employees.respondent_id.str.match(r"^E\d+$").all() and (employees.team != "").all()
    assert set(data["subscriptions"].contact_id) <= contacts
    customers = contacts_frame.index[contacts_frame.lifecycle_stage == "customer"]
    assert set(data["subscriptions"].contact_id) == set(customers)
    teams = {row["team"] for row in seed("teams")}
    assert set(data["tickets"].team) | set(calls.team) | set(employees.team) <= teams

    # Requesters exist before their tickets; referrers were customers before the referral.
    tickets_frame = data["tickets"]
    requested = stamps(contacts_frame.created_at.loc[tickets_frame.requester_contact_id]).values
    assert (requested <= stamps(tickets_frame.created_at).values).all()
    referred = contacts_frame[contacts_frame.referred_by_contact_id != ""]
    assert len(referred) > 0
    referrer = contacts_frame.loc[referred.referred_by_contact_id]
    assert (stamps(referrer.converted_at).values < stamps(referred.created_at).values).all()
    assert set(referred.acquisition_channel) <= {"referral", "invitation"}


# --------------------------------------------------------------------------
# Realistic shares


def test_ticket_shares_are_realistic(clean):
    data = clean[2]
    tickets = data["tickets"]
    channels = tickets.channel.value_counts(normalize=True)
    assert channels.index[0] == "email"
    assert 0.30 <= channels["email"] <= 0.42 and 0.18 <= channels["chat"] <= 0.30
    assert 0.03 <= (tickets.direction == "outbound").mean() <= 0.07
    assert 0.04 <= (tickets.ticket_type == "complaint").mean() <= 0.08
    assert 0.05 <= (tickets.is_escalated == "true").mean() <= 0.11
    assert (tickets.status.isin(["solved", "closed"])).mean() > 0.9
    assert set(tickets[tickets.channel == "phone"].team.value_counts().index[:1]) == {"phone_24x7"}
    created = stamps(tickets.created_at)
    weekend = (created.dt.day_of_week >= 5).mean()
    assert 0.08 <= weekend <= 0.2  # weekends are quieter than 2/7 of the week
    by_month = created.dt.to_period("M").value_counts().sort_index()
    assert by_month.iloc[-3:].mean() > by_month.iloc[:3].mean()  # slight growth

    messages = data["ticket_messages"]
    reopened = messages[(messages.new_status == "open") & (messages.author_role == "system")].ticket_id.nunique()
    solved = messages[messages.new_status == "solved"].ticket_id.nunique()
    assert 0.04 <= reopened / solved <= 0.10


def test_first_replies_are_near_the_channel_benchmarks(clean):
    data = clean[2]
    tickets = data["tickets"].set_index("ticket_id")
    messages = data["ticket_messages"]
    replies = messages[messages.event_type == "public_reply"].assign(at=lambda m: stamps(m.created_at))
    first_customer = replies[replies.author_role == "customer"].groupby("ticket_id").at.min()
    first_agent = replies[replies.author_role == "agent"].groupby("ticket_id").at.min()
    seconds = (first_agent - first_customer).dropna().dt.total_seconds()
    channel = tickets.channel.loc[seconds.index]
    median = seconds.groupby(channel).median()
    assert 120 <= median["phone"] <= 240
    assert 90 <= median["chat"] <= 120
    within_a_day = (seconds[channel == "email"] <= 86_400).mean()
    assert 0.7 <= within_a_day < 1.0


def test_phone_service_level_and_abandonment(clean):
    calls = clean[2]["phone_calls"]
    inbound = calls[calls.direction == "inbound"]
    wait = (stamps(inbound.answered_at) - stamps(inbound.queue_entered_at)).dt.total_seconds()
    assert 0.70 <= (wait <= 90).mean() <= 0.90
    assert (wait == 90).sum() > 0
    assert 0.03 <= (inbound.is_abandoned == "true").mean() <= 0.10
    assert (inbound.ticket_id == "").any() and (calls.direction == "outbound").any()


def test_monthly_churn_and_billing(clean):
    subscriptions = clean[2]["subscriptions"]
    started = pd.to_datetime(subscriptions.started_on)
    ended = pd.to_datetime(subscriptions.ended_on.replace("", "2100-01-01"))
    months = pd.period_range("2025-05", "2026-10", freq="M")
    active = {}
    for month in [months[0] - 1, *months]:
        last_day = month.to_timestamp(how="end").normalize()
        active[month] = set(subscriptions.contact_id[(started <= last_day) & (ended > last_day)])
    churn = [len(active[m - 1] - active[m]) / len(active[m - 1]) for m in months]
    assert 0.01 <= np.mean(churn) <= 0.08
    assert 0.1 <= (subscriptions.billing_interval == "year").mean() <= 0.3
    assert set(allowed_values("subscriptions", "status")) == set(subscriptions.status)
    amounts = subscriptions.amount.astype(float)
    monthly = amounts[subscriptions.billing_interval == "month"]
    assert set(monthly) <= {29.0, 99.0, 299.0}
    # Every upgrade or downgrade starts the day the previous subscription ends.
    changed = subscriptions[subscriptions.status == "ended"]
    next_start = set(zip(subscriptions.contact_id, subscriptions.started_on))
    assert all(key in next_start for key in zip(changed.contact_id, changed.ended_on))


def test_surveys_cover_every_metric(clean):
    responses = clean[2]["responses"]
    assert set(responses.survey_type) == set(allowed_values("responses", "survey_type"))
    csat = responses[responses.survey_type == "csat"]
    assert 0.25 <= (csat.answered_at != "").mean() <= 0.35
    unanswered = responses[responses.answered_at == ""]
    assert (unanswered.score == "").all() and (unanswered.answer == "").all()
    for scale, (low, high) in SCALE_RANGES.items():
        scores = responses.score[(responses.scale == scale) & (responses.score != "")].astype(int)
        assert len(scores) > 0 and scores.between(low, high).all(), scale
    nps = responses[responses.survey_type == "nps"]
    assert {"0-10", "1-10"} == set(nps.scale)
    assert set(responses.answer[responses.scale == "yes_no"]) - {""} == {"yes", "no"}
    assert len(set(responses.answer[responses.scale == "choice"]) - {""}) >= 4
    visits = responses[responses.scale.isin(["yes_no", "choice"])]
    assert 0.7 <= (visits.session_id != "").mean() <= 0.9  # the rest are paired by respondent and day
    spend = clean[2]["marketing_spend"]
    assert (spend.amount.astype(float) > 0).all()
    assert set(spend.channel) <= set(clean[2]["contacts"].acquisition_channel) | {"invitation", "events", "partner"}
    assert set(spend.spend_type) == set(allowed_values("marketing_spend", "spend_type"))


# --------------------------------------------------------------------------
# Defects


def test_defect_run_has_every_kind_and_the_manifest_reconciles(defective):
    _, data, manifest = defective
    assert list(manifest.columns) == ["table", "record_key", "defect"]
    assert set(manifest.defect) == set(DEFECT_KINDS)
    assert not manifest.duplicated(["table", "record_key"]).any()  # one defect per record
    for (table, kind), rows in manifest.groupby(["table", "defect"]):
        keys = data[table][contract()[table].primary_key]
        counts = keys.value_counts()
        if kind == "null_key":
            assert not rows.record_key.isin(keys).any()
            assert (keys == "").sum() == len(rows)
        elif kind.startswith("duplicate"):
            assert (counts.reindex(rows.record_key) == 2).all(), (table, kind)
        else:
            assert (counts.reindex(rows.record_key) == 1).all(), (table, kind)


def test_defects_look_like_their_kind(defective):
    _, data, manifest = defective

    def rows(table, kind):
        keys = manifest.record_key[(manifest.table == table) & (manifest.defect == kind)]
        frame = data[table]
        return frame[frame[contract()[table].primary_key].isin(keys)]

    variants = {v for spellings in CHANNEL_VARIANTS for v in spellings}
    assert set(rows("tickets", "channel_variant").channel) <= variants
    assert set(rows("ticket_messages", "unknown_channel").channel) <= set(UNKNOWN_CHANNELS)
    formats = rows("ticket_messages", "timestamp_format").created_at
    assert not formats.str.match(TIMESTAMP).any()
    assert formats.str.contains(r"\+\d{2}:\d{2}$").any() and formats.str.contains(r"-\d{2}:\d{2}$").any()
    assert formats.str.endswith("Z").any() and formats.str.fullmatch(r"\d{9,10}").any()
    assert formats.str.match(r"^\d{2}/\d{2}/\d{4} ").any()
    assert set(rows("tickets", "invalid_timestamp").created_at) <= set(INVALID_TIMESTAMPS)

    skewed = rows("ticket_messages", "event_before_ticket")
    tickets = data["tickets"].drop_duplicates("ticket_id", keep=False).set_index("ticket_id")
    opened = pd.to_datetime(tickets.created_at, format="%Y-%m-%d %H:%M:%S", errors="coerce").dropna()
    skewed = skewed[skewed.ticket_id.isin(opened.index)]
    assert len(skewed) > 0
    assert (stamps(skewed.created_at).values < opened.loc[skewed.ticket_id].values).all()

    orphans = rows("ticket_messages", "orphan_reference")
    assert not orphans.ticket_id.isin(data["tickets"].ticket_id).any()
    orphan_subs = rows("subscriptions", "orphan_reference")
    assert not orphan_subs.contact_id.isin(data["contacts"].contact_id).any()

    amounts = rows("subscriptions", "invalid_amount").amount
    assert ((amounts == "") | amounts.str.startswith("-")).all()
    scores = rows("responses", "invalid_score")
    for scale, (low, high) in SCALE_RANGES.items():
        these = scores.score[scores.scale == scale]
        numeric = pd.to_numeric(these, errors="coerce")
        assert (numeric.isna() | ~numeric.between(low, high)).all()

    # The later version of a duplicated extract is the true one.
    older = rows("tickets", "duplicate_extract").sort_values(["ticket_id", "updated_at"])
    first, last = older.groupby("ticket_id").first(), older.groupby("ticket_id").last()
    assert (stamps(first.updated_at) < stamps(last.updated_at)).all()
    assert (first.solved_at == "").all()


def test_defect_free_tables_match_the_clean_run_row_for_row(tmp_path):
    """Defects only change what the manifest says: undoing them gives the clean data."""
    generate(tmp_path / "clean", tickets=800, seed=2, defect_rate=0)
    generate(tmp_path / "dirty", tickets=800, seed=2, defect_rate=0.05)
    manifest = pd.read_csv(tmp_path / "dirty" / DEFECTS_FILE, dtype=str, keep_default_na=False)
    for table, spec in contract().items():
        clean = read(tmp_path / "clean", table).set_index(spec.primary_key)
        dirty = read(tmp_path / "dirty", table)
        touched = set(manifest.record_key[manifest.table == table])
        untouched = dirty[~dirty[spec.primary_key].isin(touched) & (dirty[spec.primary_key] != "")]
        untouched = untouched.set_index(spec.primary_key)
        assert len(untouched) == len(clean) - len(touched), table
        assert untouched.equals(clean.loc[untouched.index]), table
