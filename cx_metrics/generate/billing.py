"""Billing: subscriptions of the customers (table ``subscriptions``) and the
daily marketing and sales spend (table ``marketing_spend``).

Each customer starts a paid plan on the day of conversion; periods end by an
upgrade or downgrade (the next period starts that day) or by churn at a
renewal date, and a few churned customers come back after a gap. Spend
follows the leads each paid acquisition channel is expected to bring.
"""

from __future__ import annotations

import numpy as np

from cx_metrics.generate.clock import DAY, FAR_FUTURE, HOUR, add_months
from cx_metrics.generate.columns import Batch, constant, dates, digits, ids, labels, money, timestamps
from cx_metrics.generate.crm import ACQUISITION, ACQUISITION_CHANNELS, ACQUISITION_SHARE, SEGMENTS
from cx_metrics.generate.vocabulary import INTERVALS, SPEND_TYPES, SUBSCRIPTION_STATUSES, codes, ordered
from cx_metrics.generate.world import WINDOW, World

# Plans, cheapest first (an upgrade moves one up), and their monthly price in cents.
PLAN_PRICES = {"starter": 2_900, "growth": 9_900, "scale": 29_900}
PLANS = tuple(PLAN_PRICES)
PLAN_MONTHLY_CENTS = np.array(tuple(PLAN_PRICES.values()))
YEARLY_MONTHS_CHARGED = 10  # a yearly plan costs 10 monthly prices
# By segment: shares of the plans (in PLANS order), share billed yearly, monthly churn.
SEGMENT_BILLING = ordered(SEGMENTS, {
    "smb": ((0.60, 0.33, 0.07), 0.18, 0.035),
    "mid_market": ((0.20, 0.60, 0.20), 0.22, 0.020),
    "enterprise": ((0.05, 0.35, 0.60), 0.40, 0.012),
    "consumer": ((0.85, 0.13, 0.02), 0.15, 0.050),
})
PLAN_SHARE_BY_SEGMENT, YEARLY_SHARE_BY_SEGMENT, MONTHLY_CHURN_BY_SEGMENT = (
    np.array(column) for column in zip(*SEGMENT_BILLING)
)
YEARLY_RENEWAL_LOSS = 0.6  # yearly plans lose 60 % of what 12 monthly periods would
PLAN_CHANGE_MEAN_DAYS = 1_400
UPGRADE_SHARE = 0.68
REACTIVATION_SHARE = 0.12
MAX_PERIODS = 8  # subscription periods per customer
STATUS = codes(SUBSCRIPTION_STATUSES)
ACTIVE, CANCELLED, ENDED = STATUS["active"], STATUS["cancelled"], STATUS["ended"]
INTERVAL = codes(INTERVALS)
CANCELLATION_SHARE = {
    "too_expensive": 0.28,
    "missing_features": 0.20,
    "switched_competitor": 0.17,
    "no_longer_needed": 0.20,
    "poor_support": 0.08,
    "business_closed": 0.07,
}
CANCELLATION_REASONS = tuple(CANCELLATION_SHARE)
CURRENCY = "EUR"
SPEND_TYPE = codes(SPEND_TYPES)
# Daily spend per expected lead of each paid acquisition channel, in cents.
MARKETING_COST_PER_LEAD = {
    "paid_search": 4_000, "social_ads": 2_500, "invitation": 800, "partner": 3_500, "events": 9_000,
}
SALES_COST_PER_LEAD = {"paid_search": 1_500, "partner": 3_000, "events": 4_000}


def subscriptions(world: World, customers: np.ndarray, segment: np.ndarray, converted: np.ndarray, first_row: int):
    """Subscription periods of converted contacts, and when each customer was active.

    Each customer starts a paid plan on the day of conversion. A period ends
    by a plan change (the next period starts that day) or by churn at a
    renewal date; a few churned customers come back after a gap.
    """
    rnd = world.rnd
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
        churn_day = add_months(s, np.minimum(renewals, 1200).astype(np.int64))
        change_day = s + 1 + rnd.exponential("subscription.change", key, PLAN_CHANGE_MEAN_DAYS).astype(np.int64)
        change = (change_day < churn_day) & (k < MAX_PERIODS - 1)
        end = np.where(change, change_day, churn_day)
        running = end >= world.end_day
        status = np.where(running, ACTIVE, np.where(change, ENDED, CANCELLED))
        reason = np.where(status == CANCELLED, rnd.choice("subscription.reason", key,
                                                          list(CANCELLATION_SHARE.values())), -1)
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
        alive[i] = ~running & (change | comes_back) & (next_start < world.end_day)
        start[i] = next_start
        plan[i] = np.where(change, p + np.where(upgrade, 1, -1), p)
        yearly[i] = y & change

    cols = {name: np.concatenate([part[name] for part in parts]) for name in parts[0]} if parts else None
    if cols is None:
        return _subscription_batch(world, None, first_row), starts, ends
    order = np.lexsort((cols["k"], cols["customer"]))
    cols = {name: values[order] for name, values in cols.items()}
    return _subscription_batch(world, cols, first_row), starts, ends


def _subscription_batch(world: World, cols: dict | None, first_row: int) -> Batch:
    if cols is None:
        cols = {name: np.zeros(0, np.int64) for name in
                ("contact", "plan", "yearly", "start", "end", "status", "reason", "updated")}
    rows = first_row + np.arange(len(cols["contact"]), dtype=np.int64)
    cents = PLAN_MONTHLY_CENTS[cols["plan"]] * np.where(cols["yearly"], YEARLY_MONTHS_CHARGED, 1)
    columns = {
        "subscription_id": ids("S", max(6, digits(MAX_PERIODS * world.n_contacts)), rows),
        "contact_id": world.contact_ids(cols["contact"]),
        "plan": labels(PLANS, cols["plan"]),
        "amount": money(cents),
        "currency": constant(CURRENCY, len(rows)),
        "billing_interval": labels(INTERVALS, np.where(cols["yearly"], INTERVAL["year"], INTERVAL["month"])),
        "status": labels(SUBSCRIPTION_STATUSES, cols["status"]),
        "cancellation_reason": labels(CANCELLATION_REASONS, cols["reason"]),
        "started_on": dates(cols["start"]),
        "ended_on": dates(cols["end"]),
        "updated_at": timestamps(cols["updated"]),
    }
    aux = {"updated": cols["updated"], "started": cols["start"] * DAY, "stamp": cols["updated"],
           "ended": np.where(cols["end"] >= 0, cols["end"] * DAY, -1)}
    return Batch("subscriptions", columns, rows, cols["contact"] // WINDOW, aux)


def marketing_spend(world: World) -> Batch:
    """Daily spend per paid acquisition channel, following the expected leads."""
    rnd = world.rnd
    days = np.arange(world.contact_day, world.end_day, dtype=np.int64)
    lines = [(ACQUISITION[ch], SPEND_TYPE["marketing"], cost) for ch, cost in MARKETING_COST_PER_LEAD.items()]
    lines += [(ACQUISITION[ch], SPEND_TYPE["sales"], cost) for ch, cost in SALES_COST_PER_LEAD.items()]
    lines.sort()
    d = np.repeat(np.arange(len(days)), len(lines))
    line = np.tile(np.arange(len(lines)), len(days))
    ch = np.array([x[0] for x in lines])[line]
    kind = np.array([x[1] for x in lines])[line]
    cost = np.array([x[2] for x in lines])[line]
    rows = np.arange(len(d), dtype=np.int64)
    leads = world.n_contacts * world.contact_day_weight[d] * np.asarray(ACQUISITION_SHARE)[ch]
    noise = rnd.lognormal("spend.noise", rows, 1.0, np.where(kind == SPEND_TYPE["marketing"], 0.25, 0.15))
    cents = np.maximum(100, np.round(leads * cost * noise)).astype(np.int64)
    updated = (days[d] * DAY + 22 * HOUR + rnd.integers("spend.updated", rows, 0, 2 * HOUR - 1))
    columns = {
        "spend_id": ids("SP", 6, rows),
        "spend_date": dates(days[d]),
        "channel": labels(ACQUISITION_CHANNELS, ch),
        "spend_type": labels(SPEND_TYPES, kind),
        "amount": money(cents),
        "currency": constant(CURRENCY, len(rows)),
        "updated_at": timestamps(updated),
    }
    return Batch("marketing_spend", columns, rows, rows // WINDOW, {"updated": updated, "stamp": updated})
