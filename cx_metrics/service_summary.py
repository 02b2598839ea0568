"""The service-desk metrics a person reads at the end of `make run`: for the
last full month of the data, first response time per channel against its
benchmark, resolution time, the share of SLA targets met, first contact
resolution (of the tickets resolved in the month, and of those created in
it), the reopen rate, the phone service level against its target, and
contacts per channel with the share on digital channels; the survey scores
of the month (CSAT, NPS with its three groups, CES); and the backlog at
the end of the data's last full day, with how many tickets are overdue;
read from the marts of a DuckDB build (first_response_time,
resolution_time, sla_compliance, first_contact_resolution, reopen_rate,
phone_service_level, contact_volume, digitalization_rate, ticket_backlog,
customer_satisfaction, net_promoter_score, customer_effort_score)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb

from cx_metrics.settings import Settings


class ServiceSummaryError(Exception):
    """The marts cannot be read; the message says why."""


@dataclass(frozen=True)
class ChannelLine:
    channel: str
    first_responses: int
    median_seconds: float | None
    p90_seconds: float | None
    benchmark_seconds: int | None
    percent_within: float | None


@dataclass(frozen=True)
class PhoneLine:
    offered: int
    service_level: float | None
    threshold_seconds: int
    target_percent: float
    meets_target: bool | None
    mean_speed_of_answer: float | None
    abandonment_rate: float | None


@dataclass(frozen=True)
class Share:
    """A ratio as the marts publish it: numerator, denominator, percent."""

    count: int
    of: int
    percent: float | None


NO_SHARE = Share(0, 0, None)


@dataclass(frozen=True)
class ContactLine:
    channel: str
    contacts: int
    customer_messages: int


@dataclass(frozen=True)
class Backlog:
    day: dt.date  # the data's last full day: the backlog is read at its end
    open: int
    overdue: int
    without_normal_time: int
    percent_overdue: float | None


@dataclass(frozen=True)
class NpsLine:
    responses: int
    promoters: int
    passives: int
    detractors: int
    score: float | None  # -100..+100


@dataclass(frozen=True)
class SurveyLines:
    """The survey scores of the month, answers counted in the month they were given."""

    satisfied: Share = NO_SHARE  # CSAT: satisfied answers of all CSAT answers
    mean_satisfaction: float | None = None  # on 1-5
    nps: NpsLine | None = None  # None when the month has no NPS answer
    low_effort: Share = NO_SHARE  # CES: low-effort answers of all CES answers
    mean_effort: float | None = None  # on 1-7, lower is easier


@dataclass(frozen=True)
class ServiceSummary:
    month: dt.date
    channels: list[ChannelLine]
    resolved: int
    mean_resolution_calendar: float | None
    mean_resolution_business: float | None
    median_resolution_business: float | None
    sla: dict[str, tuple[int, float | None]]  # target type -> (targets due, percent met)
    first_contact: Share = NO_SHARE  # of the tickets resolved in the month
    first_contact_cohort: Share = NO_SHARE  # of the tickets created in the month
    reopened: Share = NO_SHARE  # of the tickets resolved in the month
    phone: PhoneLine | None = None  # None when the month has no call
    contacts: list[ContactLine] = field(default_factory=list)  # per channel, the total row last
    digital: Share = NO_SHARE  # digital contacts of all contacts
    backlog: Backlog | None = None  # None when no day of the data ended with a ticket open
    surveys: SurveyLines = field(default_factory=SurveyLines)


def last_full_month(latest: dt.datetime) -> dt.date:
    """The month of `latest` if it is that month's last day, else the month before."""
    next_day = (latest + dt.timedelta(days=1)).date()
    first_of_month = latest.date().replace(day=1)
    if next_day.month != latest.month:
        return first_of_month
    return (first_of_month - dt.timedelta(days=1)).replace(day=1)


def month_total(
    con: duckdb.DuckDBPyConnection, marts: str, mart: str, columns: str, month: dt.date, breakdowns: tuple[str, ...]
) -> tuple | None:
    """The month's total row of a metric mart (every breakdown `all`), or None when the month has none."""
    where = " and ".join(["period_grain = 'month'", "period_start = ?", *(f"{column} = 'all'" for column in breakdowns)])
    return con.execute(f'select {columns} from "{marts}".{mart} where {where}', [month]).fetchone()


def open_build(cfg: Settings) -> duckdb.DuckDBPyConnection:
    """The DuckDB build, read only."""
    try:
        return duckdb.connect(str(cfg.duckdb_path), read_only=True)
    except duckdb.Error as exc:
        raise ServiceSummaryError(f"cannot open {cfg.duckdb_path}: {str(exc).splitlines()[0]}") from None


def read_service_summary(cfg: Settings) -> ServiceSummary | None:
    """None when the build holds no ticket."""
    marts = cfg.schema_for("marts")
    con = open_build(cfg)
    try:
        (latest,) = con.execute(f'select max(created_at) from "{marts}".fct_tickets').fetchone()
        if latest is None:
            return None
        month = last_full_month(latest)
        totals = "period_grain = 'month' and period_start = ? and team = 'all' and priority = 'all'"
        channels = [
            ChannelLine(*row)
            for row in con.execute(
                f"""
                select channel, first_responses, median_first_response_calendar_seconds,
                       p90_first_response_calendar_seconds, target_first_response_seconds, percent_within_benchmark
                from "{marts}".first_response_time
                where {totals} and first_responses > 0
                order by channel = 'all', first_responses desc, channel
                """,
                [month],
            ).fetchall()
        ]
        ticket_breakdowns = ("channel", "team", "priority")
        resolution = month_total(
            con, marts, "resolution_time",
            "tickets_resolved, mean_final_resolution_calendar_seconds, mean_final_resolution_business_seconds, "
            "median_final_resolution_business_seconds",
            month, ticket_breakdowns,
        ) or (0, None, None, None)
        sla = {
            target_type: (due, percent)
            for target_type, due, percent in con.execute(
                f"""
                select target_type, targets_due, percent_met
                from "{marts}".sla_compliance
                where {totals} and channel = 'all'
                """,
                [month],
            ).fetchall()
        }
        fcr = month_total(
            con, marts, "first_contact_resolution",
            "tickets_resolved_at_first_contact, tickets_resolved, percent_first_contact_resolution, "
            "tickets_created_resolved_at_first_contact, tickets_created, percent_cohort_resolved_at_first_contact",
            month, ("channel", "team"),
        )
        reopened = month_total(
            con, marts, "reopen_rate", "tickets_reopened, tickets_resolved, percent_reopened", month, ticket_breakdowns
        )
        phone = month_total(
            con, marts, "phone_service_level",
            "offered_calls, service_level_percent, threshold_seconds, target_service_level_percent, meets_target, "
            "mean_speed_of_answer_seconds, abandonment_rate_percent",
            month, ("team",),
        )
        contacts = [
            ContactLine(*row)
            for row in con.execute(
                f"""
                select channel, contacts, customer_messages
                from "{marts}".contact_volume
                where period_grain = 'month' and period_start = ? and team = 'all' and contacts > 0
                order by channel = 'all', contacts desc, channel
                """,
                [month],
            ).fetchall()
        ]
        digital = month_total(
            con, marts, "digitalization_rate", "digital_contacts, contacts, percent_digital", month, ("team",)
        )
        # The mart's days run to the data's last full day; its latest total row is that day's backlog.
        backlog_row = con.execute(
            f"""
            select period_start, tickets_open, tickets_overdue, tickets_open_without_normal_time, percent_overdue
            from "{marts}".ticket_backlog
            where period_grain = 'day' and channel = 'all' and team = 'all' and priority = 'all'
            order by period_start desc
            limit 1
            """
        ).fetchone()
        csat = month_total(
            con, marts, "customer_satisfaction", "satisfied_responses, responses, percent_satisfied, mean_score",
            month, ("channel", "team", "assignee_agent_id", "segment"),
        )
        nps = month_total(
            con, marts, "net_promoter_score", "responses, promoters, passives, detractors, net_promoter_score",
            month, ("segment", "channel"),
        )
        ces = month_total(
            con, marts, "customer_effort_score",
            "low_effort_responses, responses, percent_low_effort, mean_effort_score", month, ("channel",),
        )
    except duckdb.Error as exc:
        raise ServiceSummaryError(f"cannot read the service marts: {str(exc).splitlines()[0]}") from None
    finally:
        con.close()
    return ServiceSummary(
        month, channels, *resolution, sla,
        first_contact=Share(*fcr[:3]) if fcr else NO_SHARE,
        first_contact_cohort=Share(*fcr[3:]) if fcr else NO_SHARE,
        reopened=Share(*reopened) if reopened else NO_SHARE,
        phone=PhoneLine(*phone) if phone else None,
        contacts=contacts,
        digital=Share(*digital) if digital else NO_SHARE,
        backlog=Backlog(*backlog_row) if backlog_row else None,
        surveys=SurveyLines(
            satisfied=Share(*csat[:3]) if csat else NO_SHARE,
            mean_satisfaction=csat[3] if csat else None,
            nps=NpsLine(*nps) if nps else None,
            low_effort=Share(*ces[:3]) if ces else NO_SHARE,
            mean_effort=ces[3] if ces else None,
        ),
    )


def duration(seconds: float | None) -> str:
    """A duration for a person: 45 s, 12 min, 3 h 05, 2 d 4 h."""
    if seconds is None:
        return "-"
    s = int(round(seconds))
    if s < 120:
        return f"{s} s"
    if s < 3_600:
        return f"{s // 60} min"
    if s < 86_400:
        return f"{s // 3_600} h {s % 3_600 // 60:02d}"
    return f"{s // 86_400} d {s % 86_400 // 3_600} h"


def format_phone_line(phone: PhoneLine | None, month: str) -> str:
    """The phone service level of the month against its target, in one line."""
    if phone is None or phone.offered == 0 or phone.service_level is None:
        return f"  Phone service level, {month}: no offered calls"
    met = "met" if phone.meets_target else "missed"
    abandoned = f"{phone.abandonment_rate:.1f} %" if phone.abandonment_rate is not None else "-"
    return (
        f"  Phone service level, {month} (calls by queue entry): {phone.service_level:.1f} % of "
        f"{phone.offered:,} offered calls answered within {duration(phone.threshold_seconds)} "
        f"(target {float(phone.target_percent):g} %, {met}); "
        f"average speed of answer {duration(phone.mean_speed_of_answer)}, {abandoned} abandoned"
    )


def share(ratio: Share) -> str:
    """A share for a person, with its parts: 45.8 % (38 of 83)."""
    if ratio.percent is None:
        return f"- ({ratio.count:,} of {ratio.of:,})"
    return f"{ratio.percent:.1f} % ({ratio.count:,} of {ratio.of:,})"


def backlog_line(backlog: Backlog | None) -> str:
    """The backlog at the end of the data's last full day, and how much of it is overdue."""
    if backlog is None:
        return "  Backlog: no day of the data has ended with a ticket open"
    percent = f"{backlog.percent_overdue:.1f} %" if backlog.percent_overdue is not None else "-"
    line = (
        f"  Backlog at the end of {backlog.day:%A %d %B %Y} (the data's last full day): {backlog.open:,} tickets "
        f"open, {backlog.overdue:,} overdue ({percent})"
    )
    if backlog.without_normal_time:
        line += f"; {backlog.without_normal_time:,} on channels without a normal resolution time"
    return line


def survey_lines(surveys: SurveyLines, month: str) -> list[str]:
    """CSAT, NPS with its three groups and CES of the month, one line each."""
    mean = f"{surveys.mean_satisfaction:.2f}" if surveys.mean_satisfaction is not None else "-"
    lines = [f"  CSAT, {month} (answers given in the month): {share(surveys.satisfied)} satisfied; mean {mean} on 1-5"]
    nps = surveys.nps
    if nps is None or nps.score is None:
        lines.append(f"  NPS, {month}: no answers")
    else:
        lines.append(
            f"  NPS, {month}: {nps.score:+.1f} of {nps.responses:,} answers ({nps.promoters:,} promoters, "
            f"{nps.passives:,} passives, {nps.detractors:,} detractors)"
        )
    effort = f"{surveys.mean_effort:.2f}" if surveys.mean_effort is not None else "-"
    lines.append(f"  CES, {month}: mean effort {effort} on 1-7 (lower is easier); {share(surveys.low_effort)} low effort")
    return lines


def format_service_summary(summary: ServiceSummary | None) -> str:
    if summary is None:
        return "  no tickets in this build"
    month = summary.month.strftime("%B %Y")
    header = f"  {'channel':<12}{'first resp.':>12}{'median FRT':>12}{'p90 FRT':>12}{'benchmark':>11}{'within':>9}"
    lines = [f"  First response time, {month} (calendar time; first responses sent in the month)", header,
             "  " + "-" * (len(header) - 2)]
    for c in summary.channels:
        within = f"{c.percent_within:.1f} %" if c.percent_within is not None else "-"
        benchmark = duration(c.benchmark_seconds) if c.benchmark_seconds is not None else "-"
        lines.append(
            f"  {c.channel:<12}{c.first_responses:>12,}{duration(c.median_seconds):>12}{duration(c.p90_seconds):>12}"
            f"{benchmark:>11}{within:>9}"
        )
    lines.append("")
    lines.append(
        f"  Resolution time (ART), {month}: {summary.resolved:,} tickets resolved; mean "
        f"{duration(summary.mean_resolution_calendar)} calendar, {duration(summary.mean_resolution_business)} "
        f"business (median {duration(summary.median_resolution_business)} business)"
    )
    sla = ", ".join(
        f"{name.replace('_', ' ')} {percent:.1f} % of {due:,}" if percent is not None else f"{name.replace('_', ' ')} -"
        for name, (due, percent) in sorted(summary.sla.items())
    )
    lines.append(f"  SLA targets met, {month} (targets due in the month): {sla or '-'}")
    lines.append(backlog_line(summary.backlog))
    lines.append(
        f"  First contact resolution, {month}: {share(summary.first_contact)} of the tickets resolved in the month; "
        f"{share(summary.first_contact_cohort)} of those created in it"
    )
    lines.append(f"  Reopen rate, {month}: {share(summary.reopened)} of the tickets resolved in the month")
    lines.append(format_phone_line(summary.phone, month))
    lines.append("")
    header = f"  {'channel':<12}{'contacts':>10}{'customer messages':>19}"
    lines += [f"  Contacts, {month} (tickets customers opened and offered calls no ticket records)", header,
              "  " + "-" * (len(header) - 2)]
    lines += [f"  {c.channel:<12}{c.contacts:>10,}{c.customer_messages:>19,}" for c in summary.contacts]
    lines.append(f"  Digital share of contacts, {month}: {share(summary.digital)}")
    lines.append("")
    lines += survey_lines(summary.surveys, month)
    return "\n".join(lines)
