{#- Every purchase - billing date - of the paid subscriptions (METRICS.md
    C4): the start, then each renewal at the billing interval (a month, or
    twelve for a yearly plan), while the subscription runs (before
    ended_on, exclusive) and up to the data's last day (the day of the
    billing extract's latest change). A renewal falls on the start's day of
    the month (clamped to the month's last day). Amounts in the reporting
    currency (int_subscription_months_converted). Grain: one row per
    subscription and billing date (subscription_id, billed_on). -#}

with

subscription_months as (

    select * from {{ ref('int_subscription_months_converted') }}

),

subscriptions as (

    select * from {{ ref('stg_billing__subscriptions') }}

),

as_of as (

    select cast(max(updated_at) as date) as last_day
    from subscriptions

),

billing_months as (

    select
        subscription_months.*,
        {%- set renewal = dbt.dateadd(
            'month', 'subscription_months.months_since_start', 'subscription_months.started_on') %}
        cast({{ renewal }} as date) as billed_on
    from subscription_months
    where
        subscription_months.billing_interval = 'month'
        or mod(subscription_months.months_since_start, 12) = 0

),

final as (

    select
        billing_months.subscription_id,
        billing_months.customer_id,
        billing_months.plan,
        billing_months.billed_on,
        billing_months.month_start,
        row_number() over (
            partition by billing_months.subscription_id
            order by billing_months.billed_on
        ) as purchase_number,
        billing_months.amount
    from billing_months
    cross join as_of
    where
        (billing_months.ended_on is null or billing_months.billed_on < billing_months.ended_on)
        and billing_months.billed_on <= as_of.last_day

)

select * from final
