"""The customer metrics a person reads at the end of `make run`: for the
last full month of the billing data, MRR with its movements and new sales,
churn and customer retention, CAC, conversion and the share of inactive
customers; the share of each of the latest six cohorts still active in the
months after its first paid month; and the three most frequent customer
journeys; read from the marts mrr, churn_rate, customer_retention_rate,
customer_acquisition_cost, conversion_rate, inactive_customers,
cohort_retention and customer_journey of a DuckDB build."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb

from cx_metrics.service_summary import (
    NO_SHARE,
    ServiceSummaryError,
    Share,
    last_full_month,
    month_total,
    open_build,
)
from cx_metrics.settings import Settings

COHORTS_SHOWN = 6  # the latest cohorts in the table
COHORT_MONTHS_SHOWN = 6  # months 0..5 after the first paid month
JOURNEYS_SHOWN = 3
CUSTOMER_BREAKDOWNS = ("segment", "plan", "acquisition_channel", "country")


@dataclass(frozen=True)
class Movement:
    amount: float
    customers: int


@dataclass(frozen=True)
class RevenueLine:
    mrr: float
    mrr_at_start: float
    active_customers: int
    new: Movement
    expansion: Movement
    reactivation: Movement
    contraction: Movement
    churned: Movement
    new_sales: int
    new_sales_amount: float


@dataclass(frozen=True)
class CohortLine:
    cohort: dt.date
    customers: int
    percent_active: list[float | None]  # months 0, 1, ... since the cohort's month; None where not come yet


@dataclass(frozen=True)
class JourneyLine:
    path: str
    contacts: int


@dataclass(frozen=True)
class AcquisitionCost:
    spend: float
    new_customers: int
    cost: float | None  # None without new customers


@dataclass(frozen=True)
class CustomerSummary:
    month: dt.date
    revenue: RevenueLine | None = None  # None when no customer moved in the month
    churn: Share = NO_SHARE  # lost of the customers at the start
    retention: Share = NO_SHARE  # kept (at the end, not new) of the customers at the start
    new_customers: int = 0  # at the end and not at the start, reactivated ones included
    acquisition: AcquisitionCost | None = None  # None when the month has no spend and no new customer
    conversion: Share = NO_SHARE  # leads created in the month converted within the window
    inactive: Share = NO_SHARE  # inactive customers of the active ones at the month's end
    cohorts: list[CohortLine] = field(default_factory=list)
    journeys: list[JourneyLine] = field(default_factory=list)


def read_customer_summary(cfg: Settings) -> CustomerSummary | None:
    """None when the build holds no subscription."""
    marts, staging = cfg.schema_for("marts"), cfg.schema_for("staging")
    con = open_build(cfg)
    try:
        (latest,) = con.execute(f'select max(updated_at) from "{staging}".stg_billing__subscriptions').fetchone()
        if latest is None:
            return None
        month = last_full_month(latest)
        revenue = month_total(
            con, marts, "mrr",
            "mrr, mrr_at_start, active_customers, new_mrr, new_customers, expansion_mrr, expansion_customers, "
            "reactivation_mrr, reactivated_customers, contraction_mrr, contraction_customers, churned_mrr, "
            "churned_customers, new_sales, new_sales_amount",
            month, CUSTOMER_BREAKDOWNS,
        )
        churn = month_total(
            con, marts, "churn_rate", "lost_customers, customers_at_start, percent_churn", month, CUSTOMER_BREAKDOWNS
        )
        retention = month_total(
            con, marts, "customer_retention_rate",
            "customers_at_end - new_customers, customers_at_start, percent_retention, new_customers",
            month, ("segment", "acquisition_channel", "country"),
        )
        acquisition = month_total(
            con, marts, "customer_acquisition_cost", "spend, new_customers, customer_acquisition_cost", month,
            ("acquisition_channel",),
        )
        conversion = month_total(
            con, marts, "conversion_rate", "converted_leads, leads, percent_converted", month,
            ("acquisition_channel", "segment"),
        )
        inactive = month_total(
            con, marts, "inactive_customers", "inactive_customers, active_customers, percent_inactive", month,
            ("segment", "plan"),
        )
        cohort_rows = con.execute(
            f"""
            with cohorts as (
                select * from "{marts}".cohort_retention
                where segment = 'all' and plan = 'all' and acquisition_channel = 'all' and country = 'all'
                    and period_start <= ?
            ),
            latest as (
                select distinct period_start from cohorts order by period_start desc limit {COHORTS_SHOWN}
            )
            select period_start, months_since_start, cohort_customers, percent_active
            from cohorts
            where period_start in (select period_start from latest) and months_since_start < {COHORT_MONTHS_SHOWN}
            order by period_start, months_since_start
            """,
            [month],
        ).fetchall()
        journeys = [
            JourneyLine(*row)
            for row in con.execute(
                f"""
                select journey_path, sum(customers) as contacts
                from "{marts}".customer_journey
                where step_number = 1
                group by journey_path
                order by contacts desc, journey_path
                limit {JOURNEYS_SHOWN}
                """
            ).fetchall()
        ]
    except duckdb.Error as exc:
        raise ServiceSummaryError(f"cannot read the customer marts: {str(exc).splitlines()[0]}") from None
    finally:
        con.close()
    cohorts: dict[dt.date, CohortLine] = {}
    for cohort, months_since, customers, percent in cohort_rows:
        line = cohorts.setdefault(cohort, CohortLine(cohort, customers, [None] * COHORT_MONTHS_SHOWN))
        line.percent_active[months_since] = percent
    return CustomerSummary(
        month,
        revenue=RevenueLine(
            *revenue[:3],
            *(Movement(*revenue[i:i + 2]) for i in range(3, 13, 2)),
            *revenue[13:],
        ) if revenue else None,
        churn=Share(*churn) if churn else NO_SHARE,
        retention=Share(*retention[:3]) if retention else NO_SHARE,
        new_customers=retention[3] if retention else 0,
        acquisition=AcquisitionCost(*acquisition) if acquisition else None,
        conversion=Share(*conversion) if conversion else NO_SHARE,
        inactive=Share(*inactive) if inactive else NO_SHARE,
        cohorts=list(cohorts.values()),
        journeys=journeys,
    )


def money(amount: float) -> str:
    return f"{amount:,.2f}"


def revenue_lines(revenue: RevenueLine | None, month: str) -> list[str]:
    """MRR at the month's end and its movements, in two lines."""
    if revenue is None:
        return [f"  MRR, {month}: no customer"]
    movements = ", ".join(
        f"{name} {sign}{money(movement.amount)} ({movement.customers:,})"
        for name, sign, movement in (
            ("new", "+", revenue.new), ("expansion", "+", revenue.expansion),
            ("reactivation", "+", revenue.reactivation), ("contraction", "-", revenue.contraction),
            ("churned", "-", revenue.churned),
        )
    )
    return [
        f"  MRR, {month} (reporting currency): {money(revenue.mrr)} at the month's end from "
        f"{money(revenue.mrr_at_start)} at its start; {revenue.active_customers:,} active customers",
        f"    movements (amount, customers): {movements}; {revenue.new_sales:,} new sales for "
        f"{money(revenue.new_sales_amount)}",
    ]


def cohort_lines(cohorts: list[CohortLine]) -> list[str]:
    """The latest cohorts' share still active, month by month."""
    if not cohorts:
        return ["  Cohort retention: no cohort"]
    months = len(cohorts[0].percent_active)
    header = f"  {'cohort':<10}{'customers':>10}" + "".join(f"{'m' + str(m):>8}" for m in range(months))
    lines = ["  Cohort retention: share of each cohort still active, months after its first paid month", header,
             "  " + "-" * (len(header) - 2)]
    for line in cohorts:
        cells = "".join(f"{f'{p:.1f} %' if p is not None else '':>8}" for p in line.percent_active)
        lines.append(f"  {line.cohort:%b %Y}  {line.customers:>10,}{cells}".rstrip())
    return lines


def format_customer_summary(summary: CustomerSummary | None) -> str:
    if summary is None:
        return "  no subscriptions in this build"
    month = summary.month.strftime("%B %Y")
    lines = revenue_lines(summary.revenue, month)
    lines.append(f"  Churn, {month}: {share_of(summary.churn, 'customers at the start lost')}")
    lines.append(
        f"  Customer retention, {month}: {share_of(summary.retention, 'customers at the start kept')}; "
        f"{summary.new_customers:,} new or returning"
    )
    lines.append(acquisition_line(summary.acquisition, month))
    lines.append(
        f"  Conversion, {month}: {share_of(summary.conversion, 'leads created in the month converted')} "
        "within the conversion window so far"
    )
    lines.append(
        f"  Inactive customers, {month}: "
        f"{share_of(summary.inactive, 'active customers with no interaction within the inactivity window')}"
    )
    lines.append("")
    lines += cohort_lines(summary.cohorts)
    lines.append("")
    lines.append("  Most frequent customer journeys (first touchpoints of each contact; each month's top paths, summed)")
    lines += [f"    {rank}. {j.path}: {j.contacts:,} contacts" for rank, j in enumerate(summary.journeys, start=1)]
    if not summary.journeys:
        lines.append("    no contact")
    return "\n".join(lines)


def acquisition_line(acquisition: AcquisitionCost | None, month: str) -> str:
    """CAC of the month with its parts."""
    if acquisition is None:
        return f"  CAC, {month}: no spend and no new customer"
    cost = money(acquisition.cost) if acquisition.cost is not None else "-"
    return (
        f"  CAC, {month}: {cost} ({money(acquisition.spend)} of sales and marketing spend for "
        f"{acquisition.new_customers:,} new customers)"
    )


def share_of(ratio: Share, what: str) -> str:
    """A share with its parts named: 2.8 % (3 of 106 customers at the start lost)."""
    percent = f"{ratio.percent:.1f} %" if ratio.percent is not None else "-"
    return f"{percent} ({ratio.count:,} of {ratio.of:,} {what})"
