{#- Customer retention rate, CRR (METRICS.md C2), in the shape every
    metric mart shares, month grain: (customers at the end - new customers)
    / customers at the start x 100, where customers at the start are those
    active at the previous month's end, at the end those active at this
    month's end, and new customers every customer active at the end who was
    not at the start - reactivated ones included (int_customer_months_moved).
    Lost customers are published too: start - lost + new = end. Plan is no
    breakdown: a customer changing plan would leave one plan's row and join
    another's, so a plan's rate could pass 100 %. Grain: one row per period
    grain (month), period start, segment, acquisition channel and country
    (each `all` on a total row). -#}

{%- set breakdowns = ['segment', 'acquisition_channel', 'country'] %}

with

customer_months as (

    select * from {{ ref('int_customer_months_moved') }}

),

in_period as (

    select * from customer_months
    where was_active or is_active

),

retention_rows as (

    {{ cx_metric_rows('in_period', 'month_start', breakdowns, "
        sum(case when was_active then 1 else 0 end) as customers_at_start,
        sum(case when is_active then 1 else 0 end) as customers_at_end,
        sum(case when is_active and not was_active then 1 else 0 end) as new_customers,
        sum(case when was_active and not is_active then 1 else 0 end) as lost_customers",
        grains=['month'], local_dates=true) }}

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    select
        cast(period_grain as {{ text }}) as period_grain,
        period_start,
        cast(segment as {{ text }}) as segment,
        cast(acquisition_channel as {{ text }}) as acquisition_channel,
        cast(country as {{ text }}) as country,
        cast(customers_at_start as {{ bigint }}) as customers_at_start,
        cast(customers_at_end as {{ bigint }}) as customers_at_end,
        cast(new_customers as {{ bigint }}) as new_customers,
        cast(lost_customers as {{ bigint }}) as lost_customers,
        {{ cx_percent('(customers_at_end - new_customers)', 'customers_at_start') }} as percent_retention
    from retention_rows

)

select * from final
