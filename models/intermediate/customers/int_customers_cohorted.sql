{#- Every customer (a CRM contact with a paid subscription) with their
    cohort (METRICS.md C3): the month of their first paid subscription,
    its start date and plan (the first started, ties by subscription id),
    the contact's segment, country, acquisition channel and referrer;
    their purchases (int_subscription_purchases_dated) and paid
    subscriptions; and their life so far from the customer-month spine -
    months active, status and MRR in the last month of the data. Grain:
    one row per customer (customer_id). -#}

with

subscriptions as (

    select * from {{ ref('stg_billing__subscriptions') }}

),

purchases as (

    select * from {{ ref('int_subscription_purchases_dated') }}

),

customer_months as (

    select * from {{ ref('int_customer_months_moved') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

paid_ranked as (

    select
        contact_id as customer_id,
        started_on,
        plan,
        row_number() over (
            partition by contact_id
            order by started_on, subscription_id
        ) as paid_rank,
        count(*) over (partition by contact_id) as paid_subscriptions
    from subscriptions
    where amount > 0

),

purchase_counts as (

    select
        customer_id,
        count(*) as purchases
    from purchases
    group by customer_id

),

lives as (

    select
        customer_id,
        min(month_start) as cohort_month,
        max(month_start) as last_month,
        sum(case when is_active then 1 else 0 end) as lifetime_months
    from customer_months
    group by customer_id

),

latest_months as (

    select
        customer_months.customer_id,
        customer_months.is_active,
        customer_months.mrr,
        customer_months.plan
    from customer_months
    inner join lives
        on
            customer_months.customer_id = lives.customer_id
            and customer_months.month_start = lives.last_month

),

final as (

    select
        lives.customer_id,
        lives.cohort_month,
        first_paid.started_on as first_paid_on,
        first_paid.plan as first_plan,
        contacts.segment,
        contacts.country,
        contacts.acquisition_channel,
        contacts.referred_by_contact_id,
        first_paid.paid_subscriptions,
        coalesce(purchase_counts.purchases, 0) as purchases,
        lives.lifetime_months,
        case
            when latest_months.is_active then 'active'
            when lives.lifetime_months > 0 then 'churned'
            else 'never_active'
        end as current_status,
        latest_months.plan as current_plan,
        latest_months.mrr as current_mrr
    from lives
    inner join paid_ranked as first_paid
        on
            lives.customer_id = first_paid.customer_id
            and first_paid.paid_rank = 1
    inner join latest_months
        on lives.customer_id = latest_months.customer_id
    left join purchase_counts
        on lives.customer_id = purchase_counts.customer_id
    left join contacts
        on lives.customer_id = contacts.contact_id

)

select * from final
