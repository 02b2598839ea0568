"""Defect injection: what a real export gets wrong, at a chosen rate.

At ``rate`` of the rows of each table, one defect of a kind the table can
carry (``TABLE_DEFECTS``) is injected: duplicates, channel spellings, foreign
timestamp formats, orphans, null keys, invalid values, unreadable flags,
instants in an impossible order, an empty or unreadable ``updated_at``, null
spellings such as ``NULL``. Every injected defect is reported as
``table,record_key,defect`` so tests can reconcile what staging cleans or
rejects. Rows are then shuffled within their windows: an extract is never
sorted by time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cx_metrics.contract import contract
from cx_metrics.generate.clock import DAY, MINUTE
from cx_metrics.generate.columns import Batch, dates, labels, timestamps
from cx_metrics.generate.randomness import Random
from cx_metrics.generate.vocabulary import CHANNELS, LIFECYCLE_STAGES, STATUSES, SUBSCRIPTION_STATUSES, codes, ordered
from cx_metrics.generate.world import World

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
# Spellings a helpdesk export really carries, by channel (in the order of
# CHANNELS); staging trims, lowercases and maps them through the channel
# synonyms seed.
CHANNEL_VARIANTS = ordered(CHANNELS, {
    "email": ("E-mail", "EMAIL ", "Email", "e-mail"),
    "chat": (" Live Chat", "live chat", "Chat", "CHAT "),
    "phone": ("Phone Call", "PHONE", " phone", "Téléphone"),
    "web_form": ("webform", "Web Form", "WEB_FORM", "web form"),
    "social": ("twitter", "facebook", "Social", "Twitter "),
    "chatbot": ("bot", "Chatbot", "CHATBOT", "Bot "),
    "community": ("forum", "Community", "Forum ", "COMMUNITY"),
})
UNKNOWN_CHANNELS = ("carrier pigeon", "smoke signal", "telepathy")
INVALID_TIMESTAMPS = ("not a date", "2024-13-45 25:61:00", "00/00/0000 00:00")
INVALID_BOOLEANS = ("maybe", "oui", "2")
# How exports spell a missing value; staging reads them as empty.
NULL_SPELLINGS = ("NULL", "N/A", "\\N", "null", " n/a ")
POSITIVE_OFFSETS = (60, 120, 330, 600)  # minutes east of UTC
NEGATIVE_OFFSETS = (-180, -300, -480)
# Out-of-range or non-numeric scores per numeric scale.
INVALID_SCORES = {
    "1-5": ("0", "6", "-1", "five"),
    "0-10": ("11", "-1", "nine", "12"),
    "1-10": ("0", "11", "nine", "-1"),
    "1-7": ("0", "8", "-1", "seven"),
}
STATUS = codes(STATUSES)
# An older extract of a ticket shows it open where it has since moved past open, else new.
WORKED_ON = [STATUS[status] for status in ("pending", "on_hold", "solved", "closed")]
STAGE = codes(LIFECYCLE_STAGES)
SUBSCRIPTION_STATUS = codes(SUBSCRIPTION_STATUSES)


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
                "defect": labels(spec.kinds, kind),
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
        overrides = {"updated_at": _strings(timestamps(older))}
        if batch.table == "tickets":
            status = aux["status"][rows]
            earlier = np.where(np.isin(status, WORKED_ON), STATUS["open"], STATUS["new"])
            overrides |= {"status": np.asarray(STATUSES, dtype=object)[earlier], "solved_at": none,
                          "resolution_type": none}
        elif batch.table == "contacts":
            converted = aux["converted"][rows]
            lead = (converted < 0) | (converted > older)
            overrides |= {
                "lifecycle_stage": np.asarray(LIFECYCLE_STAGES, dtype=object)[
                    np.where(lead, STAGE["lead"], STAGE["customer"])],
                "converted_at": np.where(lead, None, _strings(table.column("converted_at").take(pa.array(rows)))),
            }
        elif batch.table == "subscriptions":
            active = np.full(len(rows), SUBSCRIPTION_STATUS["active"])
            overrides |= {"status": np.asarray(SUBSCRIPTION_STATUSES, dtype=object)[active], "ended_on": none,
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
        values = _strings(timestamps(batch.aux["ticket_created"][rows] - skew))
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
            values = _strings(dates(days))
        else:
            values = _strings(timestamps(begin - self.rnd.integers("defect.impossible_order", batch.rows[rows],
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
        scales = _strings(batch.columns["scale"].take(pa.array(rows)))
        pick = self.rnd.integers("defect.invalid_score", batch.rows[rows], 0, 4)
        values = np.array([INVALID_SCORES[scale][p] for scale, p in zip(scales, pick)], dtype=object)
        edits.setdefault("score", []).append((rows, values))
