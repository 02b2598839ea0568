{#- A subquery: for each period grain (day, week, month) and each period
    holding a value of `timestamp` in `events`, the period's end as UTC
    epoch seconds (period_end_epoch): the first instant of the next period
    in the reporting time zone (var reporting_time_zone). Columns:
    period_grain, period_start, period_end_epoch. For measures taken at
    each period's end (tickets awaiting a first response, complaints
    pending). -#}
{% macro cx_period_ends(events, timestamp) -%}
    {%- set periods -%}
        (
            {%- for grain in ['day', 'week', 'month'] %}
                select distinct
                    '{{ grain }}' as period_grain,
                    {{ cx_period_start(grain, timestamp) }} as period_start
                from {{ events }}
                where {{ timestamp }} is not null
                {%- if not loop.last %}
                    union all
                {%- endif %}
            {%- endfor %}
        )
    {%- endset -%}
    {{ cx_period_ends_of(periods) }}
{%- endmacro %}

{#- A subquery: one row per row of `periods` (a relation or subquery with
    columns period_grain - day, week or month - and period_start, a date in
    the reporting time zone, var reporting_time_zone) with the period's end
    as period_end_epoch: the UTC epoch seconds of the next period's first
    instant, local midnights placed in UTC by cx_walls_placed_in_utc. -#}
{% macro cx_period_ends_of(periods) -%}
    {%- set next_period_start -%}
        case next_periods.period_grain
            when 'day' then {{ dbt.dateadd('day', 1, 'next_periods.period_start') }}
            when 'week' then {{ dbt.dateadd('day', 7, 'next_periods.period_start') }}
            else {{ dbt.dateadd('month', 1, 'next_periods.period_start') }}
        end
    {%- endset -%}
    {%- set walls -%}
        (
            select
                next_periods.period_grain,
                next_periods.period_start,
                {{ cx_string_literal(var('reporting_time_zone')) }} as time_zone,
                {{ dbt.datediff("cast('1970-01-01' as date)", next_period_start, 'day') }} * 86400 as end_wall_epoch
            from {{ periods }} as next_periods
        )
    {%- endset -%}
    (
        select
            placed_walls.period_grain,
            placed_walls.period_start,
            placed_walls.end_wall_epoch_utc_epoch as period_end_epoch
        from {{ cx_walls_placed_in_utc(walls, 'time_zone', ['end_wall_epoch']) }} as placed_walls
    )
{%- endmacro %}
