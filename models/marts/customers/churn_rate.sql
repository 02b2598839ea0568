{#- Churn rate (METRICS.md C1), in the shape every metric mart shares,
    month grain: of the customers active at the start of the month (active
    at the previous month's end, int_customer_months_moved), those no
    longer active at its end, and their share. 400 lost of 2,000 is 20 %
    (the catalogue's article prints 2 %, an arithmetic slip). A customer
    counts under the plan held at the start. Grain: one row per period
    grain (month), period start, segment, plan, acquisition channel and
    country (each `all` on a total row). -#}

{%- set breakdowns = ['segment', 'plan', 'acquisition_channel', 'country'] %}

with

customer_months as (

    select * from {{ ref('int_customer_months_moved') }}

),

at_start as (

    select
        customer_id,
        month_start,
        movement,
        segment,
        plan_at_start as plan,
        acquisition_channel,
        country
    from customer_months
    where was_active

),

churn_rows as (

    {{ cx_metric_rows('at_start', 'month_start', breakdowns, "
        count(*) as customers_at_start,
        sum(case when movement = 'churned' then 1 else 0 end) as lost_customers",
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
        cast(acquisition_channel as {{ text }}) as acquisition_channel,
        cast(country as {{ text }}) as country,
        cast(customers_at_start as {{ bigint }}) as customers_at_start,
        cast(lost_customers as {{ bigint }}) as lost_customers,
        {{ cx_percent('lost_customers', 'customers_at_start') }} as percent_churn
    from churn_rows

)

select * from final
