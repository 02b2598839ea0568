"""The CRM: contacts, leads and customers alike (table ``contacts``).

Contacts arrive on a growing daily curve, each from an acquisition channel and
in a segment and country; some convert to customers. Referred and invited
contacts point to an earlier contact who was a customer at the time.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cx_metrics.generate.clock import DAY, MINUTE
from cx_metrics.generate.columns import Batch, join, labels, timestamps
from cx_metrics.generate.vocabulary import LIFECYCLE_STAGES, codes
from cx_metrics.generate.world import COUNTRIES, WINDOW, World

STAGE = codes(LIFECYCLE_STAGES)
# Customer segments: share of the contacts, and a factor on their conversion.
SEGMENT_PROFILES = {
    "smb": (0.45, 1.0),
    "mid_market": (0.20, 0.9),
    "enterprise": (0.07, 0.7),
    "consumer": (0.28, 1.1),
}
SEGMENTS = tuple(SEGMENT_PROFILES)
SEGMENT_SHARE = tuple(share for share, _ in SEGMENT_PROFILES.values())
SEGMENT_CONVERSION = np.array([factor for _, factor in SEGMENT_PROFILES.values()])
# Acquisition channels: share of the contacts, and the share of those who convert.
ACQUISITION_PROFILES = {
    "paid_search": (0.25, 0.28),
    "social_ads": (0.18, 0.20),
    "organic": (0.25, 0.30),
    "referral": (0.10, 0.50),
    "invitation": (0.06, 0.45),
    "partner": (0.08, 0.40),
    "events": (0.08, 0.30),
}
ACQUISITION_CHANNELS = tuple(ACQUISITION_PROFILES)
ACQUISITION = codes(ACQUISITION_CHANNELS)
ACQUISITION_SHARE = tuple(share for share, _ in ACQUISITION_PROFILES.values())
CHANNEL_CONVERSION = np.array([conversion for _, conversion in ACQUISITION_PROFILES.values()])
# Channels whose contacts come through an earlier contact (referred_by_contact_id).
REFERRED = (ACQUISITION["referral"], ACQUISITION["invitation"])


def contact_core(world: World, c: np.ndarray):
    """Attributes of contacts that others depend on: creation, channel,
    segment, country and conversion (-1: not converted by the end)."""
    rnd = world.rnd
    q = (c + rnd.uniform("contact.slot", c)) / world.n_contacts
    created = np.floor(np.interp(q, world.contact_cdf, world.contact_edges)).astype(np.int64)
    channel = rnd.choice("contact.channel", c, ACQUISITION_SHARE)
    segment = rnd.choice("contact.segment", c, SEGMENT_SHARE)
    country = rnd.choice("contact.country", c, [x[4] for x in COUNTRIES])
    converts = rnd.uniform("contact.converts", c) < CHANNEL_CONVERSION[channel] * SEGMENT_CONVERSION[segment]
    delay = 600 + rnd.lognormal("contact.conversion_delay", c, 10 * DAY, 1.1).astype(np.int64)
    converted = np.where(converts & (created + delay < world.end_ts), created + delay, -1)
    return created, channel, segment, country, converted


def contacts(world: World, c: np.ndarray) -> tuple[Batch, dict]:
    """Contacts ``c`` (0-based numbers), and the facts their subscriptions and surveys need."""
    rnd = world.rnd
    created, channel, segment, country, converted = contact_core(world, c)

    # Referred and invited contacts point to an earlier contact who was a
    # customer at the time; without one, the contact counts as organic.
    referrer = np.full(len(c), -1, np.int64)
    wants = np.isin(channel, REFERRED)
    bound = world.contacts_before(created)
    for attempt in range(8):
        need = np.nonzero(wants & (referrer < 0) & (bound >= 1))[0]
        if not need.size:
            break
        candidate = (rnd.uniform(f"contact.referrer{attempt}", c[need]) * bound[need]).astype(np.int64)
        converted_then = contact_core(world, candidate)[4]
        ok = (converted_then >= 0) & (converted_then < created[need])
        referrer[need] = np.where(ok, candidate, -1)
    channel = np.where(wants & (referrer < 0), ACQUISITION["organic"], channel)

    last_change = np.where(converted >= 0, converted, created)
    lag = rnd.lognormal("contact.update_lag", c, 2 * DAY, 1.0).astype(np.int64)
    updated = np.minimum(np.maximum(last_change + lag, created + MINUTE), world.end_ts - 1)

    number = pc.cast(pa.array(c + 1), pa.string())
    calling_code = labels(tuple(x[3] for x in COUNTRIES), country)
    columns = {
        "contact_id": world.contact_ids(c),
        "lifecycle_stage": labels(LIFECYCLE_STAGES, np.where(converted >= 0, STAGE["customer"], STAGE["lead"])),
        "acquisition_channel": labels(ACQUISITION_CHANNELS, channel),
        "referred_by_contact_id": world.contact_ids(referrer, referrer >= 0),
        "segment": labels(SEGMENTS, segment),
        "country": labels(tuple(x[0] for x in COUNTRIES), country),
        "time_zone": labels(tuple(x[1] for x in COUNTRIES), country),
        "full_name": join("Contact ", number),
        "email": join("c", number, "@example.com"),
        "phone": join("+", calling_code, " 555 ", pc.utf8_lpad(number, width=7, padding="0")),
        "created_at": timestamps(created),
        "converted_at": timestamps(converted),
        "updated_at": timestamps(updated),
    }
    aux = {"created": created, "updated": updated, "converted": converted, "stamp": created}
    batch = Batch("contacts", columns, c, c // WINDOW, aux)
    facts = {"created": created, "segment": segment, "converted": converted}
    return batch, facts
