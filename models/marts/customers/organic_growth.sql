{#- Organic growth, the viral coefficient (METRICS.md C10), in the shape
    every metric mart shares, month grain: the new paying customers of the
    month (first-ever paid subscription, as in C7) who came through a
    referral - a referring contact, or an acquisition channel of var
    referral_acquisition_channels (int_leads_funneled) - over the customers
    active at its start. Grain: one row per period grain (month) and period
    start. -#}

with

leads as (

    select * from {{ ref('int_leads_funneled') }}

),

customer_months as (

    select * from {{ ref('int_customer_months_moved') }}

),

new_customers as (

    select * from leads
    where first_paid_on is not null

),

start_rows as (

    {{ cx_metric_rows('customer_months', 'month_start', [], '
        sum(case when was_active then 1 else 0 end) as customers_at_start', grains=['month'], local_dates=true) }}

),

new_customer_rows as (

    {{ cx_metric_rows('new_customers', 'first_paid_on', [], '
        count(*) as new_customers,
        sum(case when is_referred then 1 else 0 end) as organic_new_customers', grains=['month'], local_dates=true) }}

),

joined as (

    {{ cx_metric_rows_joined({
        'start_rows': ['customers_at_start'],
        'new_customer_rows': ['new_customers', 'organic_new_customers']}, []) }}

),

final as (

    {%- set bigint = dbt.type_bigint() %}
    select
        cast(period_grain as {{ dbt.type_string() }}) as period_grain,
        period_start,
        cast(coalesce(customers_at_start, 0) as {{ bigint }}) as customers_at_start,
        cast(coalesce(new_customers, 0) as {{ bigint }}) as new_customers,
        cast(coalesce(organic_new_customers, 0) as {{ bigint }}) as organic_new_customers,
        cast(1.0 * organic_new_customers / nullif(customers_at_start, 0) as decimal(9, 4)) as viral_coefficient,
        {{ cx_percent('organic_new_customers', 'customers_at_start') }} as percent_organic_growth
    from joined

)

select * from final
