"""The customer lines `make run` prints, from hand-made mart rows."""

from __future__ import annotations

import datetime as dt

from cx_metrics.customer_summary import (
    AcquisitionCost,
    CohortLine,
    CustomerSummary,
    JourneyLine,
    Movement,
    RevenueLine,
    format_customer_summary,
)
from cx_metrics.service_summary import Share

REVENUE = RevenueLine(
    mrr=1_250.0, mrr_at_start=1_000.0, active_customers=12,
    new=Movement(300.0, 3), expansion=Movement(50.0, 1), reactivation=Movement(29.0, 1),
    contraction=Movement(20.0, 1), churned=Movement(109.0, 2), new_sales=4, new_sales_amount=1_428.0,
)


def test_mrr_is_given_with_each_movement_and_the_new_sales():
    text = format_customer_summary(CustomerSummary(dt.date(2026, 10, 1), revenue=REVENUE))
    assert "MRR, October 2026 (reporting currency): 1,250.00 at the month's end from 1,000.00 at its start" in text
    assert (
        "new +300.00 (3), expansion +50.00 (1), reactivation +29.00 (1), contraction -20.00 (1), "
        "churned -109.00 (2); 4 new sales for 1,428.00"
    ) in text


def test_churn_and_retention_are_written_with_their_parts():
    text = format_customer_summary(
        CustomerSummary(
            dt.date(2026, 10, 1), churn=Share(400, 2_000, 20.0), retention=Share(900, 1_000, 90.0), new_customers=300
        )
    )
    assert "Churn, October 2026: 20.0 % (400 of 2,000 customers at the start lost)" in text
    assert "Customer retention, October 2026: 90.0 % (900 of 1,000 customers at the start kept); 300 new" in text


def test_cohorts_leave_the_months_not_come_yet_blank():
    summary = CustomerSummary(
        dt.date(2026, 10, 1),
        cohorts=[
            CohortLine(dt.date(2026, 9, 1), 8, [100.0, 87.5, None]),
            CohortLine(dt.date(2026, 10, 1), 5, [100.0, None, None]),
        ],
    )
    lines = format_customer_summary(summary).splitlines()
    assert "  Sep 2026           8 100.0 %  87.5 %" in lines
    assert "  Oct 2026           5 100.0 %" in lines


def test_journeys_are_ranked_and_a_build_without_them_says_so():
    text = format_customer_summary(
        CustomerSummary(dt.date(2026, 10, 1), journeys=[JourneyLine("signed_up > converted", 42)])
    )
    assert "    1. signed_up > converted: 42 contacts" in text
    assert "    no contact" in format_customer_summary(CustomerSummary(dt.date(2026, 10, 1)))
    assert "MRR, October 2026: no customer" in text


def test_a_build_without_subscriptions_says_so():
    assert format_customer_summary(None) == "  no subscriptions in this build"


def test_cac_conversion_and_inactive_customers_are_written_with_their_parts():
    text = format_customer_summary(
        CustomerSummary(
            dt.date(2026, 10, 1), acquisition=AcquisitionCost(100_000.0, 2_000, 50.0),
            conversion=Share(3, 27, 11.11), inactive=Share(7, 111, 6.31),
        )
    )
    assert "CAC, October 2026: 50.00 (100,000.00 of sales and marketing spend for 2,000 new customers)" in text
    assert "Conversion, October 2026: 11.1 % (3 of 27 leads created in the month converted)" in text
    assert "Inactive customers, October 2026: 6.3 % (7 of 111 active customers with no interaction" in text
    assert "CAC, October 2026: no spend and no new customer" in format_customer_summary(
        CustomerSummary(dt.date(2026, 10, 1))
    )
