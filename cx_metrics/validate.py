"""Validate the staging models of a DuckDB build with Great Expectations.

dbt's own tests guard each build; this is a second, independent look at what
staging hands on to the marts, with a browsable record (Data Docs). One
expectation suite per staging model, named ``staging.<model>``:

* at least one row;
* the primary key unique and not null;
* enumerated columns within their allowed values (the ``accepted_values``
  of the model YAML; channels from seed ``channels``);
* the model YAML's ``not_null`` columns (required timestamps, booleans, ...)
  not null;
* amounts zero or more;
* survey scores within their scale (``scale_min_score`` ≤ score ≤
  ``scale_max_score``, rows without a score ignored).

And one suite per ``base_`` model, ``staging.<model>.quarantine_share``: at
most ``1 - quarantine_threshold`` of the raw rows quarantined (``row_status``
in staged or duplicate for ``mostly`` = the threshold, 0.9 by default).

Great Expectations' SQL datasource does not work on DuckDB, so every relation
is read through a read-only DuckDB connection into a pandas DataFrame and
validated through an ephemeral context with a pandas datasource. One
Checkpoint per suite (a whole-dataframe batch takes its DataFrame as a run
parameter, and a Checkpoint run gives the same parameters to all of its
validations), each with an UpdateDataDocsAction writing to a local Data Docs
site under ``docs_dir``, all under one run id. The context being ephemeral,
Data Docs show the latest run only: Great Expectations removes the pages of
results it no longer holds.

Usage::

    python -m cx_metrics.validate [--database PATH] [--schema analytics_staging] [--docs-dir DIR]

Exit codes: 0 every suite passed, 1 some suite failed, 2 the database or a
relation could not be read (one line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import logging
import re
import sys
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from cx_metrics.contract import PROJECT_ROOT, allowed_values, seed
from cx_metrics.settings import DEFAULT_MAX_QUARANTINE_SHARE, settings

DEFAULT_DOCS_DIR = PROJECT_ROOT / "target" / "data_docs"
DEFAULT_QUARANTINE_THRESHOLD = 1 - DEFAULT_MAX_QUARANTINE_SHARE
DOCS_SITE_NAME = "cx_metrics_staging"

# Seed `channels` (seeds/channels.csv): the canonical channels. The other
# enumerations staging keeps as they are in the raw contract.
CHANNELS = tuple(row["channel"] for row in seed("channels"))
TICKET_STATUSES = allowed_values("tickets", "status")
DIRECTIONS = allowed_values("tickets", "direction")
# Seed `survey_types`: how each survey type is answered.
ANSWER_KINDS = tuple(dict.fromkeys(row["answer_kind"] for row in seed("survey_types")))


class ValidationSetupError(Exception):
    """The validation could not run (database, relation or suite missing);
    the message says what to do."""


# --------------------------------------------------------------------------
# What is checked: one entry per staging model, in the words of its YAML.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class StagingChecks:
    """What a staging model promises: its key, its enumerated columns, its
    required (not null) columns, its amounts and whether it carries survey
    scores."""

    key: str
    accepted_values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    not_null: tuple[str, ...] = ()
    non_negative: tuple[str, ...] = ()
    scores_within_scale: bool = False


STAGING_CHECKS: dict[str, StagingChecks] = {
    "stg_crm__contacts": StagingChecks(
        key="contact_id",
        accepted_values={"lifecycle_stage": allowed_values("contacts", "lifecycle_stage")},
        not_null=("lifecycle_stage", "is_customer", "created_at"),
    ),
    "stg_helpdesk__tickets": StagingChecks(
        key="ticket_id",
        accepted_values={
            "channel": CHANNELS,
            "direction": DIRECTIONS,
            "ticket_type": allowed_values("tickets", "ticket_type"),
            "priority": allowed_values("tickets", "priority"),
            "status": TICKET_STATUSES,
        },
        not_null=(
            "channel",
            "direction",
            "status",
            "is_escalated",
            "is_merged",
            "is_deleted",
            "is_complaint",
            "is_outbound",
            "created_at",
        ),
    ),
    "stg_helpdesk__ticket_messages": StagingChecks(
        key="message_id",
        accepted_values={
            "event_type": allowed_values("ticket_messages", "event_type"),
            "author_role": allowed_values("ticket_messages", "author_role"),
            "channel": CHANNELS,
            "new_status": TICKET_STATUSES,
        },
        not_null=(
            "ticket_id",
            "event_type",
            "author_role",
            "is_public",
            "is_before_ticket_created",
            "created_at",
        ),
    ),
    "stg_helpdesk__phone_calls": StagingChecks(
        key="call_id",
        accepted_values={"direction": DIRECTIONS},
        not_null=("direction", "is_abandoned", "is_answered", "queue_entered_at"),
    ),
    "stg_survey__responses": StagingChecks(
        key="response_id",
        accepted_values={
            "survey_type": allowed_values("responses", "survey_type"),
            "respondent_type": allowed_values("responses", "respondent_type"),
            "answer_kind": ANSWER_KINDS,
        },
        not_null=("survey_type", "scale", "answer_kind", "is_answered", "sent_at"),
        scores_within_scale=True,
    ),
    "stg_billing__subscriptions": StagingChecks(
        key="subscription_id",
        accepted_values={
            "billing_interval": allowed_values("subscriptions", "billing_interval"),
            "status": allowed_values("subscriptions", "status"),
        },
        not_null=("contact_id", "billing_interval", "amount", "monthly_amount", "started_on"),
        non_negative=("amount", "monthly_amount"),
    ),
    "stg_billing__marketing_spend": StagingChecks(
        key="spend_id",
        accepted_values={"spend_type": allowed_values("marketing_spend", "spend_type")},
        not_null=("channel", "amount", "spend_date"),
        non_negative=("amount",),
    ),
}

QUARANTINE_SUFFIX = ".quarantine_share"


@dataclass(frozen=True)
class MartChecks:
    """What a mart promises a BI tool: rows, its key columns filled, its
    enumerations, counts and durations never negative, percentages 0-100.
    A mart that may rightly be empty (the backlog, on data that never
    completes a day) promises no rows."""

    not_null: tuple[str, ...]
    accepted_values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    non_negative: tuple[str, ...] = ()
    percent: tuple[str, ...] = ()
    unique: str | None = None
    has_rows: bool = True


PERIOD_GRAINS = ("day", "week", "month")
SHAPE = ("period_grain", "period_start", "channel", "team", "priority")
SLA_STATUSES = ("met", "breached", "pending")
# The invitation counts every survey mart publishes next to its score.
SURVEY_INVITATIONS = ("invitations_sent", "invitations_answered")
CUSTOMER_BREAKDOWNS = ("segment", "plan", "acquisition_channel", "country")
COMPLAINT_SHAPE = (
    "period_grain", "period_start", "category", "assignee_agent_id", "team", "channel", "resolution_type",
)

MART_CHECKS: dict[str, MartChecks] = {
    "fct_tickets": MartChecks(
        unique="ticket_id",
        not_null=(
            "ticket_id", "calendar_id", "created_at", "is_counted_in_metrics", "is_outbound", "is_resolved",
            "is_first_contact_resolution",
        ),
        accepted_values={
            "channel": CHANNELS,
            "first_response_sla_status": SLA_STATUSES,
            "resolution_sla_status": SLA_STATUSES,
        },
        non_negative=(
            "first_response_calendar_seconds", "first_response_business_seconds",
            "final_resolution_calendar_seconds", "final_resolution_business_seconds",
            "reopen_count", "first_response_seconds_past_due", "resolution_seconds_past_due",
        ),
    ),
    "first_response_time": MartChecks(
        not_null=(*SHAPE, "first_responses", "tickets_awaiting_first_response"),
        accepted_values={"period_grain": PERIOD_GRAINS},
        non_negative=(
            "first_responses", "mean_first_response_calendar_seconds", "median_first_response_calendar_seconds",
            "p90_first_response_calendar_seconds", "median_first_response_business_seconds",
            "tickets_awaiting_first_response",
        ),
        percent=("percent_within_benchmark",),
    ),
    "resolution_time": MartChecks(
        not_null=(*SHAPE, "tickets_resolved"),
        accepted_values={"period_grain": PERIOD_GRAINS},
        non_negative=(
            "tickets_resolved", "mean_final_resolution_calendar_seconds", "median_final_resolution_calendar_seconds",
            "median_final_resolution_business_seconds", "p90_final_resolution_business_seconds",
        ),
    ),
    "sla_compliance": MartChecks(
        not_null=("target_type", *SHAPE, "targets_due", "targets_met", "targets_breached"),
        accepted_values={"period_grain": PERIOD_GRAINS, "target_type": ("first_response", "resolution")},
        non_negative=("targets_due", "targets_met", "targets_breached", "targets_pending", "mean_seconds_past_due"),
        percent=("percent_met",),
    ),
    "phone_service_level": MartChecks(
        not_null=(
            "period_grain", "period_start", "team", "offered_calls", "answered_calls", "abandoned_calls",
            "calls_answered_within_threshold", "calls_without_outcome", "target_service_level_percent",
            "threshold_seconds",
        ),
        accepted_values={"period_grain": PERIOD_GRAINS},
        non_negative=(
            "offered_calls", "answered_calls", "abandoned_calls", "calls_answered_within_threshold",
            "calls_without_outcome", "mean_speed_of_answer_seconds", "mean_wait_seconds", "p90_wait_seconds",
        ),
        percent=(
            "service_level_percent", "target_service_level_percent", "abandonment_rate_percent",
            "answer_rate_percent", "answered_within_threshold_percent",
        ),
    ),
    "first_contact_resolution": MartChecks(
        not_null=(
            *SHAPE[:4], "tickets_resolved", "tickets_resolved_at_first_contact", "tickets_created",
            "tickets_created_resolved_at_first_contact",
        ),
        accepted_values={"period_grain": PERIOD_GRAINS},
        non_negative=(
            "tickets_resolved", "tickets_resolved_at_first_contact", "tickets_created",
            "tickets_created_resolved_at_first_contact",
        ),
        percent=("percent_first_contact_resolution", "percent_cohort_resolved_at_first_contact"),
    ),
    "reopen_rate": MartChecks(
        not_null=(*SHAPE, "tickets_resolved", "tickets_reopened"),
        accepted_values={"period_grain": PERIOD_GRAINS},
        non_negative=("tickets_resolved", "tickets_reopened"),
        percent=("percent_reopened",),
    ),
    "complaints": MartChecks(
        not_null=(
            *COMPLAINT_SHAPE, "complaints_opened", "complaints_pending", "complaints_resolved", "complaints_escalated",
        ),
        accepted_values={"period_grain": PERIOD_GRAINS},
        non_negative=("complaints_opened", "complaints_pending", "complaints_resolved", "complaints_escalated"),
    ),
    "contact_volume": MartChecks(
        not_null=(
            "period_grain", "period_start", "channel", "team", "contacts", "customer_messages",
            "customers_contacting", "contacts_of_customers",
        ),
        accepted_values={"period_grain": PERIOD_GRAINS, "channel": (*CHANNELS, "all", "unknown")},
        non_negative=(
            "contacts", "customer_messages", "customers_contacting", "contacts_of_customers",
            "mean_contacts_per_customer", "median_contacts_per_customer", "p90_contacts_per_customer",
        ),
    ),
    "preferred_channel": MartChecks(
        not_null=("period_grain", "period_start", "preferred_channel", "customers", "customers_with_preference"),
        accepted_values={"period_grain": ("month",), "preferred_channel": (*CHANNELS, "all", "unknown")},
        non_negative=("customers", "customers_with_preference"),
        percent=("percent_of_customers",),
    ),
    "digitalization_rate": MartChecks(
        not_null=("period_grain", "period_start", "team", "digital_contacts", "contacts"),
        accepted_values={"period_grain": PERIOD_GRAINS},
        non_negative=("digital_contacts", "contacts"),
        percent=("percent_digital",),
    ),
    "ticket_backlog": MartChecks(
        not_null=(*SHAPE, "tickets_open", "tickets_overdue", "tickets_open_without_normal_time"),
        accepted_values={"period_grain": ("day",)},
        non_negative=(
            "tickets_open", "tickets_overdue", "tickets_open_without_normal_time", "max_open_age_calendar_seconds",
            "normal_resolution_calendar_seconds", "overdue_after_calendar_seconds",
            "resolutions_in_normal_time_window",
        ),
        percent=("percent_overdue",),
        has_rows=False,
    ),
    "customer_satisfaction": MartChecks(
        not_null=(
            "period_grain", "period_start", "channel", "team", "assignee_agent_id", "segment", "responses",
            "satisfied_responses", "total_score", *SURVEY_INVITATIONS,
        ),
        accepted_values={"period_grain": PERIOD_GRAINS},
        non_negative=("responses", "satisfied_responses", "total_score", "mean_score", *SURVEY_INVITATIONS),
        percent=("percent_satisfied", "percent_response_rate"),
    ),
    "net_promoter_score": MartChecks(
        not_null=(
            "period_grain", "period_start", "segment", "channel", "responses", "promoters", "passives", "detractors",
            *SURVEY_INVITATIONS,
        ),
        accepted_values={"period_grain": PERIOD_GRAINS},
        non_negative=("responses", "promoters", "passives", "detractors", *SURVEY_INVITATIONS),
        percent=("percent_promoters", "percent_detractors", "percent_response_rate"),
    ),
    "customer_effort_score": MartChecks(
        not_null=("period_grain", "period_start", "channel", "responses", "low_effort_responses", *SURVEY_INVITATIONS),
        accepted_values={"period_grain": PERIOD_GRAINS},
        non_negative=(
            "responses", "low_effort_responses", "total_effort_score", "mean_effort_score", *SURVEY_INVITATIONS,
        ),
        percent=("percent_low_effort", "percent_response_rate"),
        has_rows=False,  # a source without CES surveys rightly leaves it empty
    ),
    "brand_ambassadors": MartChecks(
        not_null=("period_grain", "period_start", "segment", "respondents", "brand_ambassadors"),
        accepted_values={"period_grain": PERIOD_GRAINS},
        non_negative=("respondents", "brand_ambassadors"),
        percent=("percent_brand_ambassadors",),
    ),
    "employee_satisfaction": MartChecks(
        not_null=(
            "period_grain", "period_start", "team", "responses", "promoters", "passives", "detractors", "total_score",
            *SURVEY_INVITATIONS,
        ),
        accepted_values={"period_grain": PERIOD_GRAINS},
        non_negative=("responses", "promoters", "passives", "detractors", "mean_score", *SURVEY_INVITATIONS),
        percent=("percent_promoters", "percent_detractors", "percent_response_rate"),
        has_rows=False,  # a survey tool without employee surveys rightly leaves it empty
    ),
    "task_completion": MartChecks(
        not_null=("period_grain", "period_start", "segment", "responses", "completed_responses", *SURVEY_INVITATIONS),
        accepted_values={"period_grain": PERIOD_GRAINS},
        non_negative=("responses", "completed_responses", *SURVEY_INVITATIONS),
        percent=("percent_task_completion", "percent_response_rate"),
        has_rows=False,  # a survey tool without the visit questions rightly leaves it empty
    ),
    "visitor_intent": MartChecks(
        not_null=("period_grain", "period_start", "intent", "responses", "period_responses", "task_responses"),
        accepted_values={"period_grain": PERIOD_GRAINS},
        non_negative=("responses", "period_responses", "task_responses", "completed_tasks", *SURVEY_INVITATIONS),
        percent=("percent_of_responses", "percent_task_completion", "percent_response_rate"),
        has_rows=False,  # as task_completion
    ),
    "mrr": MartChecks(
        not_null=("period_grain", "period_start", *CUSTOMER_BREAKDOWNS, "mrr", "mrr_at_start", "active_customers"),
        accepted_values={"period_grain": ("month",)},
        non_negative=(
            "mrr", "mrr_at_start", "active_customers", "new_mrr", "new_customers", "expansion_mrr",
            "contraction_mrr", "churned_mrr", "churned_customers", "reactivation_mrr", "new_sales", "new_sales_amount",
        ),
    ),
    "churn_rate": MartChecks(
        not_null=("period_grain", "period_start", *CUSTOMER_BREAKDOWNS, "customers_at_start", "lost_customers"),
        accepted_values={"period_grain": ("month",)},
        non_negative=("customers_at_start", "lost_customers"),
        percent=("percent_churn",),
    ),
    "customer_retention_rate": MartChecks(
        not_null=(
            "period_grain", "period_start", "segment", "acquisition_channel", "country", "customers_at_start",
            "customers_at_end", "new_customers", "lost_customers",
        ),
        accepted_values={"period_grain": ("month",)},
        non_negative=("customers_at_start", "customers_at_end", "new_customers", "lost_customers"),
        percent=("percent_retention",),
    ),
    "cohort_retention": MartChecks(
        not_null=(
            "period_grain", "period_start", *CUSTOMER_BREAKDOWNS, "months_since_start", "cohort_customers",
            "active_customers", "mrr",
        ),
        accepted_values={"period_grain": ("month",)},
        non_negative=("months_since_start", "cohort_customers", "active_customers", "mrr", "cohort_starting_mrr"),
        percent=("percent_active",),
    ),
    "repurchase_rate": MartChecks(
        not_null=(
            "period_grain", "period_start", *CUSTOMER_BREAKDOWNS, "customers", "customers_with_second_subscription",
            "customers_billed_again", "purchases",
        ),
        accepted_values={"period_grain": ("month",)},
        non_negative=("customers", "customers_with_second_subscription", "customers_billed_again", "purchases"),
        percent=("percent_second_subscription", "percent_billed_again"),
    ),
    "customer_lifetime_value": MartChecks(
        not_null=(
            "period_grain", "period_start", "segment", "acquisition_channel", "country", "mrr", "active_customers",
            "customers_at_start", "lost_customers", "customers_to_date",
        ),
        accepted_values={"period_grain": ("month",)},
        non_negative=("mrr", "arpa", "lifetime_value", "mean_lifetime_months", "pooled_arpa", "observed_lifetime_value"),
        percent=("percent_monthly_churn",),
    ),
    "dim_customers": MartChecks(
        not_null=("customer_id", "cohort_month", "first_paid_on", "current_status", "current_mrr"),
        accepted_values={"current_status": ("active", "churned", "never_active")},
        non_negative=("paid_subscriptions", "purchases", "lifetime_months", "current_mrr"),
        unique="customer_id",
    ),
    "customer_journey": MartChecks(
        not_null=(
            "period_grain", "period_start", "path_rank", "journey_path", "step_number", "touchpoint", "customers",
            "period_customers",
        ),
        accepted_values={"period_grain": ("month",)},
        non_negative=("customers", "period_customers", "median_seconds_since_previous_step"),
        percent=("percent_of_customers",),
    ),
    "customer_acquisition_cost": MartChecks(
        not_null=(
            "period_grain", "period_start", "acquisition_channel", "spend", "marketing_spend", "sales_spend",
            "new_customers",
        ),
        accepted_values={"period_grain": PERIOD_GRAINS},
        non_negative=("spend", "marketing_spend", "sales_spend", "new_customers", "customer_acquisition_cost"),
    ),
    "conversion_rate": MartChecks(
        not_null=("period_grain", "period_start", "acquisition_channel", "segment", "leads", "converted_leads"),
        accepted_values={"period_grain": PERIOD_GRAINS},
        non_negative=("leads", "converted_leads"),
        percent=("percent_converted",),
    ),
    "referral_rate": MartChecks(
        not_null=("period_grain", "period_start", "customers_at_start", "referred_leads", "new_customers"),
        accepted_values={"period_grain": ("month",)},
        non_negative=("customers_at_start", "referred_leads", "percent_referral_rate", "new_customers"),
        percent=("percent_new_customers_referred",),
    ),
    "organic_growth": MartChecks(
        not_null=("period_grain", "period_start", "customers_at_start", "new_customers", "organic_new_customers"),
        accepted_values={"period_grain": ("month",)},
        non_negative=("customers_at_start", "new_customers", "organic_new_customers", "viral_coefficient"),
    ),
    "inactive_customers": MartChecks(
        not_null=("period_grain", "period_start", "segment", "plan", "active_customers", "inactive_customers"),
        accepted_values={"period_grain": ("month",)},
        non_negative=("active_customers", "inactive_customers"),
        percent=("percent_inactive",),
    ),
    "customer_engagement": MartChecks(
        not_null=("period_grain", "period_start", "segment", "plan", "active_customers", "contacts"),
        accepted_values={"period_grain": ("month",)},
        non_negative=(
            "active_customers", "contacts", "contacts_per_active_customer", "customers_ever_in_contact",
            "mean_days_since_last_contact",
        ),
    ),
}


@dataclass(frozen=True)
class SuiteSpec:
    """One expectation suite and the relation it validates."""

    name: str
    relation: str
    expectations: tuple[Any, ...]  # great_expectations Expectation objects
    layer: str = "staging"  # the schema the relation is in

    @property
    def columns(self) -> set[str]:
        """Columns the expectations look at (only these are read)."""
        names: set[str] = set()
        for expectation in self.expectations:
            for attr in ("column", "column_A", "column_B"):
                value = getattr(expectation, attr, None)
                if value:
                    names.add(value)
        return names


def suite_specs(quarantine_threshold: float = DEFAULT_QUARANTINE_THRESHOLD) -> list[SuiteSpec]:
    """Every suite, in a stable order: each staging model followed by the
    quarantine share of its base model, then each mart."""
    with warnings.catch_warnings():  # its optional Spark support warns on import
        warnings.simplefilter("ignore")
        import great_expectations.expectations as gxe

    specs: list[SuiteSpec] = []
    for model, checks in STAGING_CHECKS.items():
        expectations: list[Any] = [
            gxe.ExpectTableRowCountToBeBetween(min_value=1),
            gxe.ExpectColumnValuesToBeUnique(column=checks.key),
            gxe.ExpectColumnValuesToNotBeNull(column=checks.key),
        ]
        expectations += [
            gxe.ExpectColumnValuesToBeInSet(column=column, value_set=list(values))
            for column, values in checks.accepted_values.items()
        ]
        expectations += [gxe.ExpectColumnValuesToNotBeNull(column=column) for column in checks.not_null]
        expectations += [gxe.ExpectColumnValuesToBeBetween(column=column, min_value=0) for column in checks.non_negative]
        if checks.scores_within_scale:
            expectations += [
                gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A="score", column_B="scale_min_score", or_equal=True, ignore_row_if="either_value_is_missing"
                ),
                gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A="scale_max_score", column_B="score", or_equal=True, ignore_row_if="either_value_is_missing"
                ),
            ]
        specs.append(SuiteSpec(f"staging.{model}", model, tuple(expectations)))
        specs.append(
            SuiteSpec(
                f"staging.{model}{QUARANTINE_SUFFIX}",
                "base_" + model.removeprefix("stg_"),
                (
                    gxe.ExpectTableRowCountToBeBetween(min_value=1),
                    gxe.ExpectColumnValuesToNotBeNull(column="row_status"),
                    gxe.ExpectColumnValuesToBeInSet(
                        column="row_status", value_set=["staged", "duplicate"], mostly=quarantine_threshold
                    ),
                ),
            )
        )
    for mart, checks in MART_CHECKS.items():
        expectations = [gxe.ExpectTableRowCountToBeBetween(min_value=1)] if checks.has_rows else []
        if checks.unique:
            expectations.append(gxe.ExpectColumnValuesToBeUnique(column=checks.unique))
        expectations += [gxe.ExpectColumnValuesToNotBeNull(column=column) for column in checks.not_null]
        expectations += [
            gxe.ExpectColumnValuesToBeInSet(column=column, value_set=list(values))
            for column, values in checks.accepted_values.items()
        ]
        expectations += [gxe.ExpectColumnValuesToBeBetween(column=column, min_value=0) for column in checks.non_negative]
        expectations += [
            gxe.ExpectColumnValuesToBeBetween(column=column, min_value=0, max_value=100) for column in checks.percent
        ]
        specs.append(SuiteSpec(f"marts.{mart}", mart, tuple(expectations), layer="marts"))
    return specs


# --------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class FailedExpectation:
    """One expectation that did not hold: its type, its column(s) and what was
    observed, in short."""

    expectation_type: str
    column: str | None
    observed: str

    def __str__(self) -> str:
        where = f" [{self.column}]" if self.column else ""
        return f"{self.expectation_type}{where}: {self.observed}"


@dataclass(frozen=True)
class SuiteResult:
    """The outcome of one suite on one relation."""

    suite_name: str
    relation: str
    success: bool
    evaluated: int
    failed: tuple[FailedExpectation, ...]

    @property
    def failed_count(self) -> int:
        return len(self.failed)


@dataclass(frozen=True)
class ValidationReport:
    """Every suite's outcome and where the Data Docs were written."""

    suites: tuple[SuiteResult, ...]
    docs_index: Path

    @property
    def success(self) -> bool:
        return all(s.success for s in self.suites)

    def suite(self, name: str) -> SuiteResult:
        for result in self.suites:
            if result.suite_name == name:
                return result
        raise KeyError(name)

    def format(self) -> str:
        """One line per suite, the failing expectations under a failing suite,
        then the Data Docs index."""
        width = max((len(s.suite_name) for s in self.suites), default=0)
        lines: list[str] = []
        for s in self.suites:
            passed = s.evaluated - s.failed_count
            lines.append(
                f"{'PASS' if s.success else 'FAIL'} {s.suite_name:<{width}}  {passed}/{s.evaluated} expectations"
            )
            lines += [f"       - {f}" for f in s.failed]
        lines.append(f"Data Docs: {self.docs_index}")
        return "\n".join(lines)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short(value: Any, limit: int = 60) -> str:
    """A value as it reads in a report: strings quoted, long ones clipped."""
    return _clip(repr(value) if isinstance(value, str) else str(value), limit)


def _observed(result: dict[str, Any], exception_info: dict[str, Any] | None, mostly: float = 1.0) -> str:
    """What a failing expectation saw, in a few words."""
    # exception_info is one {"raised_exception", "exception_message", ...}
    # dict, or one such dict per metric that failed to compute.
    exception_info = exception_info or {}
    infos = [exception_info] if "raised_exception" in exception_info else list(exception_info.values())
    for info in infos:
        if isinstance(info, dict) and info.get("raised_exception"):
            message = str(info.get("exception_message") or "error").strip().splitlines()[0]
            return f"error: {_clip(message, 120)}"
    if "observed_value" in result:
        return f"observed {_short(result['observed_value'])}"
    if "unexpected_count" in result:
        count = result.get("unexpected_count") or 0
        total = result.get("element_count")
        percent = result.get("unexpected_percent")
        notes = [f"{percent:.1f} %"] if isinstance(percent, (int, float)) else []
        if mostly < 1:
            notes.append(f"at most {(1 - mostly) * 100:g} % allowed")
        share = f" ({', '.join(notes)})" if notes else ""
        of_total = f" of {total}" if total is not None else ""
        examples: list[str] = []
        for value in result.get("partial_unexpected_list") or []:
            text = _short(tuple(value) if isinstance(value, list) else value, 30)
            if text not in examples:
                examples.append(text)
        sample = f", e.g. {', '.join(examples[:3])}" if examples else ""
        return f"{count}{of_total} rows unexpected{share}{sample}"
    return _short(result) if result else "failed"


def _failed_expectation(expectation_result: Any) -> FailedExpectation:
    config = expectation_result.expectation_config
    kwargs = config.kwargs
    if "column" in kwargs:
        column = kwargs["column"]
    elif "column_A" in kwargs:
        column = f"{kwargs['column_A']}, {kwargs['column_B']}"
    else:
        column = None
    return FailedExpectation(
        expectation_type=config.type,
        column=column,
        observed=_observed(
            expectation_result.result or {}, expectation_result.exception_info, float(kwargs.get("mostly", 1.0))
        ),
    )


# --------------------------------------------------------------------------
# Reading DuckDB
# --------------------------------------------------------------------------

_MISSING_CATALOG = re.compile(r'Catalog "([^"]+)" does not exist')


def _connect(database: Path) -> duckdb.DuckDBPyConnection:
    if not database.is_file():
        raise ValidationSetupError(f"database not found: {database} (run `dbt build` first, or pass --database)")
    try:
        return duckdb.connect(str(database), read_only=True)
    except duckdb.Error as exc:
        if "lock" in str(exc).lower():
            raise ValidationSetupError(
                f"cannot open {database} read-only: locked by another process (a running dbt build?);"
                " wait for it, or copy the file and validate the copy"
            ) from None
        raise ValidationSetupError(f"cannot open {database}: {str(exc).splitlines()[0]}") from None


def _existing_columns(con: duckdb.DuckDBPyConnection, schema: str, relation: str) -> list[str]:
    return [
        row[0]
        for row in con.execute(
            "select column_name from information_schema.columns"
            " where table_schema = ? and table_name = ? order by ordinal_position",
            [schema, relation],
        ).fetchall()
    ]


def _columns_to_read(con: duckdb.DuckDBPyConnection, database: Path, schema: str, spec: SuiteSpec) -> list[str]:
    """The columns of the suite's relation that its expectations look at (a
    column they name but the relation lacks fails its expectation, with GE's
    message); raise ValidationSetupError when the relation does not exist."""
    existing = _existing_columns(con, schema, spec.relation)
    if not existing:
        raise ValidationSetupError(f"relation {schema}.{spec.relation} not found in {database}")
    return [c for c in existing if c in spec.columns] or existing


def _read(con: duckdb.DuckDBPyConnection, database: Path, schema: str, relation: str, columns: list[str]) -> pd.DataFrame:
    """Columns of a relation as a DataFrame.

    A view built by dbt names the catalog of its database (the file name at
    build time); when the file has been copied under another name, the file
    is attached once more, read-only, under that name."""
    select = ", ".join('"' + c.replace('"', '""') + '"' for c in columns)
    sql = f'select {select} from "{schema}"."{relation}"'
    try:
        return con.execute(sql).df()
    except duckdb.Error as exc:
        missing = _MISSING_CATALOG.search(str(exc))
        if not missing:
            raise ValidationSetupError(f"cannot read {schema}.{relation}: {str(exc).splitlines()[0]}") from None
    catalog = missing.group(1).replace('"', '""')
    path = str(database).replace("'", "''")
    try:
        con.execute(f"attach '{path}' as \"{catalog}\" (read_only)")
        return con.execute(sql).df()
    except duckdb.Error as exc:
        raise ValidationSetupError(f"cannot read {schema}.{relation}: {str(exc).splitlines()[0]}") from None


# --------------------------------------------------------------------------
# Great Expectations
# --------------------------------------------------------------------------


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Keep Great Expectations' warnings and log messages off the terminal
    (its progress bars are switched off in the context, see _context)."""
    gx_logger = logging.getLogger("great_expectations")
    level = gx_logger.level
    gx_logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        gx_logger.setLevel(level)


def _context(docs_dir: Path) -> Any:
    """An ephemeral context, progress bars off, with one local Data Docs site
    under docs_dir (in place of the default one in a temporary folder)."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    for site_name in list(context.list_data_docs_sites()):
        context.delete_data_docs_site(site_name)
    context.add_data_docs_site(
        site_name=DOCS_SITE_NAME,
        site_config={
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )
    return context


def _checkpoints(specs: list[SuiteSpec], docs_dir: Path) -> list[Any]:
    """One Checkpoint per suite, in an ephemeral context: a whole-dataframe
    batch of the pandas datasource, the suite, and an UpdateDataDocsAction."""
    import great_expectations as gx

    context = _context(docs_dir)
    datasource = context.data_sources.add_pandas(name="duckdb_build")
    checkpoints = []
    for spec in specs:
        suite = context.suites.add(gx.ExpectationSuite(name=spec.name))
        for expectation in spec.expectations:
            suite.add_expectation(expectation)
        batch_definition = datasource.add_dataframe_asset(name=spec.relation).add_batch_definition_whole_dataframe(
            name="whole"
        )
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=spec.name, data=batch_definition, suite=suite)
        )
        checkpoints.append(
            context.checkpoints.add(
                gx.Checkpoint(
                    name=spec.name,
                    validation_definitions=[definition],
                    actions=[gx.checkpoint.UpdateDataDocsAction(name="data_docs", site_names=[DOCS_SITE_NAME])],
                    result_format={"result_format": "SUMMARY", "partial_unexpected_count": 5},
                )
            )
        )
    return checkpoints


def _run_suite(checkpoint: Any, frame: pd.DataFrame, run_id: Any) -> Any:
    """Run a Checkpoint on a DataFrame; its one suite validation result."""
    checkpoint_result = checkpoint.run(batch_parameters={"dataframe": frame}, run_id=run_id)
    (result,) = checkpoint_result.run_results.values()
    return result


def _suite_result(spec: SuiteSpec, schema: str, result: Any) -> SuiteResult:
    return SuiteResult(
        suite_name=spec.name,
        relation=f"{schema}.{spec.relation}",
        success=bool(result.success),
        evaluated=len(result.results),
        failed=tuple(_failed_expectation(r) for r in result.results if not r.success),
    )


def validate(
    database: str | Path,
    schema: str | None = None,
    docs_dir: str | Path = DEFAULT_DOCS_DIR,
    suites: list[str] | None = None,
    quarantine_threshold: float = DEFAULT_QUARANTINE_THRESHOLD,
    marts_schema: str | None = None,
) -> ValidationReport:
    """Run the suites of the staging models and the marts (all, or those
    named in ``suites``) on a DuckDB
    build and write Data Docs under ``docs_dir``.

    ``quarantine_threshold`` is the least share of a base model's rows that
    must be staged or duplicates (0.9: at most 10 % quarantined).

    Raises ValidationSetupError when the database, a relation or a named
    suite does not exist. ``schema`` and ``marts_schema`` are the staging
    and marts schemas (default: those the settings name)."""
    schemas = {
        "staging": schema or settings().schema_for("staging"),
        "marts": marts_schema or settings().schema_for("marts"),
    }
    database = Path(database).expanduser().resolve()
    docs_dir = Path(docs_dir).expanduser().resolve()
    if not 0 <= quarantine_threshold <= 1:
        raise ValidationSetupError(f"quarantine threshold must be within [0, 1], got {quarantine_threshold}")
    specs = suite_specs(quarantine_threshold)
    if suites is not None:
        known = {s.name for s in specs}
        unknown = [name for name in suites if name not in known]
        if unknown:
            raise ValidationSetupError(f"unknown suite(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        specs = [s for s in specs if s.name in set(suites)]

    con = _connect(database)
    try:
        # Every relation is checked before anything runs; then one DataFrame
        # at a time is read and validated.
        columns = {spec.name: _columns_to_read(con, database, schemas[spec.layer], spec) for spec in specs}
        docs_dir.mkdir(parents=True, exist_ok=True)
        with _quiet():
            from great_expectations.core.run_identifier import RunIdentifier

            # One run id for every Checkpoint: Data Docs show them as one run.
            run_id = RunIdentifier(run_name=database.stem, run_time=dt.datetime.now(dt.timezone.utc))
            results = [
                _run_suite(
                    checkpoint, _read(con, database, schemas[spec.layer], spec.relation, columns[spec.name]), run_id
                )
                for spec, checkpoint in zip(specs, _checkpoints(specs, docs_dir))
            ]
    finally:
        con.close()
    return ValidationReport(
        suites=tuple(_suite_result(spec, schemas[spec.layer], result) for spec, result in zip(specs, results)),
        docs_index=docs_dir / "index.html",
    )


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cx_metrics.validate",
        description="Validate the staging models of a DuckDB build with Great Expectations; write Data Docs.",
    )
    cfg = settings()
    parser.add_argument(
        "--database",
        type=Path,
        default=cfg.duckdb_path,
        help="DuckDB file (default: $CX_DUCKDB_PATH, else cx_metrics.duckdb in the project)",
    )
    parser.add_argument(
        "--schema",
        default=cfg.schema_for("staging"),
        help="schema of the staging models (default: $CX_SCHEMA_staging, else analytics_staging)",
    )
    parser.add_argument(
        "--docs-dir",
        type=Path,
        default=DEFAULT_DOCS_DIR,
        help=f"Data Docs folder (default: {DEFAULT_DOCS_DIR.relative_to(PROJECT_ROOT)} in the project)",
    )
    parser.add_argument(
        "--suite",
        action="append",
        dest="suites",
        metavar="NAME",
        help="run only this suite (repeatable), e.g. staging.stg_helpdesk__tickets",
    )
    parser.add_argument(
        "--quarantine-threshold",
        type=float,
        default=1 - cfg.max_quarantine_share,
        help="least share of a base model's rows that must be staged or duplicates "
        "(default: 1 - $CX_MAX_QUARANTINE_SHARE, else 0.9)",
    )
    args = parser.parse_args(argv)
    try:
        report = validate(
            args.database,
            schema=args.schema,
            docs_dir=args.docs_dir,
            suites=args.suites,
            quarantine_threshold=args.quarantine_threshold,
        )
    except ValidationSetupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(report.format())
    return 0 if report.success else 1


if __name__ == "__main__":
    sys.exit(main())
