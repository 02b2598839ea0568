{#- The MRR movement of every customer-month of the spine (METRICS.md C6),
    against the customer's previous month: new (active for the first
    time), reactivation (active again after one or more inactive months),
    expansion or contraction (active both months, MRR up or down),
    unchanged, churned (active last month, not this one - the explicit
    churn row lands in the month activity stops) or inactive (neither).
    Reactivation is told apart before expansion, so a return is never an
    expansion. Per customer, mrr = previous_mrr + new + expansion +
    reactivation - contraction - churned. The plan at the start is the
    previous month's. Grain: one row per customer and month (customer_id,
    month_start). -#}

with

spined as (

    select * from {{ ref('int_customer_months_spined') }}

),

with_previous as (

    select
        *,
        lag(is_active) over (partition by customer_id order by month_start) as previous_is_active,
        lag(mrr) over (partition by customer_id order by month_start) as previous_month_mrr,
        lag(plan) over (partition by customer_id order by month_start) as previous_plan,
        max(case when is_active then 1 else 0 end) over (
            partition by customer_id
            order by month_start
            rows between unbounded preceding and 1 preceding
        ) as active_months_before
    from spined

),

classified as (

    select
        *,
        coalesce(previous_is_active, false) as was_active,
        coalesce(previous_month_mrr, 0) as previous_mrr,
        case
            when is_active and coalesce(active_months_before, 0) = 0 then 'new'
            when is_active and not coalesce(previous_is_active, false) then 'reactivation'
            when is_active and mrr > previous_month_mrr then 'expansion'
            when is_active and mrr < previous_month_mrr then 'contraction'
            when is_active then 'unchanged'
            when coalesce(previous_is_active, false) then 'churned'
            else 'inactive'
        end as movement
    from with_previous

),

final as (

    {%- set money = 'decimal(18, 4)' %}
    select
        customer_id,
        month_start,
        months_since_first_paid,
        is_active,
        was_active,
        movement,
        mrr,
        cast(previous_mrr as {{ money }}) as previous_mrr,
        cast(case when movement = 'new' then mrr else 0 end as {{ money }}) as new_mrr,
        cast(case when movement = 'reactivation' then mrr else 0 end as {{ money }}) as reactivation_mrr,
        cast(case when movement = 'expansion' then mrr - previous_mrr else 0 end as {{ money }}) as expansion_mrr,
        cast(case when movement = 'contraction' then previous_mrr - mrr else 0 end as {{ money }}) as contraction_mrr,
        cast(case when movement = 'churned' then previous_mrr else 0 end as {{ money }}) as churned_mrr,
        new_sales,
        new_sales_amount,
        plan,
        previous_plan as plan_at_start,
        segment,
        country,
        acquisition_channel
    from classified

)

select * from final
