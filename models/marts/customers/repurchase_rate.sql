{#- Repurchase rate (METRICS.md C4), in the shape every metric mart shares,
    by cohort - the month of the first paid subscription (period_start,
    month grain): of the cohort's customers, those with a second paid
    subscription (the headline) and those billed again after their first
    term, renewals included (int_customers_cohorted), the two rates, and
    the purchases (billing dates) with their mean per customer. Grain: one
    row per period grain (month), cohort month, segment, plan (the first
    paid plan), acquisition channel and country (each `all` on a total
    row). -#}

{%- set breakdowns = ['segment', 'plan', 'acquisition_channel', 'country'] %}

with

cohorts as (

    select * from {{ ref('int_customers_cohorted') }}

),

customers as (

    select
        customer_id,
        cohort_month,
        paid_subscriptions,
        purchases,
        segment,
        first_plan as plan,
        acquisition_channel,
        country
    from cohorts

),

repurchase_rows as (

    {{ cx_metric_rows('customers', 'cohort_month', breakdowns, '
        count(*) as customers,
        sum(case when paid_subscriptions >= 2 then 1 else 0 end) as customers_with_second_subscription,
        sum(case when purchases >= 2 then 1 else 0 end) as customers_billed_again,
        sum(purchases) as purchases', grains=['month'], local_dates=true) }}

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
        cast(customers as {{ bigint }}) as customers,
        cast(customers_with_second_subscription as {{ bigint }}) as customers_with_second_subscription,
        {{ cx_percent('customers_with_second_subscription', 'customers') }} as percent_second_subscription,
        cast(customers_billed_again as {{ bigint }}) as customers_billed_again,
        {{ cx_percent('customers_billed_again', 'customers') }} as percent_billed_again,
        cast(purchases as {{ bigint }}) as purchases,
        cast(1.0 * purchases / nullif(customers, 0) as decimal(9, 2)) as mean_purchases_per_customer
    from repurchase_rows

)

select * from final
