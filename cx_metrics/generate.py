"""Generate the raw extracts of cx_metrics: helpdesk, CRM, survey and billing.

The generator writes the seven raw tables of the data contract (the dbt source
files ``models/staging/<source>/_<source>__sources.yml``) as CSV or Parquet
files named after the tables. Every column is text, in contract order; a
missing value is an empty field (CSV) or a null (Parquet).

The data is synthetic but shaped like a real customer-service operation over
the 18 months that end on ``end_date``: ticket volume by weekday and hour with
slight growth, a channel mix, team opening hours, first replies near the
channel benchmarks, follow-ups, reopens, escalations, phone queues with a
service level near 80 % in 90 s, survey invitations and answers, leads that
convert, subscriptions that upgrade, downgrade, churn and come back, and daily
marketing and sales spend.

At ``defect_rate`` of the rows of each table, one defect of a known kind is
injected (duplicates, channel spellings, foreign timestamp formats, orphans,
null keys, invalid values, unreadable flags, instants in an impossible order,
an empty or unreadable ``updated_at``, null spellings such as ``NULL``). ``_defects.csv`` lists every injected defect as
``table,record_key,defect`` so tests can reconcile what staging cleans or
rejects. With ``defect_rate=0`` the output is clean.

How it stays deterministic and scales:

* Counter-based randomness: every draw is a hash of (seed, stream name, entity
  number). An entity's attributes do not depend on which chunk produced it, so
  the same arguments give byte-identical files whatever the chunk size.
* Contacts, then tickets, are generated in chunks and appended to the output
  files (CSV appends, Parquet row groups), so memory stays bounded.
* Within each window of ``WINDOW`` contacts or tickets, rows are written in a
  shuffled order: an extract is never sorted by time.

Usage::

    python -m cx_metrics.generate --out data/raw --size demo --seed 42 --format csv
"""

from __future__ import annotations

import argparse
import hashlib
import math
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from tqdm import tqdm

from cx_metrics.contract import contract

# --------------------------------------------------------------------------
# Run settings

SIZES = {"tiny": 300, "ci": 2_000, "demo": 20_000}
DEFAULT_END_DATE = "2026-10-31"
DEFAULT_CHUNK_SIZE = 50_000
WINDOW = 500  # contacts or tickets per shuffle window; chunk sizes are multiples of it
PROGRESS_THRESHOLD = 200_000
HISTORY_MONTHS = 18  # tickets, surveys and spend cover this many months
PRE_HISTORY_MONTHS = 6  # contacts and subscriptions start this much earlier
CONTACTS_PER_TICKET = 0.25
DEFECTS_FILE = "_defects.csv"

MINUTE = 60
HOUR = 3_600
DAY = 86_400
FAR_FUTURE = np.int64(2**62)

# --------------------------------------------------------------------------
# Vocabulary

CHANNELS = ("email", "chat", "phone", "web_form", "social", "chatbot", "community")
EMAIL, CHAT, PHONE, WEB_FORM, SOCIAL, CHATBOT, COMMUNITY = range(len(CHANNELS))
# Overall channel mix. Live chat is only offered while the ticket's team is
# open, so the mix differs in and out of opening hours (see _channel_mixes).
CHANNEL_SHARE = (0.35, 0.25, 0.15, 0.10, 0.07, 0.05, 0.03)
CLOSED_HOURS_SHARE = 0.40  # about this share of tickets arrive while their team is closed
SYNC_CHANNELS = (CHAT, PHONE, CHATBOT)
# Spellings a helpdesk export really carries; staging trims, lowercases and maps
# them through the channel synonyms seed.
CHANNEL_VARIANTS = (
    ("E-mail", "EMAIL ", "Email", "e-mail"),
    (" Live Chat", "live chat", "Chat", "CHAT "),
    ("Phone Call", "PHONE", " phone", "Téléphone"),
    ("webform", "Web Form", "WEB_FORM", "web form"),
    ("twitter", "facebook", "Social", "Twitter "),
    ("bot", "Chatbot", "CHATBOT", "Bot "),
    ("forum", "Community", "Forum ", "COMMUNITY"),
)
UNKNOWN_CHANNELS = ("carrier pigeon", "smoke signal", "telepathy")

# First human reply by channel: median seconds and log-normal spread. Phone
# replies are the queue wait plus the talk time and have no entry here.
REPLY_MEDIAN = np.array([1.5 * HOUR, 95, 0, 2 * HOUR, 12 * MINUTE, 110, 3 * HOUR])
REPLY_SIGMA = np.array([1.0, 0.45, 0, 1.0, 0.9, 0.6, 1.0])
# Customer follow-up by channel (phone: a new call, usually the next day).
FOLLOW_UP_MEDIAN = np.array([6 * HOUR, 50, 20 * HOUR, 6 * HOUR, 2 * HOUR, 50, 10 * HOUR])
FOLLOW_UP_SIGMA = np.array([1.2, 0.6, 1.0, 1.2, 1.0, 0.6, 1.1])

DIRECTIONS = ("inbound", "outbound")
TICKET_TYPES = ("question", "incident", "problem", "task", "complaint")
TICKET_TYPE_SHARE = (0.45, 0.25, 0.10, 0.14, 0.06)
COMPLAINT = TICKET_TYPES.index("complaint")
CATEGORIES = ("technical", "account", "billing", "delivery", "order_status", "product", "other")
CATEGORY_SHARE = (0.25, 0.20, 0.15, 0.12, 0.10, 0.10, 0.08)
BILLING_CATEGORY = CATEGORIES.index("billing")
PRIORITIES = ("low", "normal", "high", "urgent")
PRIORITY_SHARE = (0.20, 0.55, 0.18, 0.07)
PRIORITY_SPEED = np.array([1.3, 1.0, 0.75, 0.5])  # factor on asynchronous reply delays
URGENT = PRIORITIES.index("urgent")
STATUSES = ("new", "open", "pending", "on_hold", "solved", "closed")
NEW, OPEN, PENDING, ON_HOLD, SOLVED, CLOSED = range(len(STATUSES))
RESOLUTIONS = ("answered", "workaround", "refund", "replacement", "bug_fix", "no_action", "merged")
RESOLUTION_SHARE = (0.55, 0.12, 0.08, 0.06, 0.09, 0.10)
MERGED_RESOLUTION = RESOLUTIONS.index("merged")
EVENT_TYPES = ("public_reply", "internal_note", "status_change", "assignment")
REPLY, NOTE, STATUS_CHANGE, ASSIGNMENT = range(len(EVENT_TYPES))
ROLES = ("customer", "agent", "bot", "system")
CUSTOMER, AGENT, BOT, SYSTEM = range(len(ROLES))
BOT_NAME = "answerbot"
BOOLEANS = ("false", "true")

# Ticket event slots: every ticket's history is a fixed row of slots, each an
# event that may or may not occur. Columns: name, event type, author role, status
# entered, and which agent acts (0: none, 1: the first agent, 2: the escalation
# agent, 3: whoever holds the ticket at that point).
SLOTS = (
    ("new", STATUS_CHANGE, SYSTEM, NEW, 0),
    ("first_message", REPLY, CUSTOMER, -1, 1),  # an agent's message on outbound tickets
    ("bot_reply", REPLY, BOT, -1, 0),
    ("assign", ASSIGNMENT, SYSTEM, -1, 0),
    ("open", STATUS_CHANGE, AGENT, OPEN, 1),
    ("first_reply", REPLY, AGENT, -1, 1),
    ("hold", STATUS_CHANGE, AGENT, ON_HOLD, 1),
    ("escalate", ASSIGNMENT, AGENT, -1, 1),
    ("escalated_open", STATUS_CHANGE, AGENT, OPEN, 2),
    *(
        slot
        for k in range(1, 5)
        for slot in ((f"follow_up{k}", REPLY, CUSTOMER, -1, 0), (f"answer{k}", REPLY, AGENT, -1, 3))
    ),
    ("note", NOTE, AGENT, -1, 3),
    ("pending", STATUS_CHANGE, AGENT, PENDING, 3),
    ("solved", STATUS_CHANGE, AGENT, SOLVED, 3),
    ("reopen_message", REPLY, CUSTOMER, -1, 0),
    ("reopened", STATUS_CHANGE, SYSTEM, OPEN, 0),
    ("reopen_reply", REPLY, AGENT, -1, 3),
    ("solved_again", STATUS_CHANGE, AGENT, SOLVED, 3),
    ("closed", STATUS_CHANGE, SYSTEM, CLOSED, 0),
    ("merged_closed", STATUS_CHANGE, AGENT, CLOSED, 1),
)
N_SLOTS = len(SLOTS)
_SLOT = {slot[0]: i for i, slot in enumerate(SLOTS)}
S_NEW, S_FIRST, S_BOT, S_ASSIGN, S_OPEN = (_SLOT[x] for x in ("new", "first_message", "bot_reply", "assign", "open"))
S_REPLY1, S_HOLD, S_ESC_ASSIGN, S_ESC_OPEN = (_SLOT[x] for x in ("first_reply", "hold", "escalate", "escalated_open"))
S_NOTE, S_PENDING, S_SOLVED1 = _SLOT["note"], _SLOT["pending"], _SLOT["solved"]
S_REOPEN_MSG, S_REOPEN_OPEN, S_REOPEN_REPLY = _SLOT["reopen_message"], _SLOT["reopened"], _SLOT["reopen_reply"]
S_SOLVED2, S_CLOSED, S_MERGE_CLOSED = _SLOT["solved_again"], _SLOT["closed"], _SLOT["merged_closed"]
EXCHANGE_SLOTS = tuple((_SLOT[f"follow_up{k}"], _SLOT[f"answer{k}"]) for k in range(1, 5))
FOLLOW_UP_SLOTS = tuple(c for c, _ in EXCHANGE_SLOTS) + (S_REOPEN_MSG,)
SOLVED_SLOTS = [S_SOLVED1, S_SOLVED2]
SLOT_EVENT = np.array([s[1] for s in SLOTS])
SLOT_ROLE = np.array([s[2] for s in SLOTS])
SLOT_STATUS = np.array([s[3] for s in SLOTS])
SLOT_AGENT = np.array([s[4] for s in SLOTS])
# Phone tickets: each (customer message, agent reply) pair is one inbound call;
# the second list says which of the reply draws (``World._reply``) holds its wait.
CALL_PAIRS = ((S_FIRST, S_REPLY1), *EXCHANGE_SLOTS, (S_REOPEN_MSG, S_REOPEN_REPLY))
CALL_PAIR_WAIT = (0, 1, 2, 3, 4, 7)


@dataclass(frozen=True)
class Team:
    """A support team: its time zone, weekly opening hours and ticket share."""

    name: str
    time_zone: str
    hours: dict[int, tuple[int, int]] | None  # Monday=0 -> (open, close) local hour; None: 24/7
    share: float  # share of the tickets, which sizes its pool of agents


TEAMS = (
    Team("support_emea", "Europe/Paris", {d: (9, 18) for d in range(5)}, 0.33),
    Team("support_americas", "America/New_York", {**{d: (8, 20) for d in range(5)}, 5: (10, 14)}, 0.26),
    Team("support_apac", "Australia/Sydney", {d: (9, 17) for d in range(5)}, 0.10),
    Team("phone_24x7", "UTC", None, 0.16),
    Team("billing", "Europe/Paris", {d: (9, 17) for d in range(5)}, 0.15),
)
EMEA_TEAM, AMERICAS_TEAM, APAC_TEAM, PHONE_TEAM, BILLING_TEAM = range(len(TEAMS))
TICKETS_PER_AGENT = 600  # sizes the agent pools: at least 3 agents per team

# Countries: (ISO code, IANA time zone, region, calling code, share of contacts).
COUNTRIES = (
    ("FR", "Europe/Paris", 0, "33", 0.16),
    ("DE", "Europe/Berlin", 0, "49", 0.10),
    ("GB", "Europe/London", 0, "44", 0.09),
    ("ES", "Europe/Madrid", 0, "34", 0.05),
    ("IT", "Europe/Rome", 0, "39", 0.04),
    ("NL", "Europe/Amsterdam", 0, "31", 0.03),
    ("BE", "Europe/Brussels", 0, "32", 0.03),
    ("US", "America/New_York", 1, "1", 0.12),
    ("US", "America/Chicago", 1, "1", 0.06),
    ("US", "America/Los_Angeles", 1, "1", 0.07),
    ("CA", "America/Toronto", 1, "1", 0.04),
    ("BR", "America/Sao_Paulo", 1, "55", 0.04),
    ("MX", "America/Mexico_City", 1, "52", 0.02),
    ("AU", "Australia/Sydney", 2, "61", 0.06),
    ("NZ", "Pacific/Auckland", 2, "64", 0.01),
    ("JP", "Asia/Tokyo", 2, "81", 0.02),
    ("SG", "Asia/Singapore", 2, "65", 0.02),
    ("IN", "Asia/Kolkata", 2, "91", 0.04),
)
COUNTRY_REGION = np.array([c[2] for c in COUNTRIES])
REGION_TEAM = np.array([EMEA_TEAM, AMERICAS_TEAM, APAC_TEAM])
# Ticket arrival: each region's local clock (fixed UTC offset) and share.
REGION_CLOCKS = ((1, 0.50), (-5, 0.35), (10, 0.15))
WEEKDAY_LOAD = np.array([1.15, 1.10, 1.05, 1.00, 0.90, 0.45, 0.35])
HOUR_LOAD = np.array(
    [0.12, 0.08, 0.06, 0.06, 0.08, 0.15, 0.30, 0.55, 0.85, 1.00, 1.00, 1.00,
     0.90, 0.95, 0.95, 0.90, 0.85, 0.75, 0.60, 0.50, 0.42, 0.35, 0.25, 0.18]
)
TICKET_GROWTH = 0.35  # the last day sees 35 % more tickets than the first
CONTACT_GROWTH = 0.60

SEGMENTS = ("smb", "mid_market", "enterprise", "consumer")
SEGMENT_SHARE = (0.45, 0.20, 0.07, 0.28)
SEGMENT_CONVERSION = np.array([1.0, 0.9, 0.7, 1.1])
ACQUISITION_CHANNELS = ("paid_search", "social_ads", "organic", "referral", "invitation", "partner", "events")
PAID_SEARCH, SOCIAL_ADS, ORGANIC, REFERRAL, INVITATION, PARTNER, EVENTS = range(len(ACQUISITION_CHANNELS))
ACQUISITION_SHARE = (0.25, 0.18, 0.25, 0.10, 0.06, 0.08, 0.08)
CHANNEL_CONVERSION = np.array([0.28, 0.20, 0.30, 0.50, 0.45, 0.40, 0.30])
# Daily spend per expected lead, in cents: marketing, then sales (0: none).
MARKETING_COST_PER_LEAD = {PAID_SEARCH: 4_000, SOCIAL_ADS: 2_500, INVITATION: 800, PARTNER: 3_500, EVENTS: 9_000}
SALES_COST_PER_LEAD = {PAID_SEARCH: 1_500, PARTNER: 3_000, EVENTS: 4_000}
SPEND_TYPES = ("marketing", "sales")

PLANS = ("starter", "growth", "scale")
PLAN_MONTHLY_CENTS = np.array([2_900, 9_900, 29_900])
YEARLY_MONTHS_CHARGED = 10  # a yearly plan costs 10 monthly prices
PLAN_SHARE_BY_SEGMENT = np.array([[0.60, 0.33, 0.07], [0.20, 0.60, 0.20], [0.05, 0.35, 0.60], [0.85, 0.13, 0.02]])
YEARLY_SHARE_BY_SEGMENT = np.array([0.18, 0.22, 0.40, 0.15])
MONTHLY_CHURN_BY_SEGMENT = np.array([0.035, 0.020, 0.012, 0.050])
YEARLY_RENEWAL_LOSS = 0.6  # yearly plans lose 60 % of what 12 monthly periods would
PLAN_CHANGE_MEAN_DAYS = 1_400
UPGRADE_SHARE = 0.68
REACTIVATION_SHARE = 0.12
MAX_PERIODS = 8  # subscription periods per customer
SUBSCRIPTION_STATUSES = ("active", "cancelled", "ended")
ACTIVE, CANCELLED, ENDED = range(len(SUBSCRIPTION_STATUSES))
INTERVALS = ("month", "year")
CANCELLATION_REASONS = (
    "too_expensive", "missing_features", "switched_competitor", "no_longer_needed", "poor_support", "business_closed",
)
CANCELLATION_SHARE = (0.28, 0.20, 0.17, 0.20, 0.08, 0.07)
CURRENCY = "EUR"

SURVEY_TYPES = ("csat", "nps", "ces", "task_completion", "visitor_intent", "employee")
CSAT_SURVEY, NPS_SURVEY, CES_SURVEY, TASK_SURVEY, INTENT_SURVEY, EMPLOYEE_SURVEY = range(len(SURVEY_TYPES))
SCALES = ("1-5", "0-10", "1-10", "1-7", "yes_no", "choice")
SCALE_1_5, SCALE_0_10, SCALE_1_10, SCALE_1_7, SCALE_YES_NO, SCALE_CHOICE = range(len(SCALES))
RESPONDENT_TYPES = ("contact", "employee")
ANSWERS = ("yes", "no", "support", "pricing", "order_status", "account", "other")
YES, NO = 0, 1
INTENT_SHARE = (0.30, 0.20, 0.20, 0.15, 0.15)  # support, pricing, order_status, account, other
INTENT_TASK_DONE = np.array([0.55, 0.80, 0.70, 0.75, 0.65])
CSAT_SHARE = (0.08, 0.06, 0.10, 0.30, 0.46)  # scores 1..5
CSAT_SHARE_UNHAPPY = (0.25, 0.15, 0.20, 0.20, 0.20)  # complaints and reopened tickets
CES_SHARE = (0.22, 0.25, 0.18, 0.12, 0.10, 0.08, 0.05)  # scores 1..7
CES_SHARE_LONG = (0.08, 0.12, 0.15, 0.18, 0.17, 0.17, 0.13)  # tickets with follow-ups
NPS_SHARE = (0.02, 0.01, 0.015, 0.02, 0.03, 0.05, 0.085, 0.12, 0.18, 0.22, 0.25)  # scores 0..10
EMPLOYEE_MEAN_BY_TEAM = np.array([7.4, 7.0, 7.8, 6.2, 7.1])

# --------------------------------------------------------------------------
# Defects

DEFECT_KINDS = (
    "duplicate_extract",
    "duplicate_exact",
    "channel_variant",
    "unknown_channel",
    "timestamp_format",
    "invalid_timestamp",
    "event_before_ticket",
    "orphan_reference",
    "null_key",
    "invalid_amount",
    "invalid_score",
    "invalid_boolean",
    "impossible_order",
    "invalid_updated_at",
    "null_spelling",
)
INVALID_TIMESTAMPS = ("not a date", "2024-13-45 25:61:00", "00/00/0000 00:00")
INVALID_BOOLEANS = ("maybe", "oui", "2")
# How exports spell a missing value; staging reads them as empty.
NULL_SPELLINGS = ("NULL", "N/A", "\\N", "null", " n/a ")
POSITIVE_OFFSETS = (60, 120, 330, 600)  # minutes east of UTC
NEGATIVE_OFFSETS = (-180, -300, -480)
# Out-of-range or non-numeric scores per numeric scale.
INVALID_SCORES = {
    SCALE_1_5: ("0", "6", "-1", "five"),
    SCALE_0_10: ("11", "-1", "nine", "12"),
    SCALE_1_10: ("0", "11", "nine", "-1"),
    SCALE_1_7: ("0", "8", "-1", "seven"),
}


@dataclass(frozen=True)
class TableDefects:
    """Which defects a table can carry, and on which columns."""

    kinds: tuple[str, ...]
    timestamp_column: str  # target of timestamp_format and invalid_timestamp
    orphan_columns: tuple[str, ...] = ()  # candidate columns for orphan_reference, in order
    boolean_columns: tuple[str, ...] = ()  # candidate columns for invalid_boolean
    # impossible_order: (column moved before its start, aux key of that
    # column (eligible when >= 0), aux key of the start, "timestamp" or "date")
    order: tuple[str, str, str, str] | None = None
    null_columns: tuple[str, ...] = ()  # optional columns null_spelling may fill, in order


TABLE_DEFECTS = {
    "tickets": TableDefects(
        ("duplicate_extract", "duplicate_exact", "channel_variant", "unknown_channel",
         "timestamp_format", "invalid_timestamp", "null_key", "invalid_boolean", "impossible_order",
         "invalid_updated_at", "null_spelling"),
        "created_at",
        boolean_columns=("is_escalated", "is_merged", "is_deleted"),
        order=("solved_at", "solved", "created", "timestamp"),
        null_columns=("solved_at", "resolution_type", "assignee_agent_id", "merged_into_ticket_id"),
    ),
    "ticket_messages": TableDefects(
        ("duplicate_exact", "channel_variant", "unknown_channel", "timestamp_format",
         "invalid_timestamp", "event_before_ticket", "orphan_reference", "null_key",
         "invalid_updated_at", "null_spelling"),
        "created_at",
        ("ticket_id",),
        null_columns=("new_status", "assignee_agent_id", "channel"),
    ),
    "phone_calls": TableDefects(
        ("duplicate_exact", "timestamp_format", "invalid_timestamp", "orphan_reference", "null_key",
         "invalid_boolean", "impossible_order", "invalid_updated_at", "null_spelling"),
        "queue_entered_at",
        ("ticket_id", "caller_contact_id"),
        boolean_columns=("is_abandoned",),
        order=("ended_at", "stamp", "stamp", "timestamp"),
        null_columns=("answered_at", "ticket_id", "caller_contact_id", "agent_id"),
    ),
    "contacts": TableDefects(
        ("duplicate_extract", "duplicate_exact", "timestamp_format", "invalid_timestamp", "null_key",
         "impossible_order", "invalid_updated_at", "null_spelling"),
        "created_at",
        order=("converted_at", "converted", "created", "timestamp"),
        null_columns=("converted_at", "referred_by_contact_id", "phone"),
    ),
    "responses": TableDefects(
        ("duplicate_extract", "duplicate_exact", "timestamp_format", "invalid_timestamp",
         "orphan_reference", "null_key", "invalid_score", "impossible_order", "invalid_updated_at",
         "null_spelling"),
        "sent_at",
        ("ticket_id", "respondent_id"),
        order=("answered_at", "answered", "sent", "timestamp"),
        null_columns=("answered_at", "score", "answer", "ticket_id", "session_id", "team"),
    ),
    "subscriptions": TableDefects(
        ("duplicate_extract", "duplicate_exact", "timestamp_format", "invalid_timestamp",
         "orphan_reference", "null_key", "invalid_amount", "impossible_order", "null_spelling"),
        "updated_at",
        ("contact_id",),
        order=("ended_on", "ended", "started", "date"),
        null_columns=("ended_on", "cancellation_reason"),
    ),
    "marketing_spend": TableDefects(
        ("duplicate_exact", "timestamp_format", "invalid_timestamp", "null_key", "invalid_amount"),
        "updated_at",
    ),
}


# --------------------------------------------------------------------------
# Counter-based randomness


def _mix64(z: np.ndarray) -> np.ndarray:
    """The SplitMix64 finaliser: a bijective, well-mixing hash of uint64 values."""
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


class Random:
    """Random draws keyed by (seed, stream, key): the same key always gets the
    same draw, whatever else is drawn and in whichever order."""

    def __init__(self, seed: int) -> None:
        self._seed = int(seed).to_bytes(16, "little", signed=True)
        self._streams: dict[str, np.uint64] = {}

    def _stream(self, name: str) -> np.uint64:
        base = self._streams.get(name)
        if base is None:
            digest = hashlib.blake2b(name.encode(), digest_size=8, key=self._seed).digest()
            base = self._streams[name] = np.uint64(int.from_bytes(digest, "little"))
        return base

    def bits(self, stream: str, keys: np.ndarray) -> np.ndarray:
        base = self._stream(stream)
        with np.errstate(over="ignore"):
            z = np.asarray(keys, dtype=np.int64).astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15) + base
            return _mix64(_mix64(z) ^ base)

    def uniform(self, stream: str, keys: np.ndarray) -> np.ndarray:
        """Uniform on [0, 1)."""
        return (self.bits(stream, keys) >> np.uint64(11)).astype(np.float64) * 2.0**-53

    def integers(self, stream: str, keys: np.ndarray, low, high) -> np.ndarray:
        """Integers on [low, high); low and high may be arrays."""
        return (np.asarray(low) + self.uniform(stream, keys) * (np.asarray(high) - np.asarray(low))).astype(np.int64)

    def normal(self, stream: str, keys: np.ndarray) -> np.ndarray:
        """Standard normal (Box-Muller on two keyed uniforms)."""
        radius = np.sqrt(-2.0 * np.log1p(-self.uniform(stream + "/r", keys)))
        return radius * np.cos(2.0 * np.pi * self.uniform(stream + "/a", keys))

    def lognormal(self, stream: str, keys: np.ndarray, median, sigma) -> np.ndarray:
        return np.asarray(median) * np.exp(np.asarray(sigma) * self.normal(stream, keys))

    def exponential(self, stream: str, keys: np.ndarray, mean) -> np.ndarray:
        return -np.log1p(-self.uniform(stream, keys)) * np.asarray(mean)

    def choice(self, stream: str, keys: np.ndarray, shares) -> np.ndarray:
        """Index drawn with the given shares (normalised)."""
        cum = np.cumsum(np.asarray(shares, dtype=np.float64))
        cum /= cum[-1]
        picked = np.searchsorted(cum, self.uniform(stream, keys), side="right")
        return np.minimum(picked, len(cum) - 1).astype(np.int64)

    def choice_rows(self, stream: str, keys: np.ndarray, shares: np.ndarray) -> np.ndarray:
        """Index drawn per row from that row's shares (a 2-D array)."""
        cum = np.cumsum(shares, axis=1)
        cum /= cum[:, -1:]
        u = self.uniform(stream, keys)[:, None]
        return np.minimum((u >= cum[:, :-1]).sum(axis=1), shares.shape[1] - 1).astype(np.int64)


# --------------------------------------------------------------------------
# Calendar helpers


def _add_months(days: np.ndarray, months) -> np.ndarray:
    """Day numbers (days since 1970-01-01) moved by whole months, clamped to the month's end."""
    d = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    month = d.astype("datetime64[M]")
    day_of_month = d - month.astype("datetime64[D]")
    target = month + np.asarray(months, dtype=np.int64).astype("timedelta64[M]")
    last = (target + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
    return np.minimum(target.astype("datetime64[D]") + day_of_month, last).astype(np.int64)


def _weekday(days: np.ndarray) -> np.ndarray:
    """Monday=0 (1970-01-01 was a Thursday)."""
    return (np.asarray(days) + 3) % 7


def _to_local(time_zone: str, ts: np.ndarray) -> np.ndarray:
    """UTC epoch seconds to the wall-clock seconds of a time zone."""
    local = pd.to_datetime(ts, unit="s", utc=True).tz_convert(time_zone).tz_localize(None)
    return local.as_unit("s").asi8.copy()


def _to_utc(time_zone: str, local: np.ndarray) -> np.ndarray:
    """Wall-clock seconds of a time zone to UTC epoch seconds."""
    wall = pd.to_datetime(local, unit="s")
    utc = wall.tz_localize(time_zone, ambiguous=np.zeros(len(local), bool), nonexistent="shift_forward")
    return utc.tz_convert("UTC").as_unit("s").asi8.copy()


class TeamHours:
    """Opening hours of the teams, in their own time zones (DST included)."""

    def __init__(self) -> None:
        self.opens = np.full((len(TEAMS), 7), -1, np.int64)
        self.closes = np.full((len(TEAMS), 7), -1, np.int64)
        for i, team in enumerate(TEAMS):
            for weekday, (open_hour, close_hour) in (team.hours or {}).items():
                self.opens[i, weekday] = open_hour * HOUR
                self.closes[i, weekday] = close_hour * HOUR

    def is_open(self, team: np.ndarray, ts: np.ndarray) -> np.ndarray:
        result = np.ones(len(ts), bool)
        for i, spec in enumerate(TEAMS):
            rows = np.nonzero(team == i)[0]
            if spec.hours is None or not rows.size:
                continue
            local = _to_local(spec.time_zone, ts[rows])
            weekday, second = _weekday(local // DAY), local % DAY
            opens, closes = self.opens[i, weekday], self.closes[i, weekday]
            result[rows] = (opens >= 0) & (second >= opens) & (second < closes)
        return result

    def next_open(self, team: np.ndarray, ts: np.ndarray, jitter: np.ndarray) -> np.ndarray:
        """``ts`` where the team is open; else its next opening plus ``jitter`` seconds."""
        result = ts.copy()
        for i, spec in enumerate(TEAMS):
            rows = np.nonzero(team == i)[0]
            if spec.hours is None or not rows.size:
                continue
            local = _to_local(spec.time_zone, ts[rows])
            day, second = local // DAY, local % DAY
            opens, closes = self.opens[i, _weekday(day)], self.closes[i, _weekday(day)]
            closed = ~((opens >= 0) & (second >= opens) & (second < closes))
            if not closed.any():
                continue
            target = np.where((opens >= 0) & (second < opens), day * DAY + opens, -1)
            for ahead in range(1, 8):
                later = self.opens[i, _weekday(day + ahead)]
                target = np.where((target < 0) & (later >= 0), (day + ahead) * DAY + later, target)
            moved = rows[closed]
            result[moved] = _to_utc(spec.time_zone, target[closed]) + jitter[moved]
        return result


# --------------------------------------------------------------------------
# Text formatting (everything is written as strings, through Arrow)


def _digits(n: int) -> int:
    return len(str(max(int(n), 1)))


def _orphan_safe_width(minimum: int, count: int) -> int:
    """Digits for ids 1..count such that an id starting with 9 never exists."""
    width = minimum
    while count >= 9 * 10 ** (width - 1):
        width += 1
    return width


def _ids(prefix: str, width: int, numbers: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    """Ids such as ``T0000042`` for 0-based numbers (41 here); null where not valid."""
    arr = pa.array(np.asarray(numbers, dtype=np.int64) + 1, pa.int64(), mask=None if valid is None else ~valid)
    digits = pc.utf8_lpad(pc.cast(arr, pa.string()), width=width, padding="0")
    return pc.binary_join_element_wise(prefix, digits, "")


def _labels(values: tuple[str, ...], codes: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    if valid is None:
        valid = np.asarray(codes) >= 0
    indices = pa.array(np.where(valid, codes, 0).astype(np.int32), mask=~valid)
    return pa.array(values, pa.string()).take(indices)


def _timestamps(ts: np.ndarray) -> pa.Array:
    """``YYYY-MM-DD HH:MM:SS`` (UTC) from epoch seconds; null where negative."""
    ts = np.asarray(ts, dtype=np.int64)
    return pc.cast(pa.array(ts, pa.timestamp("s"), mask=ts < 0), pa.string())


def _dates(days: np.ndarray) -> pa.Array:
    """``YYYY-MM-DD`` from day numbers; null where negative."""
    days = np.asarray(days)
    return pc.cast(pa.array(days.astype(np.int32), pa.date32(), mask=days < 0), pa.string())


def _integers(values: np.ndarray, valid: np.ndarray) -> pa.Array:
    return pc.cast(pa.array(np.asarray(values, dtype=np.int64), mask=~valid), pa.string())


def _money(cents: np.ndarray) -> pa.Array:
    """``123.45`` from non-negative cents."""
    cents = np.asarray(cents, dtype=np.int64)
    whole = pc.cast(pa.array(cents // 100), pa.string())
    fraction = pc.utf8_lpad(pc.cast(pa.array(cents % 100), pa.string()), width=2, padding="0")
    return pc.binary_join_element_wise(whole, fraction, ".")


def _join(*parts) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


# --------------------------------------------------------------------------
# Batches: one chunk of one table, ready for defects and writing


@dataclass
class Batch:
    """Rows of one table: contract columns as Arrow strings, plus what defect
    injection needs (global row numbers, shuffle windows, numeric helpers)."""

    table: str
    columns: dict[str, pa.Array]
    rows: np.ndarray  # row number within the table, unique across chunks
    window: np.ndarray  # rows are shuffled within a window
    aux: dict[str, np.ndarray]


# --------------------------------------------------------------------------
# The world: sizes, time span, curves and the generators of each table


class World:
    """Everything fixed for one run, and the functions that generate each table."""

    def __init__(self, tickets: int, seed: int, end_date: str) -> None:
        self.rnd = Random(seed)
        self.hours = TeamHours()
        self.n_tickets = tickets
        self.n_contacts = max(20, round(tickets * CONTACTS_PER_TICKET))

        self.end_day = int(np.datetime64(end_date, "D").astype(np.int64)) + 1
        self.start_day = int(_add_months(np.array([self.end_day]), -HISTORY_MONTHS)[0])
        self.contact_day = int(_add_months(np.array([self.start_day]), -PRE_HISTORY_MONTHS)[0])
        self.end_ts = self.end_day * DAY  # the extraction moment: nothing happens at or after it
        self.start_ts = self.start_day * DAY

        self._ticket_cdf, self._ticket_edges = self._ticket_curve()
        self._contact_cdf, self._contact_edges, self._contact_day_weight = self._contact_curve()

        sizes = np.array([max(3, math.ceil(tickets * team.share / TICKETS_PER_AGENT)) for team in TEAMS])
        self.team_agents = sizes
        self.team_first_agent = np.cumsum(sizes) - sizes
        self.agent_team = np.repeat(np.arange(len(TEAMS)), sizes)
        self.n_agents = int(sizes.sum())

        self.width = {
            "ticket": _orphan_safe_width(7, tickets),
            "contact": _orphan_safe_width(6, self.n_contacts),
            "message": max(8, _digits(N_SLOTS * tickets)),
            "call": max(7, _digits(8 * tickets)),
            "response": max(7, _digits(3 * tickets + 12 * self.n_contacts + 40 * self.n_agents)),
            "subscription": max(6, _digits(MAX_PERIODS * self.n_contacts)),
            "spend": 6,
            "agent": max(3, _digits(self.n_agents)),
        }

    # ---- ids

    def ticket_ids(self, numbers, valid=None):
        return _ids("T", self.width["ticket"], numbers, valid)

    def contact_ids(self, numbers, valid=None):
        return _ids("C", self.width["contact"], numbers, valid)

    def agent_ids(self, numbers, valid=None):
        return _ids("A", self.width["agent"], numbers, valid)

    def orphan_ids(self, kind: str, keys: np.ndarray) -> np.ndarray:
        """Well-formed ids that no record has (they start with 9, beyond the last id)."""
        prefix, width = {"ticket": ("T", self.width["ticket"]), "contact": ("C", self.width["contact"])}[kind]
        tail = self.rnd.integers("defect.orphan", keys, 0, 10 ** (width - 1))
        digits = pc.utf8_lpad(pc.cast(pa.array(tail), pa.string()), width=width - 1, padding="0")
        return np.asarray(_join(prefix + "9", digits).to_pylist(), dtype=object)

    # ---- arrival curves

    def _ticket_curve(self) -> tuple[np.ndarray, np.ndarray]:
        """Cumulative share of tickets at each hour edge of the ticket span."""
        hours = np.arange(self.start_day * 24, self.end_day * 24, dtype=np.int64)
        load = np.zeros(len(hours))
        for offset, share in REGION_CLOCKS:
            local = hours + offset
            load += share * WEEKDAY_LOAD[_weekday(local // 24)] * HOUR_LOAD[local % 24]
        load *= 1.0 + TICKET_GROWTH * np.arange(len(hours)) / len(hours)
        load *= self.rnd.lognormal("ticket.day_load", hours // 24, 1.0, 0.08)
        cdf = np.concatenate([[0.0], np.cumsum(load)])
        edges = np.arange(self.start_day * 24, self.end_day * 24 + 1, dtype=np.int64) * HOUR
        return cdf / cdf[-1], edges.astype(np.float64)

    def _contact_curve(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Cumulative share of contacts at each day edge of the contact span."""
        days = np.arange(self.contact_day, self.end_day, dtype=np.int64)
        load = 1.0 + CONTACT_GROWTH * np.arange(len(days)) / len(days)
        load *= np.where(_weekday(days) < 5, 1.0, 0.55)
        load *= self.rnd.lognormal("contact.day_load", days, 1.0, 0.12)
        cdf = np.concatenate([[0.0], np.cumsum(load)])
        edges = np.arange(self.contact_day, self.end_day + 1, dtype=np.int64) * DAY
        return cdf / cdf[-1], edges.astype(np.float64), load / load.sum()

    def contacts_before(self, ts: np.ndarray) -> np.ndarray:
        """How many contacts (the lowest numbers) surely exist at ``ts``."""
        created = np.floor(self.n_contacts * np.interp(ts, self._contact_edges, self._contact_cdf))
        return np.maximum(created.astype(np.int64) - 1, 0)

    # ---- contacts

    def contact_core(self, c: np.ndarray):
        """Attributes of contacts that others depend on: creation, channel,
        segment, country and conversion (-1: not converted by the end)."""
        rnd = self.rnd
        q = (c + rnd.uniform("contact.slot", c)) / self.n_contacts
        created = np.floor(np.interp(q, self._contact_cdf, self._contact_edges)).astype(np.int64)
        channel = rnd.choice("contact.channel", c, ACQUISITION_SHARE)
        segment = rnd.choice("contact.segment", c, SEGMENT_SHARE)
        country = rnd.choice("contact.country", c, [x[4] for x in COUNTRIES])
        converts = rnd.uniform("contact.converts", c) < CHANNEL_CONVERSION[channel] * SEGMENT_CONVERSION[segment]
        delay = 600 + rnd.lognormal("contact.conversion_delay", c, 10 * DAY, 1.1).astype(np.int64)
        converted = np.where(converts & (created + delay < self.end_ts), created + delay, -1)
        return created, channel, segment, country, converted

    def contacts(self, c: np.ndarray) -> tuple[Batch, dict]:
        """Contacts ``c`` (0-based numbers), and the facts their subscriptions and surveys need."""
        rnd = self.rnd
        created, channel, segment, country, converted = self.contact_core(c)

        # Referred and invited contacts point to an earlier contact who was a
        # customer at the time; without one, the contact counts as organic.
        referrer = np.full(len(c), -1, np.int64)
        wants = np.isin(channel, (REFERRAL, INVITATION))
        bound = self.contacts_before(created)
        for attempt in range(8):
            need = np.nonzero(wants & (referrer < 0) & (bound >= 1))[0]
            if not need.size:
                break
            candidate = (rnd.uniform(f"contact.referrer{attempt}", c[need]) * bound[need]).astype(np.int64)
            converted_then = self.contact_core(candidate)[4]
            ok = (converted_then >= 0) & (converted_then < created[need])
            referrer[need] = np.where(ok, candidate, -1)
        channel = np.where(wants & (referrer < 0), ORGANIC, channel)

        last_change = np.where(converted >= 0, converted, created)
        lag = rnd.lognormal("contact.update_lag", c, 2 * DAY, 1.0).astype(np.int64)
        updated = np.minimum(np.maximum(last_change + lag, created + MINUTE), self.end_ts - 1)

        number = pc.cast(pa.array(c + 1), pa.string())
        calling_code = _labels(tuple(x[3] for x in COUNTRIES), country)
        columns = {
            "contact_id": self.contact_ids(c),
            "lifecycle_stage": _labels(("lead", "customer"), (converted >= 0).astype(np.int64)),
            "acquisition_channel": _labels(ACQUISITION_CHANNELS, channel),
            "referred_by_contact_id": self.contact_ids(referrer, referrer >= 0),
            "segment": _labels(SEGMENTS, segment),
            "country": _labels(tuple(x[0] for x in COUNTRIES), country),
            "time_zone": _labels(tuple(x[1] for x in COUNTRIES), country),
            "full_name": _join("Contact ", number),
            "email": _join("c", number, "@example.com"),
            "phone": _join("+", calling_code, " 555 ", pc.utf8_lpad(number, width=7, padding="0")),
            "created_at": _timestamps(created),
            "converted_at": _timestamps(converted),
            "updated_at": _timestamps(updated),
        }
        aux = {"created": created, "updated": updated, "converted": converted, "stamp": created}
        batch = Batch("contacts", columns, c, c // WINDOW, aux)
        facts = {"created": created, "segment": segment, "converted": converted}
        return batch, facts

    # ---- subscriptions

    def subscriptions(self, customers: np.ndarray, segment: np.ndarray, converted: np.ndarray, first_row: int):
        """Subscription periods of converted contacts, and when each customer was active.

        Each customer starts a paid plan on the day of conversion. A period ends
        by a plan change (the next period starts that day) or by churn at a
        renewal date; a few churned customers come back after a gap.
        """
        rnd = self.rnd
        n = len(customers)
        start = converted // DAY
        plan = rnd.choice_rows("subscription.plan", customers, PLAN_SHARE_BY_SEGMENT[segment])
        yearly = rnd.uniform("subscription.yearly", customers) < YEARLY_SHARE_BY_SEGMENT[segment]
        monthly_churn = MONTHLY_CHURN_BY_SEGMENT[segment]
        yearly_churn = (1 - (1 - monthly_churn) ** 12) * YEARLY_RENEWAL_LOSS
        starts = np.full((n, MAX_PERIODS), -1, np.int64)
        ends = np.full((n, MAX_PERIODS), -1, np.int64)
        parts = []
        alive = np.ones(n, bool)
        for k in range(MAX_PERIODS):
            i = np.nonzero(alive)[0]
            if not i.size:
                break
            key = customers[i] * MAX_PERIODS + k
            s, p, y = start[i], plan[i], yearly[i]
            u = rnd.uniform("subscription.churn", key)
            renewals = np.where(
                y,
                12 * (1 + np.floor(np.log1p(-u) / np.log1p(-yearly_churn[i]))),
                1 + np.floor(np.log1p(-u) / np.log1p(-monthly_churn[i])),
            )
            churn_day = _add_months(s, np.minimum(renewals, 1200).astype(np.int64))
            change_day = s + 1 + rnd.exponential("subscription.change", key, PLAN_CHANGE_MEAN_DAYS).astype(np.int64)
            change = (change_day < churn_day) & (k < MAX_PERIODS - 1)
            end = np.where(change, change_day, churn_day)
            running = end >= self.end_day
            status = np.where(running, ACTIVE, np.where(change, ENDED, CANCELLED))
            reason = np.where(status == CANCELLED, rnd.choice("subscription.reason", key, CANCELLATION_SHARE), -1)
            updated = np.select(
                [status == ACTIVE, status == ENDED],
                [s * DAY + rnd.integers("subscription.created", key, HOUR, 12 * HOUR),
                 end * DAY + rnd.integers("subscription.changed", key, HOUR, 12 * HOUR)],
                np.maximum(end * DAY - rnd.integers("subscription.notice", key, HOUR, 20 * DAY), s * DAY + HOUR),
            )
            parts.append({
                "customer": i, "k": np.full(len(i), k), "contact": customers[i], "plan": p, "yearly": y,
                "start": s, "end": np.where(running, -1, end), "status": status, "reason": reason,
                "updated": updated,
            })
            starts[i, k] = s
            ends[i, k] = np.where(running, FAR_FUTURE, end)

            upgrade = np.where(p == 0, True, np.where(p == len(PLANS) - 1, False,
                                                      rnd.uniform("subscription.upgrade", key) < UPGRADE_SHARE))
            comes_back = (status == CANCELLED) & (rnd.uniform("subscription.reactivates", key) < REACTIVATION_SHARE)
            next_start = np.where(change, end, end + rnd.integers("subscription.gap", key, 30, 181))
            alive[i] = ~running & (change | comes_back) & (next_start < self.end_day)
            start[i] = next_start
            plan[i] = np.where(change, p + np.where(upgrade, 1, -1), p)
            yearly[i] = y & change

        cols = {name: np.concatenate([part[name] for part in parts]) for name in parts[0]} if parts else None
        if cols is None:
            return self._subscription_batch(None, first_row), starts, ends
        order = np.lexsort((cols["k"], cols["customer"]))
        cols = {name: values[order] for name, values in cols.items()}
        return self._subscription_batch(cols, first_row), starts, ends

    def _subscription_batch(self, cols: dict | None, first_row: int) -> Batch:
        if cols is None:
            cols = {name: np.zeros(0, np.int64) for name in
                    ("contact", "plan", "yearly", "start", "end", "status", "reason", "updated")}
        rows = first_row + np.arange(len(cols["contact"]), dtype=np.int64)
        cents = PLAN_MONTHLY_CENTS[cols["plan"]] * np.where(cols["yearly"], YEARLY_MONTHS_CHARGED, 1)
        columns = {
            "subscription_id": _ids("S", self.width["subscription"], rows),
            "contact_id": self.contact_ids(cols["contact"]),
            "plan": _labels(PLANS, cols["plan"]),
            "amount": _money(cents),
            "currency": _labels((CURRENCY,), np.zeros(len(rows), np.int64)),
            "billing_interval": _labels(INTERVALS, cols["yearly"].astype(np.int64)),
            "status": _labels(SUBSCRIPTION_STATUSES, cols["status"]),
            "cancellation_reason": _labels(CANCELLATION_REASONS, cols["reason"]),
            "started_on": _dates(cols["start"]),
            "ended_on": _dates(cols["end"]),
            "updated_at": _timestamps(cols["updated"]),
        }
        aux = {"updated": cols["updated"], "started": cols["start"] * DAY, "stamp": cols["updated"],
               "ended": np.where(cols["end"] >= 0, cols["end"] * DAY, -1)}
        return Batch("subscriptions", columns, rows, cols["contact"] // WINDOW, aux)

    # ---- contact surveys: NPS, and website visitor intent and task completion

    def contact_surveys(self, c, created, customer_index, starts, ends) -> dict:
        """NPS to active customers every quarter; two website questions per visit."""
        rnd = self.rnd
        parts = []

        # NPS: sent in the first three weeks of each quarter to active customers.
        months = np.arange(
            np.datetime64(self.start_day, "D").astype("datetime64[M]").astype(np.int64),
            np.datetime64(self.end_day - 1, "D").astype("datetime64[M]").astype(np.int64) + 1,
        )
        quarter_days = months[months % 3 == 0].astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
        quarter_days = quarter_days[quarter_days >= self.start_day]
        nq = len(quarter_days)
        if len(customer_index) and nq:
            cust = np.repeat(customer_index, nq)
            contact = c[cust]
            q = np.tile(np.arange(nq), len(customer_index))
            key = contact * 16 + q
            day = quarter_days[q] + rnd.integers("nps.day", key, 0, 21)
            sent = day * DAY + rnd.integers("nps.time", key, 8 * HOUR, 17 * HOUR)
            position = np.searchsorted(customer_index, cust)
            active = ((starts[position] <= day[:, None]) & (day[:, None] < ends[position])).any(axis=1)
            keep = active & (sent < self.end_ts)
            contact, key, sent = contact[keep], key[keep], sent[keep]
            answered = self._answer_time("nps", key, sent, 0.25, 6 * HOUR, 1.2)
            scale = np.where(rnd.uniform("nps.scale", key) < 0.03, SCALE_1_10, SCALE_0_10)
            score = rnd.choice("nps.score", key, NPS_SHARE)
            score = np.where(scale == SCALE_1_10, np.maximum(score, 1), score)
            parts.append(self._survey_part(NPS_SURVEY, scale, contact, sent, answered, score=score))

        # Website visits: intent when the visit starts, task completion when it ends.
        visits = rnd.choice("visit.count", c, (0.55, 0.30, 0.10, 0.05))
        for v in range(3):
            has = visits > v
            contact = c[has]
            key = contact * 4 + v
            begin = created[has] + (rnd.uniform("visit.time", key) * (self.end_ts - created[has])).astype(np.int64)
            finish = begin + rnd.integers("visit.length", key, 2 * MINUTE, 15 * MINUTE)
            keep = finish < self.end_ts
            contact, key, begin, finish = contact[keep], key[keep], begin[keep], finish[keep]
            intent = rnd.choice("visit.intent", key, INTENT_SHARE)
            told = rnd.uniform("visit.intent_answered", key) < 0.35
            intent_at = np.where(told, begin + rnd.integers("visit.intent_delay", key, 5, 120), -1)
            parts.append(self._survey_part(INTENT_SURVEY, SCALE_CHOICE, contact, begin, intent_at,
                                           answer=np.where(told, intent + 2, -1), session=key))
            done = rnd.uniform("visit.done", key) < INTENT_TASK_DONE[intent]
            replies = rnd.uniform("visit.task_answered", key) < np.where(told, 0.85, 0.12)
            done_at = np.where(replies, finish + rnd.integers("visit.task_delay", key, 5, 120), -1)
            done_at = np.where(done_at < self.end_ts, done_at, -1)
            parts.append(self._survey_part(TASK_SURVEY, SCALE_YES_NO, contact, finish, done_at,
                                           answer=np.where(done_at >= 0, np.where(done, YES, NO), -1),
                                           session=key))
        return self._merge_survey_parts(parts, order_by="respondent")

    def _answer_time(self, stream, key, sent, rate, median, sigma) -> np.ndarray:
        """When an invitation is answered (-1: not answered by the end)."""
        answers = self.rnd.uniform(stream + ".answers", key) < rate
        delay = 30 + self.rnd.lognormal(stream + ".answer_delay", key, median, sigma).astype(np.int64)
        answered = sent + delay
        return np.where(answers & (answered < self.end_ts), answered, -1)

    @staticmethod
    def _survey_part(survey, scale, respondent, sent, answered, *, score=None, answer=None,
                     ticket=None, employee=False, team=None, session=None) -> dict:
        n = len(respondent)
        answered = np.asarray(answered)
        score = np.where(answered >= 0, score, -1) if score is not None else np.full(n, -1)
        answer = np.where(answered >= 0, answer, -1) if answer is not None else np.full(n, -1)
        return {
            "survey": np.full(n, survey), "scale": np.broadcast_to(scale, (n,)).astype(np.int64),
            "employee": np.full(n, employee), "respondent": respondent.astype(np.int64),
            "team": np.full(n, -1) if team is None else team, "ticket": np.full(n, -1) if ticket is None else ticket,
            "score": score.astype(np.int64), "answer": answer.astype(np.int64),
            "session": np.full(n, -1) if session is None else np.asarray(session, dtype=np.int64),
            "sent": sent.astype(np.int64), "answered": answered.astype(np.int64),
        }

    @staticmethod
    def _merge_survey_parts(parts: list[dict], order_by: str) -> dict:
        cols = {name: np.concatenate([p[name] for p in parts]) for name in parts[0]}
        order = np.lexsort((cols["survey"], cols["sent"], cols[order_by]))
        return {name: values[order] for name, values in cols.items()}

    def responses(self, cols: dict, first_row: int, window: np.ndarray) -> Batch:
        rows = first_row + np.arange(len(cols["survey"]), dtype=np.int64)
        answered = cols["answered"] >= 0
        respondent = pc.if_else(
            pa.array(cols["employee"]),
            _ids("E", self.width["agent"], cols["respondent"]),
            self.contact_ids(cols["respondent"]),
        )
        columns = {
            "response_id": _ids("R", self.width["response"], rows),
            "survey_type": _labels(SURVEY_TYPES, cols["survey"]),
            "scale": _labels(SCALES, cols["scale"]),
            "respondent_type": _labels(RESPONDENT_TYPES, cols["employee"].astype(np.int64)),
            "respondent_id": respondent,
            "team": _labels(tuple(t.name for t in TEAMS), cols["team"]),
            "ticket_id": self.ticket_ids(cols["ticket"], cols["ticket"] >= 0),
            # a website visit: contact number x 4 + visit number
            "session_id": _ids("V", self.width["contact"] + 1, cols["session"], cols["session"] >= 0),
            "score": _integers(cols["score"], cols["score"] >= 0),
            "answer": _labels(ANSWERS, cols["answer"]),
            "sent_at": _timestamps(cols["sent"]),
            "answered_at": _timestamps(cols["answered"]),
            "updated_at": _timestamps(np.where(answered, cols["answered"], cols["sent"])),
        }
        numeric = np.isin(cols["scale"], list(INVALID_SCORES))
        aux = {
            "sent": cols["sent"], "answered": cols["answered"], "scale": cols["scale"], "stamp": cols["sent"],
            "numeric_answer": numeric & (cols["score"] >= 0),
            "orphan_ticket_id": cols["ticket"] >= 0, "orphan_respondent_id": ~cols["employee"],
        }
        return Batch("responses", columns, rows, window, aux)

    # ---- tickets, their messages, calls and ticket surveys

    def ticket_created(self, t: np.ndarray) -> np.ndarray:
        q = (t + self.rnd.uniform("ticket.slot", t)) / self.n_tickets
        return np.floor(np.interp(q, self._ticket_cdf, self._ticket_edges)).astype(np.int64)

    def ticket_region(self, t: np.ndarray, created: np.ndarray) -> np.ndarray:
        """The region a ticket comes from, by how busy each region's local clock is then."""
        hour = created // HOUR
        load = np.column_stack([
            share * WEEKDAY_LOAD[_weekday((hour + offset) // 24)] * HOUR_LOAD[(hour + offset) % 24]
            for offset, share in REGION_CLOCKS
        ])
        return self.rnd.choice_rows("ticket.region", t, load)

    def requesters(self, t: np.ndarray, created: np.ndarray, region: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A contact who exists when the ticket is created, preferably from the
        ticket's region and a customer by then (best of a few candidates)."""
        bound = np.maximum(self.contacts_before(created), 1)
        candidates, scores = [], []
        for attempt in range(6):
            candidate = (self.rnd.uniform(f"ticket.requester{attempt}", t) * bound).astype(np.int64)
            _, _, _, country, converted = self.contact_core(candidate)
            customer = (converted >= 0) & (converted <= created)
            candidates.append(candidate)
            scores.append(2 * (COUNTRY_REGION[country] == region) + customer)
        best = np.argmax(np.column_stack(scores), axis=1)
        chosen = np.column_stack(candidates)[np.arange(len(t)), best]
        return chosen, self.contact_core(chosen)[3]

    def tickets(self, t: np.ndarray, first_message: int, first_call: int) -> dict:
        """One chunk of tickets with their messages, calls and survey invitations."""
        rnd = self.rnd
        n = len(t)
        created = self.ticket_created(t)
        region = self.ticket_region(t, created)
        requester, _ = self.requesters(t, created, region)
        team = REGION_TEAM[region]
        staffed = self.hours.is_open(team, created)
        channel = rnd.choice_rows("ticket.channel", t, np.where(staffed[:, None], OPEN_MIX, CLOSED_MIX))
        outbound = rnd.uniform("ticket.outbound", t) < 0.05
        channel = np.where(outbound, np.where(rnd.uniform("ticket.outbound_channel", t) < 0.65, EMAIL, PHONE), channel)
        ticket_type = rnd.choice("ticket.type", t, TICKET_TYPE_SHARE)
        category = rnd.choice("ticket.category", t, CATEGORY_SHARE)
        priority = rnd.choice("ticket.priority", t, PRIORITY_SHARE)

        # Billing questions go to the billing team (live ones only while it is open);
        # other calls go to the 24/7 phone line.
        billing_open = self.hours.is_open(np.full(n, BILLING_TEAM), created)
        live = np.isin(channel, SYNC_CHANNELS)
        to_billing = (category == BILLING_CATEGORY) & (rnd.uniform("ticket.billing", t) < 0.7) & (~live | billing_open)
        team = np.where(to_billing, BILLING_TEAM, np.where(channel == PHONE, PHONE_TEAM, team))

        size = self.team_agents[team]
        agent1_local = (rnd.uniform("ticket.agent", t) * size).astype(np.int64)
        agent2_local = (agent1_local + 1 + (rnd.uniform("ticket.agent2", t) * (size - 1)).astype(np.int64)) % size
        agent1 = self.team_first_agent[team] + agent1_local
        agent2 = self.team_first_agent[team] + agent2_local

        escalated = rnd.uniform("ticket.escalated", t) < (
            0.06 + 0.12 * (ticket_type == COMPLAINT) + 0.15 * (priority == URGENT)
        )
        asynchronous = ~np.isin(channel, SYNC_CHANNELS)
        merged = ~outbound & asynchronous & (t >= 1) & (rnd.uniform("ticket.merged", t) < 0.018)
        escalated &= ~merged
        deleted = rnd.uniform("ticket.deleted", t) < 0.005
        facts = dict(t=t, created=created, channel=channel, priority=priority, team=team,
                     outbound=outbound, merged=merged, escalated=escalated)
        timeline, waits, talks = self._timeline(facts)

        present = (timeline >= 0) & (timeline < self.end_ts)
        at = np.where(present, timeline, -1)
        status_time = np.where(present & (SLOT_STATUS >= 0), timeline, -1)
        status = SLOT_STATUS[np.argmax(status_time, axis=1)]
        solved_time = at[:, SOLVED_SLOTS].max(axis=1)
        is_escalated = present[:, S_ESC_ASSIGN]
        assignee = np.where(is_escalated, agent2, np.where(present[:, S_ASSIGN], agent1, -1))
        updated = at.max(axis=1)
        resolved = np.isin(status, (SOLVED, CLOSED))
        resolution = np.where(merged, MERGED_RESOLUTION, rnd.choice("ticket.resolution", t, RESOLUTION_SHARE))
        merged_into = t - 1 - (rnd.uniform("ticket.merged_into", t) * np.minimum(t, 50)).astype(np.int64)

        ticket_id = self.ticket_ids(t)
        requester_id = self.contact_ids(requester)
        tickets = Batch("tickets", {
            "ticket_id": ticket_id,
            "requester_contact_id": requester_id,
            "channel": _labels(CHANNELS, channel),
            "direction": _labels(DIRECTIONS, outbound.astype(np.int64)),
            "ticket_type": _labels(TICKET_TYPES, ticket_type),
            "category": _labels(CATEGORIES, category),
            "priority": _labels(PRIORITIES, priority),
            "status": _labels(STATUSES, status),
            "team": _labels(tuple(x.name for x in TEAMS), team),
            "assignee_agent_id": self.agent_ids(assignee, assignee >= 0),
            "resolution_type": _labels(RESOLUTIONS, np.where(resolved, resolution, -1)),
            "is_escalated": _labels(BOOLEANS, is_escalated.astype(np.int64)),
            "is_merged": _labels(BOOLEANS, merged.astype(np.int64)),
            "merged_into_ticket_id": self.ticket_ids(merged_into, merged),
            "is_deleted": _labels(BOOLEANS, deleted.astype(np.int64)),
            "created_at": _timestamps(created),
            "updated_at": _timestamps(updated),
            "solved_at": _timestamps(solved_time),
        }, t, t // WINDOW, {"created": created, "updated": updated, "status": status, "channel": channel,
                            "stamp": created, "solved": solved_time})

        messages = self._messages(facts, present, timeline, requester_id, agent1, agent2, ticket_id, first_message)
        calls = self._calls(facts, present, timeline, waits, requester, agent1, agent2, ticket_id, first_call)

        # Satisfaction surveys after a resolution that sticks: CSAT always, CES sometimes.
        invited = resolved & ~merged & ~deleted & (solved_time >= 0)
        sent = solved_time + HOUR + rnd.integers("csat.sent", t, 0, 30 * MINUTE)
        invited &= sent < self.end_ts
        i = np.nonzero(invited)[0]
        key = t[i]
        unhappy = (ticket_type[i] == COMPLAINT) | present[i, S_REOPEN_MSG]
        csat = np.where(unhappy, rnd.choice("csat.score_unhappy", key, CSAT_SHARE_UNHAPPY),
                        rnd.choice("csat.score", key, CSAT_SHARE)) + 1
        parts = [self._survey_part(CSAT_SURVEY, SCALE_1_5, requester[i], sent[i],
                                   self._answer_time("csat", key, sent[i], 0.30, 3 * HOUR, 1.2),
                                   score=csat, ticket=t[i])]
        j = i[rnd.uniform("ces.invited", key) < 0.20]
        key = t[j]
        long = present[j][:, EXCHANGE_SLOTS[0][0]]
        ces = np.where(long, rnd.choice("ces.score_long", key, CES_SHARE_LONG),
                       rnd.choice("ces.score", key, CES_SHARE)) + 1
        ces_sent = sent[j] + MINUTE
        parts.append(self._survey_part(CES_SURVEY, SCALE_1_7, requester[j], ces_sent,
                                       self._answer_time("ces", key, ces_sent, 0.30, 3 * HOUR, 1.2),
                                       score=ces, ticket=t[j]))
        surveys = self._merge_survey_parts(parts, order_by="ticket")
        return {"tickets": tickets, "ticket_messages": messages, "phone_calls": calls, "surveys": surveys}

    def _reply(self, facts: dict, pair: int, base: np.ndarray, waits: np.ndarray, talks: np.ndarray) -> np.ndarray:
        """When an agent replies to a customer message sent at ``base``.

        Phone: the caller waits in the queue, talks, and the call is logged as the
        reply when it ends. Other channels: a log-normal delay around the channel
        benchmark, faster for higher priorities, moved into the team's opening
        hours (plus a short backlog delay) for teams that are not 24/7.
        """
        rnd, t, channel = self.rnd, facts["t"], facts["channel"]
        key = t * 8 + pair
        phone = channel == PHONE
        wait = _queue_wait(rnd, "call.wait", key)
        talk = np.maximum(20, rnd.lognormal("call.talk", key, 150, 0.6)).astype(np.int64)
        waits[:, pair] = np.where(phone, wait, -1)
        talks[:, pair] = np.where(phone, talk, -1)
        speed = np.where(np.isin(channel, SYNC_CHANNELS), 1.0, PRIORITY_SPEED[facts["priority"]])
        median = REPLY_MEDIAN[channel] * speed * (0.8 if pair else 1.0)
        delay = np.maximum(5, rnd.lognormal(f"reply{pair}.delay", t, median, REPLY_SIGMA[channel])).astype(np.int64)
        reply = np.where(phone, base + wait + talk, base + delay)
        staffed = (facts["team"] != PHONE_TEAM) & ~phone
        jitter = rnd.integers(f"reply{pair}.backlog", t, MINUTE, 45 * MINUTE)
        return np.where(staffed, self.hours.next_open(facts["team"], reply, jitter), reply)

    def _timeline(self, f: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Time of each event slot of each ticket (-1: the event does not occur).

        Slots are laid out in ``SLOTS``; events at or after the extraction
        moment are dropped later, which leaves recent tickets open.
        """
        rnd, t, created, channel = self.rnd, f["t"], f["created"], f["channel"]
        n = len(t)
        inbound, merged, escalated = ~f["outbound"], f["merged"], f["escalated"]
        regular = ~merged
        sync = np.isin(channel, SYNC_CHANNELS)
        T = np.full((n, N_SLOTS), -1, np.int64)
        waits = np.full((n, 8), -1, np.int64)
        talks = np.full((n, 8), -1, np.int64)

        T[:, S_NEW] = created
        T[:, S_FIRST] = created
        bot = inbound & ((channel == CHATBOT) | ((channel == CHAT) & (rnd.uniform("ticket.bot", t) < 0.4)))
        T[bot, S_BOT] = (created + rnd.integers("bot.delay", t, 2, 20))[bot]

        reply1 = self._reply(f, 0, created, waits, talks)
        assign = created + ((reply1 - created) * rnd.uniform("assign.delay", t) * 0.45).astype(np.int64) + 1
        assign = np.where(merged, created + rnd.integers("merge.assign", t, MINUTE, 10 * MINUTE), assign)
        assign = np.where(inbound, assign, created)
        T[:, S_ASSIGN] = assign
        T[:, S_OPEN] = assign
        T[inbound & regular, S_REPLY1] = reply1[inbound & regular]
        current = np.where(inbound, reply1, created)

        hold = escalated & (rnd.uniform("escalation.hold", t) < 0.5)
        hold_at = current + rnd.lognormal("escalation.hold_delay", t, 3 * HOUR, 0.8).astype(np.int64)
        T[hold, S_HOLD] = hold_at[hold]
        handover = np.where(hold, hold_at, current) + rnd.lognormal(
            "escalation.delay", t, np.where(hold, 2 * DAY, 4 * HOUR), 1.0).astype(np.int64)
        T[escalated, S_ESC_ASSIGN] = handover[escalated]
        T[escalated, S_ESC_OPEN] = handover[escalated] + 1
        current = np.where(escalated, handover + 1, current)

        exchanges = np.where(
            inbound,
            rnd.choice("ticket.exchanges", t, (0.50, 0.27, 0.13, 0.07, 0.03)),
            rnd.choice("ticket.exchanges_outbound", t, (0.30, 0.40, 0.20, 0.07, 0.03)),
        )
        exchanges = np.where(merged, 0, exchanges)
        for k, (customer_slot, agent_slot) in enumerate(EXCHANGE_SLOTS, start=1):
            has = exchanges >= k
            follow_up = current + np.maximum(10, rnd.lognormal(
                f"follow_up{k}.delay", t, FOLLOW_UP_MEDIAN[channel], FOLLOW_UP_SIGMA[channel])).astype(np.int64)
            answer = self._reply(f, k, follow_up, waits, talks)
            T[has, customer_slot] = follow_up[has]
            T[has, agent_slot] = answer[has]
            current = np.where(has, answer, current)

        first_action = np.where(inbound, reply1, created)
        noted = regular & (escalated | (rnd.uniform("ticket.note", t) < 0.2))
        note_at = first_action + (rnd.uniform("note.time", t) * np.maximum(current - first_action, 2 * MINUTE))
        T[noted, S_NOTE] = note_at.astype(np.int64)[noted]
        T[regular & ~sync, S_PENDING] = (current + 5)[regular & ~sync]

        slow = rnd.uniform("ticket.slow", t) < 0.05
        solve_delay = np.where(
            sync, rnd.integers("solve.quick", t, 20, 600),
            rnd.lognormal("solve.confirm", t, 20 * HOUR, 0.8).astype(np.int64))
        solve_delay = np.where(slow, rnd.lognormal("solve.slow", t, 8 * DAY, 0.9).astype(np.int64), solve_delay)
        solved1 = current + 5 + solve_delay
        T[regular, S_SOLVED1] = solved1[regular]

        # About 7 % of solved tickets come back; most are solved again.
        reopened = regular & (rnd.uniform("ticket.reopen", t) < 0.075)
        comeback = solved1 + np.minimum(rnd.lognormal("reopen.delay", t, 30 * HOUR, 1.0), 3.9 * DAY).astype(np.int64)
        answer = self._reply(f, 7, comeback, waits, talks)
        resolved_again = rnd.uniform("reopen.solved", t) < 0.85
        answered_again = resolved_again | (rnd.uniform("reopen.answered", t) < 0.6)
        T[reopened, S_REOPEN_MSG] = comeback[reopened]
        T[reopened, S_REOPEN_OPEN] = comeback[reopened] + 1
        T[reopened & answered_again, S_REOPEN_REPLY] = answer[reopened & answered_again]
        solved2 = answer + np.where(sync, rnd.integers("solve2.quick", t, 20, 600),
                                    rnd.lognormal("solve2.confirm", t, 12 * HOUR, 0.8).astype(np.int64))
        T[reopened & resolved_again, S_SOLVED2] = solved2[reopened & resolved_again]

        final = np.where(reopened, np.where(resolved_again, solved2, -1), solved1)
        closes = regular & (final >= 0)
        T[closes, S_CLOSED] = (final + 4 * DAY + rnd.integers("close.delay", t, 0, HOUR))[closes]
        merge_at = assign + rnd.lognormal("merge.delay", t, 40 * MINUTE, 0.8).astype(np.int64)
        T[merged, S_MERGE_CLOSED] = merge_at[merged]
        return T, waits, talks

    def _messages(self, f, present, timeline, requester_id, agent1, agent2, ticket_id, first_row) -> Batch:
        rnd = self.rnd
        r, slot = np.nonzero(present)
        at = timeline[r, slot]
        order = np.lexsort((slot, at, r))
        r, slot, at = r[order], slot[order], at[order]
        rows = first_row + np.arange(len(r), dtype=np.int64)
        outbound_first = (slot == S_FIRST) & f["outbound"][r]
        role = np.where(outbound_first, AGENT, SLOT_ROLE[slot])
        agent = np.where(SLOT_AGENT[slot] == 2, agent2[r],
                         np.where((SLOT_AGENT[slot] == 3) & f["escalated"][r], agent2[r], agent1[r]))
        channel = f["channel"][r]
        # Some customers follow up on another channel than the ticket's.
        switch = np.isin(slot, FOLLOW_UP_SLOTS) & (channel != PHONE) & (rnd.uniform("message.switch", rows) < 0.05)
        channel = np.where(switch, np.where(channel == EMAIL, WEB_FORM, EMAIL), channel)
        assignee = np.where(slot == S_ASSIGN, agent1[r], np.where(slot == S_ESC_ASSIGN, agent2[r], -1))
        author = pc.if_else(
            pa.array(role == CUSTOMER), requester_id.take(pa.array(r)),
            pc.if_else(pa.array(role == AGENT), self.agent_ids(agent),
                       pc.if_else(pa.array(role == BOT), pa.scalar(BOT_NAME), pa.scalar(None, pa.string()))),
        )
        stamp = _timestamps(at)
        columns = {
            "message_id": _ids("M", self.width["message"], rows),
            "ticket_id": ticket_id.take(pa.array(r)),
            "event_type": _labels(EVENT_TYPES, SLOT_EVENT[slot]),
            "author_role": _labels(ROLES, role),
            "author_id": author,
            "channel": _labels(CHANNELS, channel),
            "new_status": _labels(STATUSES, SLOT_STATUS[slot]),
            "assignee_agent_id": self.agent_ids(assignee, assignee >= 0),
            "created_at": stamp,
            "updated_at": stamp,
        }
        aux = {"created": at, "ticket_created": f["created"][r], "channel": channel, "stamp": at}
        return Batch("ticket_messages", columns, rows, f["t"][r] // WINDOW, aux)

    def _calls(self, f, present, timeline, waits, requester, agent1, agent2, ticket_id, first_row) -> Batch:
        """Phone calls: one inbound call per customer message on a phone ticket, an
        outbound call for agent-initiated phone tickets, and calls that no ticket
        records (mostly abandoned) before some phone tickets."""
        rnd, t = self.rnd, f["t"]
        phone = f["channel"] == PHONE
        parts = []
        for pair, (customer_slot, agent_slot) in enumerate(CALL_PAIRS):
            ok = phone & present[:, customer_slot] & present[:, agent_slot]
            if pair == 0:
                ok &= ~f["outbound"]
            i = np.nonzero(ok)[0]
            queue = timeline[i, customer_slot]
            answered = queue + waits[i, CALL_PAIR_WAIT[pair]]
            agent = np.where(f["escalated"][i] & (pair > 0), agent2[i], agent1[i])
            parts.append(dict(r=i, order=np.full(len(i), 1 + pair), ticket=True, caller=requester[i], agent=agent,
                              team=f["team"][i], outbound=np.zeros(len(i), bool), queue=queue, answered=answered,
                              ended=timeline[i, agent_slot], abandoned=np.zeros(len(i), bool)))

        # Outbound calls placed by agents (20 % unanswered).
        i = np.nonzero(phone & f["outbound"])[0]
        key = t[i]
        picked = rnd.uniform("call.outbound_answered", key) >= 0.2
        answered = f["created"][i] + rnd.integers("call.ring", key, 5, 25)
        ended = np.where(picked, answered + rnd.lognormal("call.outbound_talk", key, 180, 0.6).astype(np.int64),
                         f["created"][i] + 30)
        keep = ended < self.end_ts
        parts.append(dict(r=i[keep], order=np.ones(keep.sum(), np.int64), ticket=True, caller=requester[i][keep],
                          agent=agent1[i][keep], team=f["team"][i][keep], outbound=np.ones(keep.sum(), bool),
                          queue=f["created"][i][keep], answered=np.where(picked, answered, -1)[keep],
                          ended=ended[keep], abandoned=np.zeros(keep.sum(), bool)))

        # Calls no ticket records: 35 % of inbound phone tickets had one before,
        # of which a third were abandoned.
        i = np.nonzero(phone & ~f["outbound"] & (rnd.uniform("call.extra", t) < 0.35))[0]
        key = t[i]
        queue = f["created"][i] - rnd.integers("call.extra_before", key, MINUTE, 6 * HOUR)
        abandoned = rnd.uniform("call.extra_abandoned", key) < 0.35
        hang_up = np.clip(rnd.lognormal("call.patience", key, 70, 0.8), 5, 900).astype(np.int64)
        wait = _queue_wait(rnd, "call.extra_wait", key)
        answered = np.where(abandoned, -1, queue + wait)
        ended = np.where(abandoned, queue + hang_up,
                         queue + wait + rnd.lognormal("call.extra_talk", key, 120, 0.7).astype(np.int64))
        keep = (queue >= self.start_ts) & (ended < self.end_ts)
        size = self.team_agents[PHONE_TEAM]
        agent = self.team_first_agent[PHONE_TEAM] + (rnd.uniform("call.extra_agent", key) * size).astype(np.int64)
        caller = np.where(rnd.uniform("call.identified", key) < 0.7, requester[i], -1)
        parts.append(dict(r=i[keep], order=np.zeros(keep.sum(), np.int64), ticket=False, caller=caller[keep],
                          agent=np.where(abandoned, -1, agent)[keep], team=np.full(keep.sum(), PHONE_TEAM),
                          outbound=np.zeros(keep.sum(), bool), queue=queue[keep], answered=answered[keep],
                          ended=ended[keep], abandoned=abandoned[keep]))

        cols = {}
        for name in ("r", "order", "caller", "agent", "team", "outbound", "queue", "answered", "ended", "abandoned"):
            cols[name] = np.concatenate([np.asarray(p[name]) for p in parts])
        cols["has_ticket"] = np.concatenate([np.full(len(p["r"]), p["ticket"]) for p in parts])
        order = np.lexsort((cols["order"], cols["r"]))
        cols = {name: values[order] for name, values in cols.items()}
        rows = first_row + np.arange(len(order), dtype=np.int64)
        r = cols["r"]
        columns = {
            "call_id": _ids("CL", self.width["call"], rows),
            "ticket_id": pc.if_else(pa.array(cols["has_ticket"]), ticket_id.take(pa.array(r)),
                                    pa.scalar(None, pa.string())),
            "caller_contact_id": self.contact_ids(cols["caller"], cols["caller"] >= 0),
            "agent_id": self.agent_ids(cols["agent"], cols["agent"] >= 0),
            "team": _labels(tuple(x.name for x in TEAMS), cols["team"]),
            "direction": _labels(DIRECTIONS, cols["outbound"].astype(np.int64)),
            "queue_entered_at": _timestamps(cols["queue"]),
            "answered_at": _timestamps(cols["answered"]),
            "ended_at": _timestamps(cols["ended"]),
            "is_abandoned": _labels(BOOLEANS, cols["abandoned"].astype(np.int64)),
            "updated_at": _timestamps(cols["ended"]),
        }
        aux = {"orphan_ticket_id": cols["has_ticket"], "orphan_caller_contact_id": cols["caller"] >= 0,
               "stamp": cols["queue"]}
        return Batch("phone_calls", columns, rows, t[r] // WINDOW if len(r) else r, aux)

    # ---- employees and spend

    def employee_surveys(self) -> dict:
        """Monthly employee satisfaction survey (1-10) to every agent."""
        rnd = self.rnd
        first = np.datetime64(self.start_day, "D").astype("datetime64[M]")
        last = np.datetime64(self.end_day - 1, "D").astype("datetime64[M]")
        month_days = np.arange(first, last + 1).astype("datetime64[D]").astype(np.int64)
        month_days = month_days[month_days >= self.start_day]
        agent = np.repeat(np.arange(self.n_agents), len(month_days))
        m = np.tile(np.arange(len(month_days)), self.n_agents)
        key = agent * 64 + m
        sent = month_days[m] * DAY + 8 * HOUR + rnd.integers("employee.sent", key, 0, 2 * HOUR)
        answered = self._answer_time("employee", key, sent, 0.65, 1.5 * DAY, 0.8)
        team = self.agent_team[agent]
        score = np.clip(np.round(EMPLOYEE_MEAN_BY_TEAM[team] + 1.6 * rnd.normal("employee.score", key)), 1, 10)
        part = self._survey_part(EMPLOYEE_SURVEY, SCALE_1_10, agent, sent, answered, score=score.astype(np.int64),
                                 employee=True, team=team)
        return self._merge_survey_parts([part], order_by="respondent")

    def marketing_spend(self) -> Batch:
        """Daily spend per paid acquisition channel, following the expected leads."""
        rnd = self.rnd
        days = np.arange(self.contact_day, self.end_day, dtype=np.int64)
        lines = [(ch, 0, cost) for ch, cost in MARKETING_COST_PER_LEAD.items()]
        lines += [(ch, 1, cost) for ch, cost in SALES_COST_PER_LEAD.items()]
        lines.sort()
        d = np.repeat(np.arange(len(days)), len(lines))
        line = np.tile(np.arange(len(lines)), len(days))
        ch = np.array([x[0] for x in lines])[line]
        kind = np.array([x[1] for x in lines])[line]
        cost = np.array([x[2] for x in lines])[line]
        rows = np.arange(len(d), dtype=np.int64)
        leads = self.n_contacts * self._contact_day_weight[d] * np.asarray(ACQUISITION_SHARE)[ch]
        noise = rnd.lognormal("spend.noise", rows, 1.0, np.where(kind == 0, 0.25, 0.15))
        cents = np.maximum(100, np.round(leads * cost * noise)).astype(np.int64)
        updated = (days[d] * DAY + 22 * HOUR + rnd.integers("spend.updated", rows, 0, 2 * HOUR - 1))
        columns = {
            "spend_id": _ids("SP", self.width["spend"], rows),
            "spend_date": _dates(days[d]),
            "channel": _labels(ACQUISITION_CHANNELS, ch),
            "spend_type": _labels(SPEND_TYPES, kind),
            "amount": _money(cents),
            "currency": _labels((CURRENCY,), np.zeros(len(rows), np.int64)),
            "updated_at": _timestamps(updated),
        }
        return Batch("marketing_spend", columns, rows, rows // WINDOW, {"updated": updated, "stamp": updated})


def _channel_mixes() -> tuple[np.ndarray, np.ndarray]:
    """Channel shares in and out of opening hours that add up to CHANNEL_SHARE."""
    overall = np.asarray(CHANNEL_SHARE)
    closed = overall.copy()
    closed[CHAT] = 0.0
    closed /= closed.sum()
    opened = (overall - CLOSED_HOURS_SHARE * closed) / (1 - CLOSED_HOURS_SHARE)
    return opened, closed


OPEN_MIX, CLOSED_MIX = _channel_mixes()


def _queue_wait(rnd: Random, stream: str, key: np.ndarray) -> np.ndarray:
    """Seconds in the phone queue: median 35 s, about 85 % under 90 s, and some
    calls answered at exactly 90 s (the service-level threshold)."""
    wait = np.clip(np.round(rnd.lognormal(stream, key, 35, 0.9)), 3, 1_800).astype(np.int64)
    return np.where(rnd.uniform(stream + ".at_threshold", key) < 0.015, 90, wait)



# --------------------------------------------------------------------------
# Defect injection


def _offset_label(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


OFFSETS = POSITIVE_OFFSETS + NEGATIVE_OFFSETS
OFFSET_LABELS = tuple(_offset_label(m) for m in OFFSETS)


def _strings(arr: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """An Arrow string array as a numpy object array (small selections only)."""
    return np.asarray(arr.to_pylist(), dtype=object)


def _is_null(arr: pa.Array | pa.ChunkedArray, rows: np.ndarray) -> np.ndarray:
    """Whether each of the selected rows of an Arrow array is null."""
    return np.asarray(pc.is_null(arr.take(pa.array(rows))).to_pylist(), dtype=bool)


def _strftime(ts: np.ndarray, fmt: str) -> np.ndarray:
    return _strings(pc.strftime(pa.array(np.asarray(ts, np.int64), pa.timestamp("s")), format=fmt))


def _timestamp_variants(rnd: Random, ts: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """The same instants written the other ways a source system writes them:
    ISO 8601 with ``Z`` (with or without milliseconds), ISO 8601 in a local UTC
    offset of either sign, ``DD/MM/YYYY HH:MM:SS`` (UTC) and Unix epoch seconds
    (bare, with ``.0`` or with milliseconds)."""
    variant = rnd.choice("defect.timestamp_variant", keys, (1, 1, 1, 1, 1, 1))
    east = rnd.integers("defect.offset_east", keys, 0, len(POSITIVE_OFFSETS))
    west = len(POSITIVE_OFFSETS) + rnd.integers("defect.offset_west", keys, 0, len(NEGATIVE_OFFSETS))
    offset = np.select([variant == 2, variant == 3], [east, west], -1)
    minutes = np.where(offset >= 0, np.asarray(OFFSETS)[np.maximum(offset, 0)], 0)
    local = _strftime(ts + minutes * MINUTE, "%Y-%m-%dT%H:%M:%S")
    millis = np.char.zfill(rnd.integers("defect.millis", keys, 0, 1000).astype(str), 3).astype(object)
    offset_label = np.asarray(OFFSET_LABELS, dtype=object)[np.maximum(offset, 0)]
    # epoch seconds bare, with `.0` (spreadsheets) or with milliseconds
    form = rnd.integers("defect.epoch_fraction", keys, 0, 3)
    fraction = np.where(form == 1, ".0", np.where(form == 2, "." + millis, "")).astype(object)
    choices = [
        local + "Z",
        local + "." + millis + "Z",
        local + offset_label,
        local + offset_label,
        _strftime(ts, "%d/%m/%Y %H:%M:%S"),
        np.asarray(ts, np.int64).astype(str).astype(object) + fraction,
    ]
    return np.choose(variant, choices)


class DefectInjector:
    """Injects defects into a batch at ``rate`` of its rows (one defect per
    chosen row), shuffles the rows within their windows, and reports what it did."""

    def __init__(self, world: World, rate: float) -> None:
        self.world = world
        self.rnd = world.rnd
        self.rate = rate

    def __call__(self, batch: Batch) -> tuple[pa.Table, pa.Table | None]:
        meta = contract()[batch.table]
        table = pa.table({name: batch.columns[name] for name in meta.column_names})
        windows, keys = [batch.window], [self.rnd.bits(f"order.{batch.table}", batch.rows)]
        manifest = None
        chosen = np.zeros(0, np.int64)
        if self.rate > 0 and table.num_rows:
            chosen = np.nonzero(self.rnd.uniform(f"defect.{batch.table}", batch.rows) < self.rate)[0]
        if chosen.size:
            spec = TABLE_DEFECTS[batch.table]
            eligible = np.column_stack([self._eligible(kind, batch, spec, chosen) for kind in spec.kinds])
            cumulative = np.cumsum(eligible, axis=1)
            pick = np.floor(self.rnd.uniform(f"defect.{batch.table}.kind", batch.rows[chosen]) * cumulative[:, -1])
            kind = (cumulative <= pick[:, None]).sum(axis=1)
            chosen, kind = chosen[cumulative[:, -1] > 0], kind[cumulative[:, -1] > 0]
            edits: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {}
            copies: list[tuple[np.ndarray, dict[str, np.ndarray]]] = []
            for k, name in enumerate(spec.kinds):
                rows = chosen[kind == k]
                if rows.size:
                    getattr(self, f"_{name}")(batch, table, spec, rows, edits, copies)
            manifest = pa.table({
                "table": pa.array([batch.table] * len(chosen), pa.string()),
                "record_key": table.column(meta.primary_key).take(pa.array(chosen)).combine_chunks(),
                "defect": _labels(spec.kinds, kind),
            })
            original = table
            table = self._edit(table, edits)
            extra = []
            for rows, overrides in copies:
                extra.append(self._edit(original.take(pa.array(rows)), {
                    column: [(np.arange(len(rows)), values)] for column, values in overrides.items()
                }))
                windows.append(batch.window[rows])
                keys.append(self.rnd.bits(f"order.{batch.table}.copy", batch.rows[rows]))
            table = pa.concat_tables([table, *extra])
        order = np.lexsort((np.concatenate(keys), np.concatenate(windows)))
        return table.take(pa.array(order)), manifest

    @staticmethod
    def _edit(table: pa.Table, edits: dict[str, list[tuple[np.ndarray, np.ndarray]]]) -> pa.Table:
        for column, changes in edits.items():
            rows = np.concatenate([r for r, _ in changes])
            values = np.concatenate([v for _, v in changes])
            order = np.argsort(rows, kind="stable")
            mask = np.zeros(table.num_rows, bool)
            mask[rows] = True
            replaced = pc.replace_with_mask(
                table.column(column).combine_chunks(), pa.array(mask), pa.array(values[order], pa.string())
            )
            table = table.set_column(table.schema.get_field_index(column), column, replaced)
        return table

    def _eligible(self, kind: str, batch: Batch, spec: TableDefects, rows: np.ndarray) -> np.ndarray:
        aux = batch.aux
        everywhere = np.ones(len(rows), bool)
        if kind == "duplicate_extract":
            if batch.table == "responses":
                return aux["answered"][rows] >= 0
            start = aux["started"] if batch.table == "subscriptions" else aux["created"]
            return aux["updated"][rows] > start[rows]
        if kind in ("channel_variant", "unknown_channel"):
            return aux["channel"][rows] >= 0
        if kind in ("timestamp_format", "invalid_timestamp"):
            return aux["stamp"][rows] >= 0
        if kind == "event_before_ticket":
            return aux["created"][rows] - aux["ticket_created"][rows] <= 15 * MINUTE
        if kind == "orphan_reference":
            everywhere_in_batch = np.ones(len(batch.rows), bool)
            masks = [aux.get(f"orphan_{column}", everywhere_in_batch)[rows] for column in spec.orphan_columns]
            return np.logical_or.reduce(masks)
        if kind == "invalid_score":
            return aux["numeric_answer"][rows]
        if kind == "impossible_order":
            return aux[spec.order[1]][rows] >= 0
        if kind == "null_spelling":
            return np.logical_or.reduce([_is_null(batch.columns[c], rows) for c in spec.null_columns])
        return everywhere

    # One method per defect kind: record column edits or extra copies of rows.

    def _duplicate_exact(self, batch, table, spec, rows, edits, copies):
        copies.append((rows, {}))

    def _duplicate_extract(self, batch, table, spec, rows, edits, copies):
        """An older version of the record, extracted before its last change."""
        aux, keys = batch.aux, batch.rows[rows]
        u = self.rnd.uniform("defect.older_version", keys)
        none = np.full(len(rows), None, dtype=object)
        if batch.table == "responses":
            copies.append((rows, {"answered_at": none, "score": none, "answer": none,
                                  "updated_at": _strings(table.column("sent_at").take(pa.array(rows)))}))
            return
        start = aux["started"] if batch.table == "subscriptions" else aux["created"]
        older = start[rows] + np.floor((aux["updated"][rows] - start[rows]) * u).astype(np.int64)
        overrides = {"updated_at": _strings(_timestamps(older))}
        if batch.table == "tickets":
            status = aux["status"][rows]
            earlier = np.where(np.isin(status, (PENDING, ON_HOLD, SOLVED, CLOSED)), OPEN, NEW)
            overrides |= {"status": np.asarray(STATUSES, dtype=object)[earlier], "solved_at": none,
                          "resolution_type": none}
        elif batch.table == "contacts":
            converted = aux["converted"][rows]
            lead = (converted < 0) | (converted > older)
            overrides |= {
                "lifecycle_stage": np.where(lead, "lead", "customer").astype(object),
                "converted_at": np.where(lead, None, _strings(table.column("converted_at").take(pa.array(rows)))),
            }
        elif batch.table == "subscriptions":
            overrides |= {"status": np.full(len(rows), "active", dtype=object), "ended_on": none,
                          "cancellation_reason": none}
        copies.append((rows, overrides))

    def _channel_variant(self, batch, table, spec, rows, edits, copies):
        pick = self.rnd.integers("defect.channel_variant", batch.rows[rows], 0, 4)
        values = np.asarray(CHANNEL_VARIANTS, dtype=object)[batch.aux["channel"][rows], pick]
        edits.setdefault("channel", []).append((rows, values))

    def _unknown_channel(self, batch, table, spec, rows, edits, copies):
        pick = self.rnd.integers("defect.unknown_channel", batch.rows[rows], 0, len(UNKNOWN_CHANNELS))
        edits.setdefault("channel", []).append((rows, np.asarray(UNKNOWN_CHANNELS, dtype=object)[pick]))

    def _timestamp_format(self, batch, table, spec, rows, edits, copies):
        values = _timestamp_variants(self.rnd, batch.aux["stamp"][rows], batch.rows[rows])
        edits.setdefault(spec.timestamp_column, []).append((rows, values))

    def _invalid_timestamp(self, batch, table, spec, rows, edits, copies):
        pick = self.rnd.integers("defect.invalid_timestamp", batch.rows[rows], 0, len(INVALID_TIMESTAMPS))
        edits.setdefault(spec.timestamp_column, []).append((rows, np.asarray(INVALID_TIMESTAMPS, dtype=object)[pick]))

    def _event_before_ticket(self, batch, table, spec, rows, edits, copies):
        skew = self.rnd.integers("defect.clock_skew", batch.rows[rows], 30, 10 * MINUTE)
        values = _strings(_timestamps(batch.aux["ticket_created"][rows] - skew))
        edits.setdefault("created_at", []).append((rows, values))

    def _orphan_reference(self, batch, table, spec, rows, edits, copies):
        remaining = rows
        for column in spec.orphan_columns:
            has = batch.aux.get(f"orphan_{column}", np.ones(len(batch.rows), bool))[remaining]
            target = remaining[has]
            if target.size:
                kind = "ticket" if column == "ticket_id" else "contact"
                edits.setdefault(column, []).append((target, self.world.orphan_ids(kind, batch.rows[target])))
            remaining = remaining[~has]

    def _invalid_boolean(self, batch, table, spec, rows, edits, copies):
        keys = batch.rows[rows]
        column = self.rnd.integers("defect.invalid_boolean.column", keys, 0, len(spec.boolean_columns))
        value = self.rnd.integers("defect.invalid_boolean", keys, 0, len(INVALID_BOOLEANS))
        for c, name in enumerate(spec.boolean_columns):
            these = column == c
            if these.any():
                edits.setdefault(name, []).append(
                    (rows[these], np.asarray(INVALID_BOOLEANS, dtype=object)[value[these]]))

    def _impossible_order(self, batch, table, spec, rows, edits, copies):
        """The later instant of a pair moved before the earlier one (both readable)."""
        column, _, start, kind = spec.order
        begin = batch.aux[start][rows]
        if kind == "date":
            days = begin // DAY - self.rnd.integers("defect.impossible_order", batch.rows[rows], 1, 60)
            values = _strings(_dates(days))
        else:
            values = _strings(_timestamps(begin - self.rnd.integers("defect.impossible_order", batch.rows[rows],
                                                                      1, DAY)))
        edits.setdefault(column, []).append((rows, values))

    def _invalid_updated_at(self, batch, table, spec, rows, edits, copies):
        """An empty or unreadable updated_at: the record cannot be ranked."""
        pick = self.rnd.integers("defect.invalid_updated_at", batch.rows[rows], 0, len(INVALID_TIMESTAMPS) + 1)
        values = np.asarray((None, *INVALID_TIMESTAMPS), dtype=object)[pick]
        edits.setdefault("updated_at", []).append((rows, values))

    def _null_spelling(self, batch, table, spec, rows, edits, copies):
        """The first empty optional column written as a null spelling."""
        remaining = rows
        pick = self.rnd.integers("defect.null_spelling", batch.rows[rows], 0, len(NULL_SPELLINGS))
        spelling = dict(zip(rows.tolist(), np.asarray(NULL_SPELLINGS, dtype=object)[pick]))
        for column in spec.null_columns:
            empty = _is_null(batch.columns[column], remaining)
            target = remaining[empty]
            if target.size:
                edits.setdefault(column, []).append((target, np.array([spelling[r] for r in target.tolist()],
                                                                       dtype=object)))
            remaining = remaining[~empty]

    def _null_key(self, batch, table, spec, rows, edits, copies):
        key = contract()[batch.table].primary_key
        edits.setdefault(key, []).append((rows, np.full(len(rows), None, dtype=object)))

    def _invalid_amount(self, batch, table, spec, rows, edits, copies):
        amount = _strings(table.column("amount").take(pa.array(rows)))
        negative = self.rnd.uniform("defect.invalid_amount", batch.rows[rows]) < 0.5
        edits.setdefault("amount", []).append((rows, np.where(negative, "-" + amount, None)))

    def _invalid_score(self, batch, table, spec, rows, edits, copies):
        scale = batch.aux["scale"][rows]
        pick = self.rnd.integers("defect.invalid_score", batch.rows[rows], 0, 4)
        bad = np.full((len(SCALES), 4), None, dtype=object)
        for code, values in INVALID_SCORES.items():
            bad[code] = values
        edits.setdefault("score", []).append((rows, bad[scale, pick]))


# --------------------------------------------------------------------------
# Output


class Sink:
    """Appends batches to one file per raw table and collects the defect manifest."""

    def __init__(self, out_dir: Path, fmt: str, injector: DefectInjector) -> None:
        self.out_dir = out_dir
        self.inject = injector
        self.counts = {name: 0 for name in contract()}
        self._writers = {}
        self._manifests = {}
        for name, table in contract().items():
            schema = pa.schema([(column, pa.string()) for column in table.column_names])
            path = out_dir / f"{name}.{fmt}"
            if fmt == "csv":
                options = pa_csv.WriteOptions(include_header=True, quoting_style="needed")
                self._writers[name] = pa_csv.CSVWriter(str(path), schema, write_options=options)
            else:
                self._writers[name] = pq.ParquetWriter(str(path), schema, compression="snappy")

    def put(self, batch: Batch) -> None:
        table, manifest = self.inject(batch)
        self._writers[batch.table].write_table(table)
        self.counts[batch.table] += table.num_rows
        if manifest is not None and manifest.num_rows:
            if batch.table not in self._manifests:
                path = self.out_dir / f"{DEFECTS_FILE}.{batch.table}.part"
                options = pa_csv.WriteOptions(include_header=False, quoting_style="none")
                self._manifests[batch.table] = (path, pa_csv.CSVWriter(str(path), manifest.schema,
                                                                       write_options=options))
            self._manifests[batch.table][1].write_table(manifest)

    def close(self) -> None:
        for writer in self._writers.values():
            writer.close()
        with open(self.out_dir / DEFECTS_FILE, "wb") as out:
            out.write(b"table,record_key,defect\n")
            for name in contract():
                if name in self._manifests:
                    path, writer = self._manifests[name]
                    writer.close()
                    out.write(path.read_bytes())
                    path.unlink()


# --------------------------------------------------------------------------
# Entry points


def generate(
    out_dir: str | Path,
    *,
    tickets: int,
    seed: int = 42,
    fmt: str = "csv",
    defect_rate: float = 0.02,
    end_date: str = DEFAULT_END_DATE,
    progress: bool | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> dict[str, int]:
    """Write the seven raw tables and ``_defects.csv`` into ``out_dir``.

    ``tickets`` sets the scale (contacts are a quarter of it; the other tables
    follow). ``fmt`` is ``csv`` or ``parquet``. ``chunk_size`` (rounded up to a
    multiple of ``WINDOW``) bounds memory and does not change the output.
    Returns the number of rows written per table, duplicates included.
    """
    if tickets < 1:
        raise ValueError("tickets must be at least 1")
    if fmt not in ("csv", "parquet"):
        raise ValueError(f"unknown format {fmt!r}: use csv or parquet")
    if not 0 <= defect_rate <= 0.5:
        raise ValueError("defect_rate must be between 0 and 0.5")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    world = World(tickets, seed, end_date)
    chunk = max(WINDOW, math.ceil(chunk_size / WINDOW) * WINDOW)
    if progress is None:
        progress = tickets > PROGRESS_THRESHOLD

    sink = Sink(out, fmt, DefectInjector(world, defect_rate))
    next_row = {"subscriptions": 0, "responses": 0, "ticket_messages": 0, "phone_calls": 0}
    bar = tqdm(total=world.n_contacts + tickets, unit="record", disable=not progress, desc="generating")
    try:
        for first in range(0, world.n_contacts, chunk):
            c = np.arange(first, min(first + chunk, world.n_contacts), dtype=np.int64)
            contacts, facts = world.contacts(c)
            sink.put(contacts)
            customers = np.nonzero(facts["converted"] >= 0)[0]
            subscriptions, starts, ends = world.subscriptions(
                c[customers], facts["segment"][customers], facts["converted"][customers], next_row["subscriptions"]
            )
            next_row["subscriptions"] += len(subscriptions.rows)
            sink.put(subscriptions)
            surveys = world.contact_surveys(c, facts["created"], customers, starts, ends)
            _put_responses(world, sink, surveys, surveys["respondent"] // WINDOW, next_row)
            bar.update(len(c))

        for first in range(0, tickets, chunk):
            t = np.arange(first, min(first + chunk, tickets), dtype=np.int64)
            batches = world.tickets(t, next_row["ticket_messages"], next_row["phone_calls"])
            for name in ("tickets", "ticket_messages", "phone_calls"):
                sink.put(batches[name])
            next_row["ticket_messages"] += len(batches["ticket_messages"].rows)
            next_row["phone_calls"] += len(batches["phone_calls"].rows)
            surveys = batches["surveys"]
            _put_responses(world, sink, surveys, surveys["ticket"] // WINDOW, next_row)
            bar.update(len(t))

        surveys = world.employee_surveys()
        _put_responses(world, sink, surveys, surveys["respondent"] // WINDOW, next_row)
        sink.put(world.marketing_spend())
    finally:
        bar.close()
        sink.close()
    return dict(sink.counts)


def _put_responses(world: World, sink: Sink, surveys: dict, window: np.ndarray, next_row: dict) -> None:
    batch = world.responses(surveys, next_row["responses"], window)
    next_row["responses"] += len(batch.rows)
    sink.put(batch)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cx_metrics.generate",
        description="Generate the raw helpdesk, CRM, survey and billing extracts of cx_metrics.",
    )
    parser.add_argument("--out", type=Path, default=Path("data/raw"), help="output folder (default: data/raw)")
    scale = parser.add_mutually_exclusive_group()
    scale.add_argument("--tickets", type=int, help="number of tickets (sets the scale)")
    scale.add_argument("--size", choices=sorted(SIZES, key=SIZES.get),
                       help=", ".join(f"{k}={v}" for k, v in SIZES.items()) + " tickets (default: demo)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--format", dest="fmt", choices=("csv", "parquet"), default="csv")
    parser.add_argument("--defect-rate", type=float, default=0.02,
                        help="share of rows of each table given one defect (default: 0.02; 0: clean)")
    parser.add_argument("--end-date", default=DEFAULT_END_DATE, help="last day of the data (YYYY-MM-DD)")
    parser.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE,
                        help="tickets or contacts generated per chunk (memory only; output unchanged)")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help=f"progress bar (default: on above {PROGRESS_THRESHOLD:,} tickets)")
    args = parser.parse_args(argv)
    tickets = args.tickets if args.tickets is not None else SIZES[args.size or "demo"]

    began = time.perf_counter()
    counts = generate(args.out, tickets=tickets, seed=args.seed, fmt=args.fmt, defect_rate=args.defect_rate,
                      end_date=args.end_date, progress=args.progress, chunk_size=args.chunk_size)
    elapsed = time.perf_counter() - began
    for name, rows in counts.items():
        print(f"{name:<16} {rows:>12,} rows")
    print(f"wrote {args.out}/ ({args.fmt}) in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
