"""Time arithmetic of the generator: units, day numbers, time zones and the
teams' opening hours.

Instants are UTC epoch seconds (int64) and days are day numbers (days since
1970-01-01); -1 stands for "no instant".
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

MINUTE = 60
HOUR = 3_600
DAY = 86_400
FAR_FUTURE = np.int64(2**62)


def add_months(days: np.ndarray, months) -> np.ndarray:
    """Day numbers (days since 1970-01-01) moved by whole months, clamped to the month's end."""
    d = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    month = d.astype("datetime64[M]")
    day_of_month = d - month.astype("datetime64[D]")
    target = month + np.asarray(months, dtype=np.int64).astype("timedelta64[M]")
    last = (target + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
    return np.minimum(target.astype("datetime64[D]") + day_of_month, last).astype(np.int64)


def weekday(days: np.ndarray) -> np.ndarray:
    """Monday=0 (1970-01-01 was a Thursday)."""
    return (np.asarray(days) + 3) % 7


def to_local(time_zone: str, ts: np.ndarray) -> np.ndarray:
    """UTC epoch seconds to the wall-clock seconds of a time zone."""
    local = pd.to_datetime(ts, unit="s", utc=True).tz_convert(time_zone).tz_localize(None)
    return local.as_unit("s").asi8.copy()


def to_utc(time_zone: str, local: np.ndarray) -> np.ndarray:
    """Wall-clock seconds of a time zone to UTC epoch seconds."""
    wall = pd.to_datetime(local, unit="s")
    utc = wall.tz_localize(time_zone, ambiguous=np.zeros(len(local), bool), nonexistent="shift_forward")
    return utc.tz_convert("UTC").as_unit("s").asi8.copy()


class TeamHours:
    """Opening hours of the teams, in their own time zones (DST included).

    ``teams`` are numbered by position; each has a ``time_zone`` and ``hours``,
    Monday=0 -> (opening, closing) local second of the day, or None when open
    around the clock. Public holidays are not kept: teams work through them.
    """

    def __init__(self, teams: Sequence) -> None:
        self.teams = tuple(teams)
        self.opens = np.full((len(self.teams), 7), -1, np.int64)
        self.closes = np.full((len(self.teams), 7), -1, np.int64)
        for i, team in enumerate(self.teams):
            for day, (opens, closes) in (team.hours or {}).items():
                self.opens[i, day] = opens
                self.closes[i, day] = closes

    def is_open(self, team: np.ndarray, ts: np.ndarray) -> np.ndarray:
        result = np.ones(len(ts), bool)
        for i, spec in enumerate(self.teams):
            rows = np.nonzero(team == i)[0]
            if spec.hours is None or not rows.size:
                continue
            local = to_local(spec.time_zone, ts[rows])
            day, second = weekday(local // DAY), local % DAY
            opens, closes = self.opens[i, day], self.closes[i, day]
            result[rows] = (opens >= 0) & (second >= opens) & (second < closes)
        return result

    def next_open(self, team: np.ndarray, ts: np.ndarray, jitter: np.ndarray) -> np.ndarray:
        """``ts`` where the team is open; else its next opening plus ``jitter`` seconds."""
        result = ts.copy()
        for i, spec in enumerate(self.teams):
            rows = np.nonzero(team == i)[0]
            if spec.hours is None or not rows.size:
                continue
            local = to_local(spec.time_zone, ts[rows])
            day, second = local // DAY, local % DAY
            opens, closes = self.opens[i, weekday(day)], self.closes[i, weekday(day)]
            closed = ~((opens >= 0) & (second >= opens) & (second < closes))
            if not closed.any():
                continue
            target = np.where((opens >= 0) & (second < opens), day * DAY + opens, -1)
            for ahead in range(1, 8):
                later = self.opens[i, weekday(day + ahead)]
                target = np.where((target < 0) & (later >= 0), (day + ahead) * DAY + later, target)
            moved = rows[closed]
            result[moved] = to_utc(spec.time_zone, target[closed]) + jitter[moved]
        return result
