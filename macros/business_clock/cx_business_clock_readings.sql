{#- The business clock read at many instants at once. `instants` names a
    CTE or relation with one row per (calendar_id, instant_epoch), the
    instant in UTC seconds since the Unix epoch. Returns a subquery with
    calendar_id, instant_epoch and business_epoch: the business seconds the
    calendar had been open, counted from the start of its clock, at that
    instant. Business seconds between two instants of one calendar are the
    difference of their readings.

    Each instant is placed among the calendar's openings by one sort: the
    last opening starting at or before it is the running maximum of opening
    starts, joined back by equality. No cross join with a weekly schedule,
    no horizon: a span of years costs what a span of minutes does. An
    instant outside the clock's days reads null. -#}
{% macro cx_business_clock_readings(instants) -%}
    {{ return(adapter.dispatch('cx_business_clock_readings', 'cx_metrics')(instants)) }}
{%- endmacro %}

{% macro default__cx_business_clock_readings(instants) -%}
    {%- set openings = ref('int_business_openings') -%}
    (
        select
            placed.calendar_id,
            placed.instant_epoch,
            {{ cx_business_clock_reading('placed.instant_epoch') }} as business_epoch
        from (
            select
                calendar_id,
                at_epoch as instant_epoch,
                is_instant,
                max(open_epoch) over (
                    partition by calendar_id
                    order by at_epoch, is_instant
                    rows between unbounded preceding and current row
                ) as last_open_epoch
            from (
                select
                    calendar_id,
                    open_epoch as at_epoch,
                    open_epoch,
                    0 as is_instant
                from {{ openings }}
                union all
                select
                    calendar_id,
                    instant_epoch as at_epoch,
                    cast(null as {{ dbt.type_bigint() }}) as open_epoch,
                    1 as is_instant
                from {{ instants }}
            ) as timeline
        ) as placed
        left join {{ openings }} as openings
            on
                placed.calendar_id = openings.calendar_id
                and placed.last_open_epoch = openings.open_epoch
        left join {{ cx_business_clock_coverage() }} as coverage
            on placed.calendar_id = coverage.calendar_id
        where placed.is_instant = 1
    )
{%- endmacro %}

{#- DuckDB has an as-of join, which finds each instant's last opening
    without sorting the instants among the openings: same readings, about
    half the time on a million instants (make bench). -#}
{% macro duckdb__cx_business_clock_readings(instants) -%}
    {%- set openings = ref('int_business_openings') -%}
    (
        select
            instants.calendar_id,
            instants.instant_epoch,
            {{ cx_business_clock_reading('instants.instant_epoch') }} as business_epoch
        from {{ instants }} as instants
        asof left join {{ openings }} as openings
            on
                instants.calendar_id = openings.calendar_id
                and instants.instant_epoch >= openings.open_epoch
        left join {{ cx_business_clock_coverage() }} as coverage
            on instants.calendar_id = coverage.calendar_id
    )
{%- endmacro %}

{#- The reading at `instant` (an epoch column) from the opening the instant
    falls in or after (alias `openings`, a row of int_business_openings) and
    the calendar's coverage (alias `coverage`): the business seconds before
    that opening plus the part of it already gone; 0 before the calendar's
    first opening; null outside the clock's days. -#}
{% macro cx_business_clock_reading(instant) -%}
    case
        when {{ instant }} >= coverage.first_epoch and {{ instant }} < coverage.end_epoch
            then coalesce(
                openings.seconds_open_before
                + least({{ instant }} - openings.open_epoch, openings.open_seconds),
                0
            )
    end
{%- endmacro %}

{#- The span each calendar's clock covers, as a subquery: calendar_id,
    first_epoch (its first local midnight) and end_epoch (the end of its
    last day), from int_business_calendar_days. -#}
{% macro cx_business_clock_coverage() -%}
    (
        select
            calendar_id,
            min(day_start_epoch) as first_epoch,
            max(day_end_epoch) as end_epoch
        from {{ ref('int_business_calendar_days') }}
        group by calendar_id
    )
{%- endmacro %}
