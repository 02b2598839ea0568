"""The world of one run: its scale, time span, teams and agents, countries,
arrival curves and record ids.

The teams are those of the seed ``teams``, open as their calendars say (seed
``business_hours``); how many tickets each handles is the generator's.

The sources (``crm``, ``helpdesk``, ``survey``, ``billing``) generate their
tables from a ``World``: every random draw goes through ``World.rnd``.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cx_metrics.generate.clock import DAY, HOUR, TeamHours, add_months, weekday
from cx_metrics.generate.columns import digits, ids, join, orphan_safe_width
from cx_metrics.generate.randomness import Random
from cx_metrics.generate.vocabulary import TEAMS, Team, codes, ordered

WINDOW = 500  # contacts or tickets per shuffle window; chunk sizes are multiples of it
HISTORY_MONTHS = 18  # tickets, surveys and spend cover this many months
PRE_HISTORY_MONTHS = 6  # contacts and subscriptions start this much earlier
CONTACTS_PER_TICKET = 0.25

TEAM_NAMES = tuple(team.name for team in TEAMS)
TEAM = codes(TEAM_NAMES)
PHONE_TEAM, BILLING_TEAM = TEAM["phone_24x7"], TEAM["billing"]
# Share of the tickets each team handles, which sizes its pool of agents.
TEAM_SHARE = ordered(TEAM_NAMES, {
    "support_emea": 0.33,
    "support_americas": 0.26,
    "support_apac": 0.10,
    "phone_24x7": 0.16,
    "billing": 0.15,
})
# The billing specialists keep their office's weekdays but stop taking tickets
# at 17:00, an hour before the office calendar (seed business_hours) closes.
STOPS_AT = {"billing": 17 * HOUR}
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
REGION_TEAM = np.array([TEAM["support_emea"], TEAM["support_americas"], TEAM["support_apac"]])
# Ticket arrival: each region's local clock (fixed UTC offset) and share.
REGION_CLOCKS = ((1, 0.50), (-5, 0.35), (10, 0.15))
WEEKDAY_LOAD = np.array([1.15, 1.10, 1.05, 1.00, 0.90, 0.45, 0.35])
HOUR_LOAD = np.array(
    [0.12, 0.08, 0.06, 0.06, 0.08, 0.15, 0.30, 0.55, 0.85, 1.00, 1.00, 1.00,
     0.90, 0.95, 0.95, 0.90, 0.85, 0.75, 0.60, 0.50, 0.42, 0.35, 0.25, 0.18]
)
TICKET_GROWTH = 0.35  # the last day sees 35 % more tickets than the first
CONTACT_GROWTH = 0.60


def staffed_hours(team: Team) -> Team:
    """The team with the hours it takes tickets: its calendar's, ended early where ``STOPS_AT`` says."""
    stop = STOPS_AT.get(team.name)
    if stop is None or team.hours is None:
        return team
    return replace(team, hours={day: (opens, min(closes, stop)) for day, (opens, closes) in team.hours.items()})


class World:
    """Everything fixed for one run: scale, time span, curves, agents and id widths."""

    def __init__(self, tickets: int, seed: int, end_date: str) -> None:
        self.rnd = Random(seed)
        self.hours = TeamHours([staffed_hours(team) for team in TEAMS])
        self.n_tickets = tickets
        self.n_contacts = max(20, round(tickets * CONTACTS_PER_TICKET))

        self.end_day = int(np.datetime64(end_date, "D").astype(np.int64)) + 1
        self.start_day = int(add_months(np.array([self.end_day]), -HISTORY_MONTHS)[0])
        self.contact_day = int(add_months(np.array([self.start_day]), -PRE_HISTORY_MONTHS)[0])
        self.end_ts = self.end_day * DAY  # the extraction moment: nothing happens at or after it
        self.start_ts = self.start_day * DAY

        self.ticket_cdf, self.ticket_edges = self._ticket_curve()
        self.contact_cdf, self.contact_edges, self.contact_day_weight = self._contact_curve()

        sizes = np.array([max(3, math.ceil(tickets * share / TICKETS_PER_AGENT)) for share in TEAM_SHARE])
        self.team_agents = sizes
        self.team_first_agent = np.cumsum(sizes) - sizes
        self.agent_team = np.repeat(np.arange(len(TEAMS)), sizes)
        self.n_agents = int(sizes.sum())

        # Digits of the ids other tables refer to; each table sizes its own key.
        self.width = {
            "ticket": orphan_safe_width(7, tickets),
            "contact": orphan_safe_width(6, self.n_contacts),
            "agent": max(3, digits(self.n_agents)),
        }

    # ---- ids

    def ticket_ids(self, numbers, valid=None):
        return ids("T", self.width["ticket"], numbers, valid)

    def contact_ids(self, numbers, valid=None):
        return ids("C", self.width["contact"], numbers, valid)

    def agent_ids(self, numbers, valid=None):
        return ids("A", self.width["agent"], numbers, valid)

    def orphan_ids(self, kind: str, keys: np.ndarray) -> np.ndarray:
        """Well-formed ids that no record has (they start with 9, beyond the last id)."""
        prefix, width = {"ticket": ("T", self.width["ticket"]), "contact": ("C", self.width["contact"])}[kind]
        tail = self.rnd.integers("defect.orphan", keys, 0, 10 ** (width - 1))
        padded = pc.utf8_lpad(pc.cast(pa.array(tail), pa.string()), width=width - 1, padding="0")
        return np.asarray(join(prefix + "9", padded).to_pylist(), dtype=object)

    # ---- arrival curves

    def _ticket_curve(self) -> tuple[np.ndarray, np.ndarray]:
        """Cumulative share of tickets at each hour edge of the ticket span."""
        hours = np.arange(self.start_day * 24, self.end_day * 24, dtype=np.int64)
        load = np.zeros(len(hours))
        for offset, share in REGION_CLOCKS:
            local = hours + offset
            load += share * WEEKDAY_LOAD[weekday(local // 24)] * HOUR_LOAD[local % 24]
        load *= 1.0 + TICKET_GROWTH * np.arange(len(hours)) / len(hours)
        load *= self.rnd.lognormal("ticket.day_load", hours // 24, 1.0, 0.08)
        cdf = np.concatenate([[0.0], np.cumsum(load)])
        edges = np.arange(self.start_day * 24, self.end_day * 24 + 1, dtype=np.int64) * HOUR
        return cdf / cdf[-1], edges.astype(np.float64)

    def _contact_curve(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Cumulative share of contacts at each day edge of the contact span."""
        days = np.arange(self.contact_day, self.end_day, dtype=np.int64)
        load = 1.0 + CONTACT_GROWTH * np.arange(len(days)) / len(days)
        load *= np.where(weekday(days) < 5, 1.0, 0.55)
        load *= self.rnd.lognormal("contact.day_load", days, 1.0, 0.12)
        cdf = np.concatenate([[0.0], np.cumsum(load)])
        edges = np.arange(self.contact_day, self.end_day + 1, dtype=np.int64) * DAY
        return cdf / cdf[-1], edges.astype(np.float64), load / load.sum()

    def contacts_before(self, ts: np.ndarray) -> np.ndarray:
        """How many contacts (the lowest numbers) surely exist at ``ts``."""
        created = np.floor(self.n_contacts * np.interp(ts, self.contact_edges, self.contact_cdf))
        return np.maximum(created.astype(np.int64) - 1, 0)
