"""The survey tool: invitations and answers (table ``responses``).

Customers are asked for CSAT (and sometimes CES) after a resolution that
sticks and for NPS every quarter while they are active; website visitors are
asked why they came and whether they did what they came for; agents answer a
monthly employee survey. Survey parts are dicts of numpy columns (codes and
epoch seconds) that ``responses`` turns into a batch.
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cx_metrics.generate.clock import DAY, HOUR, MINUTE
from cx_metrics.generate.columns import Batch, digits, ids, integers, labels, timestamps
from cx_metrics.generate.vocabulary import RESPONDENT_TYPES, SURVEY_SCALES, SURVEY_TYPES, codes, ordered
from cx_metrics.generate.world import TEAM_NAMES, World

SURVEY = codes(SURVEY_TYPES)
RESPONDENT = codes(RESPONDENT_TYPES)
# Each survey type is asked on its scale (seed survey_types), except that a few
# NPS invitations and every employee survey ask on 1-10, which the marts take
# as given where the metric's scale is 0-10.
ONE_TO_TEN = "1-10"
SCALES = tuple(dict.fromkeys((*SURVEY_SCALES.values(), ONE_TO_TEN)))
SCALE = codes(SCALES)
NUMERIC_SCALES = [code for scale, code in SCALE.items() if re.fullmatch(r"\d+-\d+", scale)]
NPS_ON_ONE_TO_TEN = 0.03
# Answers: yes or no (scale yes_no), else the visitor's intent (scale choice).
YES_NO = ("yes", "no")
# Visitor intents: share of the visits, and share of those visitors who do what they came for.
INTENTS = {
    "support": (0.30, 0.55),
    "pricing": (0.20, 0.80),
    "order_status": (0.20, 0.70),
    "account": (0.15, 0.75),
    "other": (0.15, 0.65),
}
ANSWERS = (*YES_NO, *INTENTS)
YES, NO = ANSWERS.index("yes"), ANSWERS.index("no")
INTENT_SHARE = tuple(share for share, _ in INTENTS.values())
INTENT_TASK_DONE = np.array([done for _, done in INTENTS.values()])
# Share of the visits whose session the survey tool records; the others are
# paired by respondent and day (int_visit_answers_paired).
VISIT_SESSION_RECORDED = 0.8
CSAT_SHARE = (0.08, 0.06, 0.10, 0.30, 0.46)  # scores 1..5
CSAT_SHARE_UNHAPPY = (0.25, 0.15, 0.20, 0.20, 0.20)  # complaints and reopened tickets
CES_SHARE = (0.22, 0.25, 0.18, 0.12, 0.10, 0.08, 0.05)  # scores 1..7
CES_SHARE_LONG = (0.08, 0.12, 0.15, 0.18, 0.17, 0.17, 0.13)  # tickets with follow-ups
NPS_SHARE = (0.02, 0.01, 0.015, 0.02, 0.03, 0.05, 0.085, 0.12, 0.18, 0.22, 0.25)  # scores 0..10
EMPLOYEE_MEAN_BY_TEAM = np.array(ordered(TEAM_NAMES, {
    "support_emea": 7.4,
    "support_americas": 7.0,
    "support_apac": 7.8,
    "phone_24x7": 6.2,
    "billing": 7.1,
}))


def scale_of(survey_type: str) -> int:
    """The code of the scale a survey type is asked on."""
    return SCALE[SURVEY_SCALES[survey_type]]


def answer_time(world: World, stream, key, sent, rate, median, sigma) -> np.ndarray:
    """When an invitation is answered (-1: not answered by the end)."""
    answers = world.rnd.uniform(stream + ".answers", key) < rate
    delay = 30 + world.rnd.lognormal(stream + ".answer_delay", key, median, sigma).astype(np.int64)
    answered = sent + delay
    return np.where(answers & (answered < world.end_ts), answered, -1)


def survey_part(survey, scale, respondent, sent, answered, *, score=None, answer=None,
                ticket=None, employee=False, team=None, session=None) -> dict:
    """One kind of invitation as numpy columns (codes, numbers of respondents,
    tickets and sessions, epoch seconds; -1: none); score and answer are kept
    only where the invitation was answered."""
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


def merge_survey_parts(parts: list[dict], order_by: str) -> dict:
    """The parts as one, ordered by ``order_by``, then sending time, then survey type."""
    cols = {name: np.concatenate([p[name] for p in parts]) for name in parts[0]}
    order = np.lexsort((cols["survey"], cols["sent"], cols[order_by]))
    return {name: values[order] for name, values in cols.items()}


def contact_surveys(world: World, c, created, customer_index, starts, ends) -> dict:
    """NPS to active customers every quarter; two website questions per visit."""
    rnd = world.rnd
    parts = []

    # NPS: sent in the first three weeks of each quarter to active customers.
    months = np.arange(
        np.datetime64(world.start_day, "D").astype("datetime64[M]").astype(np.int64),
        np.datetime64(world.end_day - 1, "D").astype("datetime64[M]").astype(np.int64) + 1,
    )
    quarter_days = months[months % 3 == 0].astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    quarter_days = quarter_days[quarter_days >= world.start_day]
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
        keep = active & (sent < world.end_ts)
        contact, key, sent = contact[keep], key[keep], sent[keep]
        answered = answer_time(world, "nps", key, sent, 0.25, 6 * HOUR, 1.2)
        scale = np.where(rnd.uniform("nps.scale", key) < NPS_ON_ONE_TO_TEN, SCALE[ONE_TO_TEN], scale_of("nps"))
        score = rnd.choice("nps.score", key, NPS_SHARE)
        score = np.where(scale == SCALE[ONE_TO_TEN], np.maximum(score, 1), score)
        parts.append(survey_part(SURVEY["nps"], scale, contact, sent, answered, score=score))

    # Website visits: intent when the visit starts, task completion when it ends.
    visits = rnd.choice("visit.count", c, (0.55, 0.30, 0.10, 0.05))
    for v in range(3):
        has = visits > v
        contact = c[has]
        key = contact * 4 + v
        begin = created[has] + (rnd.uniform("visit.time", key) * (world.end_ts - created[has])).astype(np.int64)
        finish = begin + rnd.integers("visit.length", key, 2 * MINUTE, 15 * MINUTE)
        keep = finish < world.end_ts
        contact, key, begin, finish = contact[keep], key[keep], begin[keep], finish[keep]
        session = np.where(rnd.uniform("visit.session_recorded", key) < VISIT_SESSION_RECORDED, key, -1)
        intent = rnd.choice("visit.intent", key, INTENT_SHARE)
        told = rnd.uniform("visit.intent_answered", key) < 0.35
        intent_at = np.where(told, begin + rnd.integers("visit.intent_delay", key, 5, 120), -1)
        parts.append(survey_part(SURVEY["visitor_intent"], scale_of("visitor_intent"), contact, begin, intent_at,
                                 answer=np.where(told, intent + len(YES_NO), -1), session=session))
        done = rnd.uniform("visit.done", key) < INTENT_TASK_DONE[intent]
        replies = rnd.uniform("visit.task_answered", key) < np.where(told, 0.85, 0.12)
        done_at = np.where(replies, finish + rnd.integers("visit.task_delay", key, 5, 120), -1)
        done_at = np.where(done_at < world.end_ts, done_at, -1)
        parts.append(survey_part(SURVEY["task_completion"], scale_of("task_completion"), contact, finish, done_at,
                                 answer=np.where(done_at >= 0, np.where(done, YES, NO), -1),
                                 session=session))
    return merge_survey_parts(parts, order_by="respondent")


def ticket_surveys(world: World, t, requester, invited, solved_time, unhappy, long) -> dict:
    """Satisfaction surveys after a resolution that sticks: CSAT always, CES sometimes.

    ``invited``: tickets resolved for good; ``unhappy``: complaints and
    reopened tickets; ``long``: tickets with customer follow-ups.
    """
    rnd = world.rnd
    sent = solved_time + HOUR + rnd.integers("csat.sent", t, 0, 30 * MINUTE)
    invited = invited & (sent < world.end_ts)
    i = np.nonzero(invited)[0]
    key = t[i]
    csat = np.where(unhappy[i], rnd.choice("csat.score_unhappy", key, CSAT_SHARE_UNHAPPY),
                    rnd.choice("csat.score", key, CSAT_SHARE)) + 1
    parts = [survey_part(SURVEY["csat"], scale_of("csat"), requester[i], sent[i],
                         answer_time(world, "csat", key, sent[i], 0.30, 3 * HOUR, 1.2),
                         score=csat, ticket=t[i])]
    j = i[rnd.uniform("ces.invited", key) < 0.20]
    key = t[j]
    ces = np.where(long[j], rnd.choice("ces.score_long", key, CES_SHARE_LONG),
                   rnd.choice("ces.score", key, CES_SHARE)) + 1
    ces_sent = sent[j] + MINUTE
    parts.append(survey_part(SURVEY["ces"], scale_of("ces"), requester[j], ces_sent,
                             answer_time(world, "ces", key, ces_sent, 0.30, 3 * HOUR, 1.2),
                             score=ces, ticket=t[j]))
    return merge_survey_parts(parts, order_by="ticket")


def employee_surveys(world: World) -> dict:
    """Monthly employee satisfaction survey (on 1-10) to every agent."""
    rnd = world.rnd
    first = np.datetime64(world.start_day, "D").astype("datetime64[M]")
    last = np.datetime64(world.end_day - 1, "D").astype("datetime64[M]")
    month_days = np.arange(first, last + 1).astype("datetime64[D]").astype(np.int64)
    month_days = month_days[month_days >= world.start_day]
    agent = np.repeat(np.arange(world.n_agents), len(month_days))
    m = np.tile(np.arange(len(month_days)), world.n_agents)
    key = agent * 64 + m
    sent = month_days[m] * DAY + 8 * HOUR + rnd.integers("employee.sent", key, 0, 2 * HOUR)
    answered = answer_time(world, "employee", key, sent, 0.65, 1.5 * DAY, 0.8)
    team = world.agent_team[agent]
    score = np.clip(np.round(EMPLOYEE_MEAN_BY_TEAM[team] + 1.6 * rnd.normal("employee.score", key)), 1, 10)
    part = survey_part(SURVEY["employee"], SCALE[ONE_TO_TEN], agent, sent, answered, score=score.astype(np.int64),
                       employee=True, team=team)
    return merge_survey_parts([part], order_by="respondent")


def responses(world: World, cols: dict, first_row: int, window: np.ndarray) -> Batch:
    """The ``responses`` rows of merged survey parts, numbered from ``first_row``."""
    rows = first_row + np.arange(len(cols["survey"]), dtype=np.int64)
    answered = cols["answered"] >= 0
    respondent = pc.if_else(
        pa.array(cols["employee"]),
        ids("E", world.width["agent"], cols["respondent"]),
        world.contact_ids(cols["respondent"]),
    )
    width = max(7, digits(3 * world.n_tickets + 12 * world.n_contacts + 40 * world.n_agents))
    columns = {
        "response_id": ids("R", width, rows),
        "survey_type": labels(SURVEY_TYPES, cols["survey"]),
        "scale": labels(SCALES, cols["scale"]),
        "respondent_type": labels(RESPONDENT_TYPES, np.where(cols["employee"], RESPONDENT["employee"],
                                                             RESPONDENT["contact"])),
        "respondent_id": respondent,
        "team": labels(TEAM_NAMES, cols["team"]),
        "ticket_id": world.ticket_ids(cols["ticket"], cols["ticket"] >= 0),
        # a website visit: contact number x 4 + visit number
        "session_id": ids("V", world.width["contact"] + 1, cols["session"], cols["session"] >= 0),
        "score": integers(cols["score"], cols["score"] >= 0),
        "answer": labels(ANSWERS, cols["answer"]),
        "sent_at": timestamps(cols["sent"]),
        "answered_at": timestamps(cols["answered"]),
        "updated_at": timestamps(np.where(answered, cols["answered"], cols["sent"])),
    }
    numeric = np.isin(cols["scale"], NUMERIC_SCALES)
    aux = {
        "sent": cols["sent"], "answered": cols["answered"], "stamp": cols["sent"],
        "numeric_answer": numeric & (cols["score"] >= 0),
        "orphan_ticket_id": cols["ticket"] >= 0, "orphan_respondent_id": ~cols["employee"],
    }
    return Batch("responses", columns, rows, window, aux)
