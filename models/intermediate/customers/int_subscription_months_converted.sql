{#- Every paid subscription (amount above zero) in every month of the
    billing data it touches (int_billing_months_spined), with its amounts
    in the reporting currency (var reporting_currency) at that month's rate:
    1 for the reporting currency, seed currency_rates for the others (no
    rate, no amount: tests/marts/assert_every_billed_currency_month_has_a_rate
    fails). covers_month_end says whether it covers the month's last day
    (ended_on exclusive) - what makes the month active. Grain: one row per
    subscription and month (subscription_id, month_start). -#}

with

subscriptions as (

    select * from {{ ref('stg_billing__subscriptions') }}

),

months as (

    select * from {{ ref('int_billing_months_spined') }}

),

currency_rates as (

    select * from {{ ref('currency_rates') }}

),

paid as (

    select
        *,
        cast({{ dbt.date_trunc('month', 'started_on') }} as date) as start_month
    from subscriptions
    where amount > 0

),

rates as (

    -- the reporting currency at 1, every other currency from the seed
    select
        {{ cx_string_literal(var('reporting_currency')) }} as currency,
        month_start,
        1 as rate
    from months
    union all
    select
        currency,
        month_start,
        rate_to_reporting_currency as rate
    from currency_rates

),

touched as (

    select
        paid.subscription_id,
        paid.contact_id as customer_id,
        paid.plan,
        paid.currency,
        paid.billing_interval,
        paid.started_on,
        paid.ended_on,
        paid.start_month,
        paid.amount,
        paid.monthly_amount,
        months.month_start,
        months.month_end
    from paid
    inner join months
        on
            paid.start_month <= months.month_start
            and (paid.ended_on is null or paid.ended_on > months.month_start)

),

final as (

    select
        touched.subscription_id,
        touched.customer_id,
        touched.plan,
        touched.currency,
        touched.billing_interval,
        touched.started_on,
        touched.ended_on,
        touched.month_start,
        cast({{ dbt.datediff('touched.start_month', 'touched.month_start', 'month') }} as {{ dbt.type_bigint() }})  -- noqa: LT05
            as months_since_start,
        touched.start_month = touched.month_start as is_start_month,
        touched.started_on <= touched.month_end
        and (touched.ended_on is null or touched.ended_on > touched.month_end) as covers_month_end,
        cast(rates.rate as decimal(18, 8)) as rate,
        cast(touched.monthly_amount * rates.rate as decimal(18, 4)) as mrr,
        cast(touched.amount * rates.rate as decimal(18, 4)) as amount
    from touched
    left join rates
        on
            touched.currency = rates.currency
            and touched.month_start = rates.month_start

)

select * from final
