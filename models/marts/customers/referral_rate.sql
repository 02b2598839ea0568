{#- Referral rate (METRICS.md C9), in the shape every metric mart shares,
    month grain: the leads created in the month whose referring contact was
    an active customer at its start (int_leads_funneled) over the customers
    active at its start (active at the previous month's end); and the share
    of the month's new customers (first-ever paid subscription, as in C7)
    who came through a referral (a referring contact, or an acquisition
    channel of var referral_acquisition_channels). Grain: one row per
    period grain (month) and period start. -#}

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

referred_lead_rows as (

    {{ cx_metric_rows('leads', 'created_at', [], '
        sum(case when is_referrer_active_at_start then 1 else 0 end) as referred_leads', grains=['month']) }}

),

start_rows as (

    {{ cx_metric_rows('customer_months', 'month_start', [], '
        sum(case when was_active then 1 else 0 end) as customers_at_start', grains=['month'], local_dates=true) }}

),

new_customer_rows as (

    {{ cx_metric_rows('new_customers', 'first_paid_on', [], '
        count(*) as new_customers,
        sum(case when is_referred then 1 else 0 end) as referred_new_customers', grains=['month'], local_dates=true) }}

),

joined as (

    {{ cx_metric_rows_joined({
        'start_rows': ['customers_at_start'],
        'referred_lead_rows': ['referred_leads'],
        'new_customer_rows': ['new_customers', 'referred_new_customers']}, []) }}

),

final as (

    {%- set bigint = dbt.type_bigint() %}
    select
        cast(period_grain as {{ dbt.type_string() }}) as period_grain,
        period_start,
        cast(coalesce(customers_at_start, 0) as {{ bigint }}) as customers_at_start,
        cast(coalesce(referred_leads, 0) as {{ bigint }}) as referred_leads,
        {{ cx_percent('referred_leads', 'customers_at_start') }} as percent_referral_rate,
        cast(coalesce(new_customers, 0) as {{ bigint }}) as new_customers,
        cast(coalesce(referred_new_customers, 0) as {{ bigint }}) as referred_new_customers,
        {{ cx_percent('referred_new_customers', 'new_customers') }} as percent_new_customers_referred
    from joined

)

select * from final
