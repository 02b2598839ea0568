{#- Monthly recurring revenue and its movements (METRICS.md C6), in the
    shape every metric mart shares, month grain: MRR at the month's end
    (reporting currency, var reporting_currency) and at its start (the
    previous month's end), each movement's amount and customers
    (int_customer_months_moved: new, expansion, contraction, churned,
    reactivation), active customers, and new sales - paid subscriptions
    started in the month, count and amount. On every row, mrr =
    mrr_at_start + new + expansion + reactivation - contraction - churned.
    A customer counts under the plan held at the month's end, or for a
    churned month the plan held at its start. Grain: one row per period
    grain (month), period start, segment, plan, acquisition channel and
    country (each `all` on a total row). -#}

{%- set breakdowns = ['segment', 'plan', 'acquisition_channel', 'country'] %}

with

customer_months as (

    select * from {{ ref('int_customer_months_moved') }}

),

moving as (

    select
        customer_id,
        month_start,
        is_active,
        movement,
        mrr,
        previous_mrr,
        new_mrr,
        expansion_mrr,
        contraction_mrr,
        churned_mrr,
        reactivation_mrr,
        new_sales,
        new_sales_amount,
        segment,
        coalesce(plan, plan_at_start) as plan,
        acquisition_channel,
        country
    from customer_months
    where movement != 'inactive' or new_sales > 0

),

mrr_rows as (

    {{ cx_metric_rows('moving', 'month_start', breakdowns, "
        sum(mrr) as mrr,
        sum(previous_mrr) as mrr_at_start,
        sum(case when is_active then 1 else 0 end) as active_customers,
        sum(new_mrr) as new_mrr,
        sum(case when movement = 'new' then 1 else 0 end) as new_customers,
        sum(expansion_mrr) as expansion_mrr,
        sum(case when movement = 'expansion' then 1 else 0 end) as expansion_customers,
        sum(contraction_mrr) as contraction_mrr,
        sum(case when movement = 'contraction' then 1 else 0 end) as contraction_customers,
        sum(churned_mrr) as churned_mrr,
        sum(case when movement = 'churned' then 1 else 0 end) as churned_customers,
        sum(reactivation_mrr) as reactivation_mrr,
        sum(case when movement = 'reactivation' then 1 else 0 end) as reactivated_customers,
        sum(new_sales) as new_sales,
        sum(new_sales_amount) as new_sales_amount", grains=['month'], local_dates=true) }}

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    {%- set money = 'decimal(18, 4)' %}
    select
        cast(period_grain as {{ text }}) as period_grain,
        period_start,
        cast(segment as {{ text }}) as segment,
        cast(plan as {{ text }}) as plan,
        cast(acquisition_channel as {{ text }}) as acquisition_channel,
        cast(country as {{ text }}) as country,
        cast(mrr as {{ money }}) as mrr,
        cast(mrr_at_start as {{ money }}) as mrr_at_start,
        cast(active_customers as {{ bigint }}) as active_customers,
        cast(new_mrr as {{ money }}) as new_mrr,
        cast(new_customers as {{ bigint }}) as new_customers,
        cast(expansion_mrr as {{ money }}) as expansion_mrr,
        cast(expansion_customers as {{ bigint }}) as expansion_customers,
        cast(contraction_mrr as {{ money }}) as contraction_mrr,
        cast(contraction_customers as {{ bigint }}) as contraction_customers,
        cast(churned_mrr as {{ money }}) as churned_mrr,
        cast(churned_customers as {{ bigint }}) as churned_customers,
        cast(reactivation_mrr as {{ money }}) as reactivation_mrr,
        cast(reactivated_customers as {{ bigint }}) as reactivated_customers,
        cast(new_sales as {{ bigint }}) as new_sales,
        cast(new_sales_amount as {{ money }}) as new_sales_amount
    from mrr_rows

)

select * from final
