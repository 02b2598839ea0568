{#- Customer acquisition cost, CAC (METRICS.md C7), in the shape every
    metric mart shares: the sales and marketing spend of the period
    (int_marketing_spend_converted, reporting currency) over the new
    customers of the period - those whose first-ever paid subscription
    starts in it (int_customers_cohorted; a returning customer is not new).
    100,000 spent for 2,000 new customers is 50. By the acquisition
    channel the spend is attributed to and the customer came through.
    Grain: one row per period grain, period start and acquisition channel
    (`all` on a total row). -#}

{%- set breakdowns = ['acquisition_channel'] %}

with

spend as (

    select * from {{ ref('int_marketing_spend_converted') }}

),

cohorts as (

    select * from {{ ref('int_customers_cohorted') }}

),

spend_rows as (

    {{ cx_metric_rows('spend', 'spend_date', breakdowns, "
        sum(amount) as spend,
        sum(case when spend_type = 'marketing' then amount else 0 end) as marketing_spend,
        sum(case when spend_type = 'sales' then amount else 0 end) as sales_spend", local_dates=true) }}

),

new_customer_rows as (

    {{ cx_metric_rows('cohorts', 'first_paid_on', breakdowns, 'count(*) as new_customers', local_dates=true) }}

),

joined as (

    {{ cx_metric_rows_joined({
        'spend_rows': ['spend', 'marketing_spend', 'sales_spend'],
        'new_customer_rows': ['new_customers']}, breakdowns) }}

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set money = 'decimal(18, 4)' %}
    select
        cast(period_grain as {{ text }}) as period_grain,
        period_start,
        cast(acquisition_channel as {{ text }}) as acquisition_channel,
        cast(coalesce(spend, 0) as {{ money }}) as spend,
        cast(coalesce(marketing_spend, 0) as {{ money }}) as marketing_spend,
        cast(coalesce(sales_spend, 0) as {{ money }}) as sales_spend,
        cast(coalesce(new_customers, 0) as {{ dbt.type_bigint() }}) as new_customers,
        cast(spend / nullif(new_customers, 0) as {{ money }}) as customer_acquisition_cost
    from joined

)

select * from final
