{#- Cohort retention (METRICS.md C3), long format in the shape every metric
    mart shares: customers grouped by the month of their first paid
    subscription (period_start, month grain), and for each month since
    (months_since_start, 0 for the cohort's own month) the cohort's size,
    its customers active at that month's end and their share, and its MRR
    against the cohort's MRR at month 0 (revenue retention; above 100 %
    when expansions outweigh churn). analyses/cohort_retention_triangle.sql
    pivots it into the triangle. A customer counts under their first paid
    plan. Grain: one row per period grain (month), cohort month, segment,
    plan, acquisition channel, country and months since start. -#}

{%- set breakdowns = ['segment', 'plan', 'acquisition_channel', 'country'] %}

with

customer_months as (

    select * from {{ ref('int_customer_months_spined') }}

),

cohorts as (

    select * from {{ ref('int_customers_cohorted') }}

),

cohort_months as (

    select
        customer_months.customer_id,
        customer_months.first_paid_month,
        customer_months.months_since_first_paid as months_since_start,
        customer_months.is_active,
        customer_months.mrr,
        cohorts.segment,
        cohorts.first_plan as plan,
        cohorts.acquisition_channel,
        cohorts.country
    from customer_months
    inner join cohorts
        on customer_months.customer_id = cohorts.customer_id

),

cohort_rows as (

    {{ cx_metric_rows('cohort_months', 'first_paid_month', breakdowns, '
        count(*) as cohort_customers,
        sum(case when is_active then 1 else 0 end) as active_customers,
        sum(mrr) as mrr', keys=['months_since_start'], grains=['month'], local_dates=true) }}

),

with_start as (

    select
        *,
        max(case when months_since_start = 0 then mrr end) over (
            partition by period_grain, period_start, {{ breakdowns | join(', ') }}
        ) as cohort_starting_mrr
    from cohort_rows

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
        cast(months_since_start as {{ bigint }}) as months_since_start,
        cast(cohort_customers as {{ bigint }}) as cohort_customers,
        cast(active_customers as {{ bigint }}) as active_customers,
        {{ cx_percent('active_customers', 'cohort_customers') }} as percent_active,
        cast(mrr as decimal(18, 4)) as mrr,
        cast(cohort_starting_mrr as decimal(18, 4)) as cohort_starting_mrr,
        cast(100.0 * mrr / nullif(cohort_starting_mrr, 0) as decimal(9, 2)) as percent_revenue_retention
    from with_start

)

select * from final
