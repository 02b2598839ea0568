{#- Inactive customers (METRICS.md C11), in the shape every metric mart
    shares, month grain: of the customers active at the month's end, those
    whose latest interaction - a contact, an answered survey, a
    subscription started or changed - is more than var
    inactivity_window_days days before the month's last day, or who never
    had one (int_customer_months_engaged), and their share. Grain: one row
    per period grain (month), period start, segment and plan (the plan
    held at the month's end; each `all` on a total row). -#}

{%- set breakdowns = ['segment', 'plan'] %}

with

customer_months as (

    select * from {{ ref('int_customer_months_engaged') }}

),

active as (

    select * from customer_months
    where is_active

),

inactive_rows as (

    {{ cx_metric_rows('active', 'month_start', breakdowns, '
        count(*) as active_customers,
        sum(case when is_inactive then 1 else 0 end) as inactive_customers',
        grains=['month'], local_dates=true) }}

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    select
        cast(period_grain as {{ text }}) as period_grain,
        period_start,
        cast(segment as {{ text }}) as segment,
        cast(plan as {{ text }}) as plan,
        cast(active_customers as {{ bigint }}) as active_customers,
        cast(inactive_customers as {{ bigint }}) as inactive_customers,
        {{ cx_percent('inactive_customers', 'active_customers') }} as percent_inactive
    from inactive_rows

)

select * from final
