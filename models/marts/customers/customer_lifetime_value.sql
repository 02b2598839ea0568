{#- Customer lifetime value (METRICS.md C5), in the shape every metric mart
    shares, month grain, two ways with their parts. Headline: ARPA / monthly
    churn rate - the month's MRR per active customer over the share of the
    customers at its start lost by its end (10 a month at 4 % is 250);
    empty in a month without churn. Observed: the mean lifetime in active
    months of the customers so far (every customer whose first paid month
    has come) times the pooled monthly revenue per customer - all MRR so far
    over all active customer-months so far - which is the revenue so far
    per customer. Grain: one row per period grain (month), period start,
    segment, acquisition channel and country (each `all` on a total row). -#}

{%- set breakdowns = ['segment', 'acquisition_channel', 'country'] %}

with

customer_months as (

    select * from {{ ref('int_customer_months_moved') }}

),

month_rows as (

    {{ cx_metric_rows('customer_months', 'month_start', breakdowns, "
        count(*) as customers_to_date,
        sum(case when is_active then 1 else 0 end) as active_customers,
        sum(mrr) as mrr,
        sum(case when was_active then 1 else 0 end) as customers_at_start,
        sum(case when movement = 'churned' then 1 else 0 end) as lost_customers",
        grains=['month'], local_dates=true) }}

),

to_date as (

    select
        *,
        sum(active_customers) over (
            partition by period_grain, {{ breakdowns | join(', ') }}
            order by period_start
            rows between unbounded preceding and current row
        ) as active_customer_months_to_date,
        sum(mrr) over (
            partition by period_grain, {{ breakdowns | join(', ') }}
            order by period_start
            rows between unbounded preceding and current row
        ) as mrr_to_date
    from month_rows

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    {%- set money = 'decimal(18, 4)' %}
    select
        cast(period_grain as {{ text }}) as period_grain,
        period_start,
        cast(segment as {{ text }}) as segment,
        cast(acquisition_channel as {{ text }}) as acquisition_channel,
        cast(country as {{ text }}) as country,
        cast(mrr as {{ money }}) as mrr,
        cast(active_customers as {{ bigint }}) as active_customers,
        cast(mrr / nullif(active_customers, 0) as {{ money }}) as arpa,
        cast(customers_at_start as {{ bigint }}) as customers_at_start,
        cast(lost_customers as {{ bigint }}) as lost_customers,
        {{ cx_percent('lost_customers', 'customers_at_start') }} as percent_monthly_churn,
        cast(
            mrr * customers_at_start / nullif(active_customers * lost_customers, 0) as {{ money }}
        ) as lifetime_value,
        cast(customers_to_date as {{ bigint }}) as customers_to_date,
        cast(active_customer_months_to_date as {{ bigint }}) as active_customer_months_to_date,
        cast(mrr_to_date as {{ money }}) as mrr_to_date,
        cast(1.0 * active_customer_months_to_date / nullif(customers_to_date, 0) as decimal(9, 2))
            as mean_lifetime_months,
        cast(mrr_to_date / nullif(active_customer_months_to_date, 0) as {{ money }}) as pooled_arpa,
        cast(mrr_to_date / nullif(customers_to_date, 0) as {{ money }}) as observed_lifetime_value
    from to_date

)

select * from final
