-- MRR at the start of a month is the MRR at the end of the previous one,
-- per customer (int_customer_months_moved) and in total (mart mrr), so
-- MRR(m) = MRR(m - 1) + new + expansion + reactivation - contraction -
-- churned chains from month to month. One row per break.
with

customer_months as (

    select * from {{ ref('int_customer_months_moved') }}

),

totals as (

    select * from {{ ref('mrr') }}
    where segment = 'all' and plan = 'all' and acquisition_channel = 'all' and country = 'all'

),

customer_breaks as (

    select
        'customer ' || cast(this_month.customer_id as {{ dbt.type_string() }}) as what,
        this_month.month_start,
        this_month.previous_mrr as mrr_at_start,
        previous_month.mrr as previous_month_mrr
    from customer_months as this_month
    inner join customer_months as previous_month
        on
            this_month.customer_id = previous_month.customer_id
            and previous_month.month_start = {{ dbt.dateadd('month', -1, 'this_month.month_start') }}
    where this_month.previous_mrr != previous_month.mrr

),

total_breaks as (

    select
        'total' as what,
        this_month.period_start as month_start,
        this_month.mrr_at_start,
        coalesce(previous_month.mrr, 0) as previous_month_mrr
    from totals as this_month
    left join totals as previous_month
        on previous_month.period_start = {{ dbt.dateadd('month', -1, 'this_month.period_start') }}
    where this_month.mrr_at_start != coalesce(previous_month.mrr, 0)

)

select * from customer_breaks
union all
select * from total_breaks
