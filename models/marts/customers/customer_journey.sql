{#- Customer journey (METRICS.md S13): the most frequent paths contacts
    take through sales, support and surveys. A contact's path is its first
    var journey_depth touchpoints (int_customer_touchpoints_ordered), fewer
    when it has fewer; contacts are grouped by the month of their first
    touchpoint, and each month publishes its var journey_paths most
    frequent paths (ties by path text), one row per step, with the contacts
    on the path and the median time from the previous step. Grain: one row
    per period grain (month), period start, path rank and step number. -#}

{%- set depth = var('journey_depth') %}

with

touchpoints as (

    select * from {{ ref('int_customer_touchpoints_ordered') }}

),

first_steps as (

    select * from touchpoints
    where step_number <= {{ depth }}

),

journeys as (

    select
        customer_id,
        {%- for step in range(1, depth + 1) %}
            max(case when step_number = {{ step }} then touchpoint end) as step_{{ step }},
        {%- endfor %}
        {{ cx_period_start('month', 'min(occurred_at)') }} as period_start
    from first_steps
    group by customer_id

),

paths as (

    {%- set parts = ['step_1'] %}
    {%- for step in range(2, depth + 1) %}
        {%- do parts.append("case when step_" ~ step ~ " is null then '' else "
            ~ dbt.concat(["' > '", 'step_' ~ step]) ~ " end") %}
    {%- endfor %}
    select
        customer_id,
        period_start,
        {{ dbt.concat(parts) }} as journey_path
    from journeys

),

path_counts as (

    select
        period_start,
        journey_path,
        count(*) as customers
    from paths
    group by period_start, journey_path

),

ranked as (

    select
        period_start,
        journey_path,
        customers,
        sum(customers) over (partition by period_start) as period_customers,
        row_number() over (
            partition by period_start
            order by customers desc, journey_path asc
        ) as path_rank
    from path_counts

),

top_paths as (

    select * from ranked
    where path_rank <= {{ var('journey_paths') }}

),

step_times as (

    select
        top_paths.period_start,
        top_paths.path_rank,
        first_steps.step_number,
        first_steps.touchpoint,
        {{ cx_percentile('first_steps.seconds_since_previous_step', 0.5) }} as median_seconds_since_previous_step
    from top_paths
    inner join paths
        on
            top_paths.period_start = paths.period_start
            and top_paths.journey_path = paths.journey_path
    inner join first_steps
        on paths.customer_id = first_steps.customer_id
    group by
        top_paths.period_start,
        top_paths.path_rank,
        first_steps.step_number,
        first_steps.touchpoint

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    select
        cast('month' as {{ text }}) as period_grain,
        top_paths.period_start,
        cast(top_paths.path_rank as {{ bigint }}) as path_rank,
        cast(top_paths.journey_path as {{ text }}) as journey_path,
        cast(step_times.step_number as {{ bigint }}) as step_number,
        cast(step_times.touchpoint as {{ text }}) as touchpoint,
        cast(top_paths.customers as {{ bigint }}) as customers,
        cast(top_paths.period_customers as {{ bigint }}) as period_customers,
        {{ cx_percent('top_paths.customers', 'top_paths.period_customers') }} as percent_of_customers,
        cast(step_times.median_seconds_since_previous_step as decimal(18, 2)) as median_seconds_since_previous_step
    from top_paths
    inner join step_times
        on
            top_paths.period_start = step_times.period_start
            and top_paths.path_rank = step_times.path_rank

)

select * from final
