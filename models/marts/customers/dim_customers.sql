{#- The customer entity mart: every customer (a CRM contact with a paid
    subscription) with their cohort, attributes, purchases, lifetime and
    status now (int_customers_cohorted). No personal data: the contact and
    referrer are ids, never names or addresses. Grain: one row per customer
    (customer_id). -#}

with

cohorts as (

    select * from {{ ref('int_customers_cohorted') }}

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    select
        cast(customer_id as {{ text }}) as customer_id,
        cohort_month,
        first_paid_on,
        cast(first_plan as {{ text }}) as first_plan,
        cast(segment as {{ text }}) as segment,
        cast(country as {{ text }}) as country,
        cast(acquisition_channel as {{ text }}) as acquisition_channel,
        cast(referred_by_contact_id as {{ text }}) as referred_by_contact_id,
        cast(paid_subscriptions as {{ bigint }}) as paid_subscriptions,
        cast(purchases as {{ bigint }}) as purchases,
        cast(lifetime_months as {{ bigint }}) as lifetime_months,
        cast(current_status as {{ text }}) as current_status,
        cast(current_plan as {{ text }}) as current_plan,
        cast(current_mrr as decimal(18, 4)) as current_mrr
    from cohorts

)

select * from final
