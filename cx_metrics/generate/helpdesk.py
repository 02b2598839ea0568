"""The helpdesk: tickets, their messages and events, and phone calls (tables
``tickets``, ``ticket_messages`` and ``phone_calls``).

Tickets arrive by weekday and hour of each region's clock, with slight
growth, on a channel mix that depends on whether the team is open. Each
ticket's history is a fixed row of event slots (``SLOTS``) laid out on a
timeline: first replies near the channel benchmarks and within the team's
opening hours, follow-ups, escalations, reopens, merges. Phone tickets give
rise to calls, with a queue wait near a service level of 80 % in 90 s.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cx_metrics.generate import crm, survey
from cx_metrics.generate.clock import DAY, HOUR, MINUTE, weekday
from cx_metrics.generate.columns import Batch, digits, flags, ids, labels, timestamps
from cx_metrics.generate.randomness import Random
from cx_metrics.generate.vocabulary import (
    CHANNELS,
    DIRECTIONS,
    EVENT_TYPES,
    PRIORITIES,
    ROLES,
    STATUSES,
    TICKET_TYPES,
    codes,
    ordered,
)
from cx_metrics.generate.world import (
    BILLING_TEAM,
    COUNTRY_REGION,
    HOUR_LOAD,
    PHONE_TEAM,
    REGION_CLOCKS,
    REGION_TEAM,
    TEAM_NAMES,
    WEEKDAY_LOAD,
    WINDOW,
    World,
)

CHANNEL = codes(CHANNELS)
EMAIL, CHAT, PHONE, WEB_FORM, CHATBOT = (CHANNEL[c] for c in ("email", "chat", "phone", "web_form", "chatbot"))
SYNC_CHANNELS = (CHAT, PHONE, CHATBOT)  # the customer waits for a live answer
# By channel: share of the tickets; first human reply, as median seconds and
# log-normal spread (phone replies are the queue wait plus the talk time, so
# phone has none); customer follow-up, median and spread (phone: a new call,
# usually the next day). Live chat is only offered while the ticket's team is
# open, so the mix differs in and out of opening hours (see _channel_mixes).
CHANNEL_PROFILES = ordered(CHANNELS, {
    #             share  reply median  sigma  follow-up median  sigma
    "email":     (0.35,  1.5 * HOUR,   1.0,   6 * HOUR,         1.2),
    "chat":      (0.25,  95,           0.45,  50,               0.6),
    "phone":     (0.15,  0,            0,     20 * HOUR,        1.0),
    "web_form":  (0.10,  2 * HOUR,     1.0,   6 * HOUR,         1.2),
    "social":    (0.07,  12 * MINUTE,  0.9,   2 * HOUR,         1.0),
    "chatbot":   (0.05,  110,          0.6,   50,               0.6),
    "community": (0.03,  3 * HOUR,     1.0,   10 * HOUR,        1.1),
})
CHANNEL_SHARE, REPLY_MEDIAN, REPLY_SIGMA, FOLLOW_UP_MEDIAN, FOLLOW_UP_SIGMA = (
    np.array(column) for column in zip(*CHANNEL_PROFILES)
)
CLOSED_HOURS_SHARE = 0.40  # about this share of tickets arrive while their team is closed

DIRECTION = codes(DIRECTIONS)
TICKET_TYPE_SHARE = ordered(TICKET_TYPES, {
    "question": 0.45, "incident": 0.25, "problem": 0.10, "task": 0.14, "complaint": 0.06,
})
COMPLAINT = TICKET_TYPES.index("complaint")
# Helpdesk categories and their shares.
CATEGORY_SHARE = {
    "technical": 0.25, "account": 0.20, "billing": 0.15, "delivery": 0.12, "order_status": 0.10,
    "product": 0.10, "other": 0.08,
}
CATEGORIES = tuple(CATEGORY_SHARE)
BILLING_CATEGORY = CATEGORIES.index("billing")
PRIORITY_SHARE = ordered(PRIORITIES, {"low": 0.20, "normal": 0.55, "high": 0.18, "urgent": 0.07})
# Factor on asynchronous reply delays.
PRIORITY_SPEED = np.array(ordered(PRIORITIES, {"low": 1.3, "normal": 1.0, "high": 0.75, "urgent": 0.5}))
URGENT = PRIORITIES.index("urgent")
STATUS = codes(STATUSES)
# Resolution types of solved tickets and their shares; merged tickets are resolved as merged.
RESOLUTION_SHARE = {
    "answered": 0.55, "workaround": 0.12, "refund": 0.08, "replacement": 0.06, "bug_fix": 0.09, "no_action": 0.10,
}
RESOLUTIONS = (*RESOLUTION_SHARE, "merged")
MERGED_RESOLUTION = RESOLUTIONS.index("merged")
EVENT = codes(EVENT_TYPES)
ROLE = codes(ROLES)
BOT_NAME = "answerbot"

# Ticket event slots: every ticket's history is a fixed row of slots, each an
# event that may or may not occur. Columns: name, event type, author role, status
# entered, and which agent acts (0: none, 1: the first agent, 2: the escalation
# agent, 3: whoever holds the ticket at that point).
SLOTS = (
    ("new", "status_change", "system", "new", 0),
    ("first_message", "public_reply", "customer", None, 1),  # an agent's message on outbound tickets
    ("bot_reply", "public_reply", "bot", None, 0),
    ("assign", "assignment", "system", None, 0),
    ("open", "status_change", "agent", "open", 1),
    ("first_reply", "public_reply", "agent", None, 1),
    ("hold", "status_change", "agent", "on_hold", 1),
    ("escalate", "assignment", "agent", None, 1),
    ("escalated_open", "status_change", "agent", "open", 2),
    *(
        slot
        for k in range(1, 5)
        for slot in ((f"follow_up{k}", "public_reply", "customer", None, 0),
                     (f"answer{k}", "public_reply", "agent", None, 3))
    ),
    ("note", "internal_note", "agent", None, 3),
    ("pending", "status_change", "agent", "pending", 3),
    ("solved", "status_change", "agent", "solved", 3),
    ("reopen_message", "public_reply", "customer", None, 0),
    ("reopened", "status_change", "system", "open", 0),
    ("reopen_reply", "public_reply", "agent", None, 3),
    ("solved_again", "status_change", "agent", "solved", 3),
    ("closed", "status_change", "system", "closed", 0),
    ("merged_closed", "status_change", "agent", "closed", 1),
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
SLOT_EVENT = np.array([EVENT[s[1]] for s in SLOTS])
SLOT_ROLE = np.array([ROLE[s[2]] for s in SLOTS])
SLOT_STATUS = np.array([-1 if s[3] is None else STATUS[s[3]] for s in SLOTS])
SLOT_AGENT = np.array([s[4] for s in SLOTS])
# Phone tickets: each (customer message, agent reply) pair is one inbound call;
# the second list says which of the reply draws (``_reply``) holds its wait.
CALL_PAIRS = ((S_FIRST, S_REPLY1), *EXCHANGE_SLOTS, (S_REOPEN_MSG, S_REOPEN_REPLY))
CALL_PAIR_WAIT = (0, 1, 2, 3, 4, 7)
CALLS_PER_TICKET = 8  # at most: one per call pair, an outbound call and one no ticket records


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


def ticket_created(world: World, t: np.ndarray) -> np.ndarray:
    q = (t + world.rnd.uniform("ticket.slot", t)) / world.n_tickets
    return np.floor(np.interp(q, world.ticket_cdf, world.ticket_edges)).astype(np.int64)


def ticket_region(world: World, t: np.ndarray, created: np.ndarray) -> np.ndarray:
    """The region a ticket comes from, by how busy each region's local clock is then."""
    hour = created // HOUR
    load = np.column_stack([
        share * WEEKDAY_LOAD[weekday((hour + offset) // 24)] * HOUR_LOAD[(hour + offset) % 24]
        for offset, share in REGION_CLOCKS
    ])
    return world.rnd.choice_rows("ticket.region", t, load)


def requesters(world: World, t: np.ndarray, created: np.ndarray, region: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A contact who exists when the ticket is created, preferably from the
    ticket's region and a customer by then (best of a few candidates)."""
    bound = np.maximum(world.contacts_before(created), 1)
    candidates, scores = [], []
    for attempt in range(6):
        candidate = (world.rnd.uniform(f"ticket.requester{attempt}", t) * bound).astype(np.int64)
        _, _, _, country, converted = crm.contact_core(world, candidate)
        customer = (converted >= 0) & (converted <= created)
        candidates.append(candidate)
        scores.append(2 * (COUNTRY_REGION[country] == region) + customer)
    best = np.argmax(np.column_stack(scores), axis=1)
    chosen = np.column_stack(candidates)[np.arange(len(t)), best]
    return chosen, crm.contact_core(world, chosen)[3]


def tickets(world: World, t: np.ndarray, first_message: int, first_call: int) -> dict:
    """One chunk of tickets with their messages, calls and survey invitations."""
    rnd = world.rnd
    n = len(t)
    created = ticket_created(world, t)
    region = ticket_region(world, t, created)
    requester, _ = requesters(world, t, created, region)
    team = REGION_TEAM[region]
    staffed = world.hours.is_open(team, created)
    channel = rnd.choice_rows("ticket.channel", t, np.where(staffed[:, None], OPEN_MIX, CLOSED_MIX))
    outbound = rnd.uniform("ticket.outbound", t) < 0.05
    channel = np.where(outbound, np.where(rnd.uniform("ticket.outbound_channel", t) < 0.65, EMAIL, PHONE), channel)
    ticket_type = rnd.choice("ticket.type", t, TICKET_TYPE_SHARE)
    category = rnd.choice("ticket.category", t, list(CATEGORY_SHARE.values()))
    priority = rnd.choice("ticket.priority", t, PRIORITY_SHARE)

    # Billing questions go to the billing team (live ones only while it is open);
    # other calls go to the 24/7 phone line.
    billing_open = world.hours.is_open(np.full(n, BILLING_TEAM), created)
    live = np.isin(channel, SYNC_CHANNELS)
    to_billing = (category == BILLING_CATEGORY) & (rnd.uniform("ticket.billing", t) < 0.7) & (~live | billing_open)
    team = np.where(to_billing, BILLING_TEAM, np.where(channel == PHONE, PHONE_TEAM, team))

    size = world.team_agents[team]
    agent1_local = (rnd.uniform("ticket.agent", t) * size).astype(np.int64)
    agent2_local = (agent1_local + 1 + (rnd.uniform("ticket.agent2", t) * (size - 1)).astype(np.int64)) % size
    agent1 = world.team_first_agent[team] + agent1_local
    agent2 = world.team_first_agent[team] + agent2_local

    escalated = rnd.uniform("ticket.escalated", t) < (
        0.06 + 0.12 * (ticket_type == COMPLAINT) + 0.15 * (priority == URGENT)
    )
    asynchronous = ~np.isin(channel, SYNC_CHANNELS)
    merged = ~outbound & asynchronous & (t >= 1) & (rnd.uniform("ticket.merged", t) < 0.018)
    escalated &= ~merged
    deleted = rnd.uniform("ticket.deleted", t) < 0.005
    facts = dict(t=t, created=created, channel=channel, priority=priority, team=team,
                 outbound=outbound, merged=merged, escalated=escalated)
    timeline, waits, talks = _timeline(world, facts)

    present = (timeline >= 0) & (timeline < world.end_ts)
    at = np.where(present, timeline, -1)
    status_time = np.where(present & (SLOT_STATUS >= 0), timeline, -1)
    status = SLOT_STATUS[np.argmax(status_time, axis=1)]
    solved_time = at[:, SOLVED_SLOTS].max(axis=1)
    is_escalated = present[:, S_ESC_ASSIGN]
    assignee = np.where(is_escalated, agent2, np.where(present[:, S_ASSIGN], agent1, -1))
    updated = at.max(axis=1)
    resolved = np.isin(status, (STATUS["solved"], STATUS["closed"]))
    resolution = rnd.choice("ticket.resolution", t, list(RESOLUTION_SHARE.values()))
    resolution = np.where(merged, MERGED_RESOLUTION, resolution)
    merged_into = t - 1 - (rnd.uniform("ticket.merged_into", t) * np.minimum(t, 50)).astype(np.int64)

    ticket_id = world.ticket_ids(t)
    requester_id = world.contact_ids(requester)
    batch = Batch("tickets", {
        "ticket_id": ticket_id,
        "requester_contact_id": requester_id,
        "channel": labels(CHANNELS, channel),
        "direction": labels(DIRECTIONS, np.where(outbound, DIRECTION["outbound"], DIRECTION["inbound"])),
        "ticket_type": labels(TICKET_TYPES, ticket_type),
        "category": labels(CATEGORIES, category),
        "priority": labels(PRIORITIES, priority),
        "status": labels(STATUSES, status),
        "team": labels(TEAM_NAMES, team),
        "assignee_agent_id": world.agent_ids(assignee, assignee >= 0),
        "resolution_type": labels(RESOLUTIONS, np.where(resolved, resolution, -1)),
        "is_escalated": flags(is_escalated),
        "is_merged": flags(merged),
        "merged_into_ticket_id": world.ticket_ids(merged_into, merged),
        "is_deleted": flags(deleted),
        "created_at": timestamps(created),
        "updated_at": timestamps(updated),
        "solved_at": timestamps(solved_time),
    }, t, t // WINDOW, {"created": created, "updated": updated, "status": status, "channel": channel,
                        "stamp": created, "solved": solved_time})

    messages = _messages(world, facts, present, timeline, requester_id, agent1, agent2, ticket_id, first_message)
    calls = _calls(world, facts, present, timeline, waits, requester, agent1, agent2, ticket_id, first_call)
    surveys = survey.ticket_surveys(
        world, t, requester,
        invited=resolved & ~merged & ~deleted & (solved_time >= 0),
        solved_time=solved_time,
        unhappy=(ticket_type == COMPLAINT) | present[:, S_REOPEN_MSG],
        long=present[:, EXCHANGE_SLOTS[0][0]],
    )
    return {"tickets": batch, "ticket_messages": messages, "phone_calls": calls, "surveys": surveys}


def _reply(world: World, facts: dict, pair: int, base: np.ndarray, waits: np.ndarray, talks: np.ndarray) -> np.ndarray:
    """When an agent replies to a customer message sent at ``base``.

    Phone: the caller waits in the queue, talks, and the call is logged as the
    reply when it ends. Other channels: a log-normal delay around the channel
    benchmark, faster for higher priorities, moved into the team's opening
    hours (plus a short backlog delay) for teams that are not 24/7.
    """
    rnd, t, channel = world.rnd, facts["t"], facts["channel"]
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
    return np.where(staffed, world.hours.next_open(facts["team"], reply, jitter), reply)


def _timeline(world: World, f: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Time of each event slot of each ticket (-1: the event does not occur).

    Slots are laid out in ``SLOTS``; events at or after the extraction
    moment are dropped later, which leaves recent tickets open.
    """
    rnd, t, created, channel = world.rnd, f["t"], f["created"], f["channel"]
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

    reply1 = _reply(world, f, 0, created, waits, talks)
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
        answer = _reply(world, f, k, follow_up, waits, talks)
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
    answer = _reply(world, f, 7, comeback, waits, talks)
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


def _messages(world: World, f, present, timeline, requester_id, agent1, agent2, ticket_id, first_row) -> Batch:
    rnd = world.rnd
    r, slot = np.nonzero(present)
    at = timeline[r, slot]
    order = np.lexsort((slot, at, r))
    r, slot, at = r[order], slot[order], at[order]
    rows = first_row + np.arange(len(r), dtype=np.int64)
    outbound_first = (slot == S_FIRST) & f["outbound"][r]
    role = np.where(outbound_first, ROLE["agent"], SLOT_ROLE[slot])
    agent = np.where(SLOT_AGENT[slot] == 2, agent2[r],
                     np.where((SLOT_AGENT[slot] == 3) & f["escalated"][r], agent2[r], agent1[r]))
    channel = f["channel"][r]
    # Some customers follow up on another channel than the ticket's.
    switch = np.isin(slot, FOLLOW_UP_SLOTS) & (channel != PHONE) & (rnd.uniform("message.switch", rows) < 0.05)
    channel = np.where(switch, np.where(channel == EMAIL, WEB_FORM, EMAIL), channel)
    assignee = np.where(slot == S_ASSIGN, agent1[r], np.where(slot == S_ESC_ASSIGN, agent2[r], -1))
    author = pc.if_else(
        pa.array(role == ROLE["customer"]), requester_id.take(pa.array(r)),
        pc.if_else(pa.array(role == ROLE["agent"]), world.agent_ids(agent),
                   pc.if_else(pa.array(role == ROLE["bot"]), pa.scalar(BOT_NAME), pa.scalar(None, pa.string()))),
    )
    stamp = timestamps(at)
    columns = {
        "message_id": ids("M", max(8, digits(N_SLOTS * world.n_tickets)), rows),
        "ticket_id": ticket_id.take(pa.array(r)),
        "event_type": labels(EVENT_TYPES, SLOT_EVENT[slot]),
        "author_role": labels(ROLES, role),
        "author_id": author,
        "channel": labels(CHANNELS, channel),
        "new_status": labels(STATUSES, SLOT_STATUS[slot]),
        "assignee_agent_id": world.agent_ids(assignee, assignee >= 0),
        "created_at": stamp,
        "updated_at": stamp,
    }
    aux = {"created": at, "ticket_created": f["created"][r], "channel": channel, "stamp": at}
    return Batch("ticket_messages", columns, rows, f["t"][r] // WINDOW, aux)


def _calls(world: World, f, present, timeline, waits, requester, agent1, agent2, ticket_id, first_row) -> Batch:
    """Phone calls: one inbound call per customer message on a phone ticket, an
    outbound call for agent-initiated phone tickets, and calls that no ticket
    records (mostly abandoned) before some phone tickets."""
    rnd, t = world.rnd, f["t"]
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
    keep = ended < world.end_ts
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
    keep = (queue >= world.start_ts) & (ended < world.end_ts)
    size = world.team_agents[PHONE_TEAM]
    agent = world.team_first_agent[PHONE_TEAM] + (rnd.uniform("call.extra_agent", key) * size).astype(np.int64)
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
        "call_id": ids("CL", max(7, digits(CALLS_PER_TICKET * world.n_tickets)), rows),
        "ticket_id": pc.if_else(pa.array(cols["has_ticket"]), ticket_id.take(pa.array(r)),
                                pa.scalar(None, pa.string())),
        "caller_contact_id": world.contact_ids(cols["caller"], cols["caller"] >= 0),
        "agent_id": world.agent_ids(cols["agent"], cols["agent"] >= 0),
        "team": labels(TEAM_NAMES, cols["team"]),
        "direction": labels(DIRECTIONS, np.where(cols["outbound"], DIRECTION["outbound"], DIRECTION["inbound"])),
        "queue_entered_at": timestamps(cols["queue"]),
        "answered_at": timestamps(cols["answered"]),
        "ended_at": timestamps(cols["ended"]),
        "is_abandoned": flags(cols["abandoned"]),
        "updated_at": timestamps(cols["ended"]),
    }
    aux = {"orphan_ticket_id": cols["has_ticket"], "orphan_caller_contact_id": cols["caller"] >= 0,
           "stamp": cols["queue"]}
    return Batch("phone_calls", columns, rows, t[r] // WINDOW if len(r) else r, aux)
