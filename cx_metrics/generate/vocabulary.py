"""The vocabulary the generator writes, read from the project rather than restated.

* Enumerated columns take their values, in contract order, from the raw
  contract (``allowed_values`` in the dbt source YAML). Inside the generator a
  value is a code, its position in that order (``codes``); the ``labels`` of
  ``columns`` turn codes back into text.
* The support teams, their time zones and weekly opening hours come from the
  seeds ``teams``, ``business_calendars`` and ``business_hours``; the scale each survey type is asked
  on from the seed ``survey_types``.

What the generator alone decides (shares, medians, rates, and the free-text
values of columns such as ``category`` or ``plan``) stays in the module it
belongs to, keyed by value: ``ordered`` lines such figures up with a
vocabulary and fails when a value has none or a figure names no value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cx_metrics.contract import allowed_values, seed
from cx_metrics.generate.clock import DAY, HOUR, MINUTE

CHANNELS = allowed_values("tickets", "channel")
DIRECTIONS = allowed_values("tickets", "direction")
TICKET_TYPES = allowed_values("tickets", "ticket_type")
PRIORITIES = allowed_values("tickets", "priority")
STATUSES = allowed_values("tickets", "status")
EVENT_TYPES = allowed_values("ticket_messages", "event_type")
ROLES = allowed_values("ticket_messages", "author_role")
LIFECYCLE_STAGES = allowed_values("contacts", "lifecycle_stage")
INTERVALS = allowed_values("subscriptions", "billing_interval")
SUBSCRIPTION_STATUSES = allowed_values("subscriptions", "status")
SPEND_TYPES = allowed_values("marketing_spend", "spend_type")
SURVEY_TYPES = allowed_values("responses", "survey_type")
RESPONDENT_TYPES = allowed_values("responses", "respondent_type")


def codes(values: Iterable[str]) -> dict[str, int]:
    """Each value's code: its position in ``values``."""
    return {value: code for code, value in enumerate(values)}


def ordered(values: Iterable[str], by_value: Mapping[str, Any]) -> tuple:
    """The entries of ``by_value`` in the order of ``values``; each value needs exactly one."""
    values = tuple(values)
    if set(by_value) != set(values):
        missing, unknown = set(values) - set(by_value), set(by_value) - set(values)
        raise ValueError(f"figures do not match the vocabulary {values}: missing {sorted(missing)}, "
                         f"unknown {sorted(unknown)}")
    return tuple(by_value[value] for value in values)


# --------------------------------------------------------------------------
# Seeds


@dataclass(frozen=True)
class Team:
    """A support team (seed ``teams``), its calendar's time zone (seed
    ``business_calendars``) and weekly opening hours (seed ``business_hours``)."""

    name: str
    time_zone: str
    # Monday=0 -> (first opening, last closing) local second of the day; a
    # missing day is closed; None: open around the clock. A day with a break
    # is generated as one span: the generator places arrivals, not breaks.
    hours: dict[int, tuple[int, int]] | None


def _seconds(clock: str) -> int:
    """Seconds since midnight of ``HH:MM`` (``24:00`` is the end of the day)."""
    hours, minutes = clock.split(":")
    return int(hours) * HOUR + int(minutes) * MINUTE


def _calendars() -> dict[str, dict[int, tuple[int, int]] | None]:
    calendars: dict[str, dict[int, tuple[int, int]]] = {}
    for row in seed("business_hours"):
        days = calendars.setdefault(row["calendar_id"], {})
        day = int(row["day_of_week"]) - 1
        opens, closes = _seconds(row["opens_at"]), _seconds(row["closes_at"])
        earlier = days.get(day, (opens, closes))
        days[day] = (min(opens, earlier[0]), max(closes, earlier[1]))
    around_the_clock = {day: (0, DAY) for day in range(7)}
    return {name: None if days == around_the_clock else days for name, days in calendars.items()}


def _teams() -> tuple[Team, ...]:
    calendars = _calendars()
    zones = {row["calendar_id"]: row["time_zone"] for row in seed("business_calendars")}
    return tuple(Team(row["team"], zones[row["calendar_id"]], calendars[row["calendar_id"]]) for row in seed("teams"))


def _scale(row: dict[str, str]) -> str:
    """The scale a survey type is asked on: ``min-max`` of its metric, or its answer kind."""
    if row["answer_kind"] == "numeric":
        return f"{row['metric_scale_min']}-{row['metric_scale_max']}"
    return row["answer_kind"]


TEAMS = _teams()
SURVEY_SCALES = {row["survey_type"]: _scale(row) for row in seed("survey_types")}
