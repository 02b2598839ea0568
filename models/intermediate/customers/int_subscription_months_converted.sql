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

rated as (

    select
        touched.*,
        {{ cx_reporting_rate('touched.currency', 'currency_rates.rate_to_reporting_currency') }} as rate
    from touched
    left join currency_rates
        on
            touched.currency = currency_rates.currency
            and touched.month_start = currency_rates.month_start

),

final as (

    select
        subscription_id,
        customer_id,
        plan,
        currency,
        billing_interval,
        started_on,
        ended_on,
        month_start,
        cast({{ dbt.datediff('start_month', 'month_start', 'month') }} as {{ dbt.type_bigint() }})  -- noqa: LT05
            as months_since_start,
        start_month = month_start as is_start_month,
        started_on <= month_end and (ended_on is null or ended_on > month_end) as covers_month_end,
        cast(rate as decimal(18, 8)) as rate,
        cast(monthly_amount * rate as decimal(18, 4)) as mrr,
        cast(amount * rate as decimal(18, 4)) as amount
    from rated

)

select * from final
