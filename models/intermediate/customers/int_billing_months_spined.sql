{#- Every month of the billing data, from the month of the first paid
    subscription (amount above zero) to the last month of the data - the
    month of the billing extract's latest change (updated_at) - with its
    last day, the day a subscription must cover for the month to count as
    active (METRICS.md). At most var customer_spine_max_months months.
    Grain: one row per month (month_start). -#}

with

subscriptions as (

    select * from {{ ref('stg_billing__subscriptions') }}

),

bounds as (

    select
        cast({{ dbt.date_trunc('month', 'min(case when amount > 0 then started_on end)') }} as date) as first_month,
        cast({{ dbt.date_trunc('month', 'max(updated_at)') }} as date) as last_month
    from subscriptions

),

month_numbers as (

    {{ dbt.generate_series(var('customer_spine_max_months')) }}

),

months as (

    select
        cast({{ dbt.dateadd('month', 'month_numbers.generated_number - 1', 'bounds.first_month') }} as date)
            as month_start
    from month_numbers
    cross join bounds
    where month_numbers.generated_number - 1 <= {{ dbt.datediff('bounds.first_month', 'bounds.last_month', 'month') }}

),

final as (

    select
        month_start,
        cast({{ dbt.last_day('month_start', 'month') }} as date) as month_end
    from months

)

select * from final
