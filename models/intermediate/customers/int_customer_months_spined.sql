{#- The customer x month spine (METRICS.md C1-C6): every customer - a CRM
    contact with a paid subscription (amount above zero) - in every month
    from the month of their first paid subscription to the last month of
    the data (int_billing_months_spined). A month is active when a paid
    subscription covers its last day (ended_on exclusive), so a
    subscription starting and ending inside one month is never active. MRR
    is the sum of the covering subscriptions' monthly amounts (a yearly
    plan's amount / 12) in the reporting currency
    (int_subscription_months_converted). The month's plan is the covering
    subscription's with the largest MRR (ties by plan name). New sales are
    the paid subscriptions starting in the month. Grain: one row per
    customer and month (customer_id, month_start). -#}

with

months as (

    select * from {{ ref('int_billing_months_spined') }}

),

subscription_months as (

    select * from {{ ref('int_subscription_months_converted') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

customers as (

    select
        customer_id,
        min(month_start) as first_paid_month
    from subscription_months
    group by customer_id

),

covering as (

    select * from subscription_months
    where covers_month_end

),

customer_month_mrr as (

    select
        customer_id,
        month_start,
        sum(mrr) as mrr
    from covering
    group by customer_id, month_start

),

month_plans as (

    select
        customer_id,
        month_start,
        plan,
        row_number() over (
            partition by customer_id, month_start
            order by mrr desc, plan asc
        ) as plan_rank
    from covering

),

new_sales as (

    select
        customer_id,
        month_start,
        count(*) as new_sales,
        sum(amount) as new_sales_amount
    from subscription_months
    where is_start_month
    group by customer_id, month_start

),

spine as (

    select
        customers.customer_id,
        customers.first_paid_month,
        months.month_start,
        months.month_end
    from customers
    inner join months
        on customers.first_paid_month <= months.month_start

),

final as (

    select
        spine.customer_id,
        spine.month_start,
        spine.month_end,
        spine.first_paid_month,
        cast({{ dbt.datediff('spine.first_paid_month', 'spine.month_start', 'month') }} as {{ dbt.type_bigint() }})  -- noqa: LT05
            as months_since_first_paid,
        customer_month_mrr.customer_id is not null as is_active,
        cast(coalesce(customer_month_mrr.mrr, 0) as decimal(18, 4)) as mrr,
        month_plans.plan,
        coalesce(new_sales.new_sales, 0) as new_sales,
        cast(coalesce(new_sales.new_sales_amount, 0) as decimal(18, 4)) as new_sales_amount,
        contacts.segment,
        contacts.country,
        contacts.acquisition_channel
    from spine
    left join customer_month_mrr
        on
            spine.customer_id = customer_month_mrr.customer_id
            and spine.month_start = customer_month_mrr.month_start
    left join month_plans
        on
            spine.customer_id = month_plans.customer_id
            and spine.month_start = month_plans.month_start
            and month_plans.plan_rank = 1
    left join new_sales
        on
            spine.customer_id = new_sales.customer_id
            and spine.month_start = new_sales.month_start
    left join contacts
        on spine.customer_id = contacts.contact_id

)

select * from final
