-- The cohort triangle a CX lead asks for first: one row per cohort (the
-- month of the first paid subscription), its size, and the share of it
-- still active 0, 1, 2 ... 12 months later (empty where the month has not
-- come yet), from mart cohort_retention's total rows; the size comes last. Compile with
-- `dbt compile --select cohort_retention_triangle` and run the SQL in
-- target/ on the warehouse.

{%- set months = range(0, 13) %}

with

cohorts as (

    select * from {{ ref('cohort_retention') }}
    where
        segment = 'all'
        and plan = 'all'
        and acquisition_channel = 'all'
        and country = 'all'

),

final as (

    select
        period_start as cohort_month,
        {%- for month in months %}
            max(case when months_since_start = {{ month }} then percent_active end) as month_{{ month }},
        {%- endfor %}
        max(cohort_customers) as cohort_customers
    from cohorts
    group by period_start

)

select * from final
order by cohort_month
