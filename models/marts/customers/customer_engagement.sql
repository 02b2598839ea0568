{#- Customer engagement (METRICS.md S12), in the shape every metric mart
    shares, month grain: the contacts (S6) of the customers active at the
    month's end, per active customer, and the days from their latest
    contact so far to the month's last day - its total over the active
    customers who have ever made contact, and its mean
    (int_customer_months_engaged). Grain: one row per period grain (month),
    period start, segment and plan (the plan held at the month's end; each
    `all` on a total row). -#}

{%- set breakdowns = ['segment', 'plan'] %}

with

customer_months as (

    select * from {{ ref('int_customer_months_engaged') }}

),

active as (

    select * from customer_months
    where is_active

),

engagement_rows as (

    {{ cx_metric_rows('active', 'month_start', breakdowns, '
        count(*) as active_customers,
        sum(contacts_in_month) as contacts,
        sum(case when last_contact_at is not null then 1 else 0 end) as customers_ever_in_contact,
        sum(days_since_last_contact) as total_days_since_last_contact',
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
        cast(contacts as {{ bigint }}) as contacts,
        cast(1.0 * contacts / nullif(active_customers, 0) as decimal(9, 2)) as contacts_per_active_customer,
        cast(customers_ever_in_contact as {{ bigint }}) as customers_ever_in_contact,
        cast(coalesce(total_days_since_last_contact, 0) as {{ bigint }}) as total_days_since_last_contact,
        cast(1.0 * total_days_since_last_contact / nullif(customers_ever_in_contact, 0) as decimal(9, 1))
            as mean_days_since_last_contact
    from engagement_rows

)

select * from final
