{#- The inverse of cx_business_clock_readings: the UTC instant at which a
    calendar's business clock reaches a reading. `requests` names a CTE or
    relation with one row per (calendar_id, due_business_epoch), the reading
    wanted: a start's reading plus a target in business seconds. Returns a
    subquery with calendar_id, due_business_epoch and due_epoch, the first
    instant at which that reading is reached (a target that ends exactly at
    a closing time is due at the closing time, not at the next opening). A
    reading beyond the clock's last opening is null.

    One sort again: the opening that reaches the reading is the one with the
    smallest cumulative seconds at its close at or above it, a running
    minimum taken in descending order. -#}
{% macro cx_business_clock_due_times(requests) -%}
    {{ return(adapter.dispatch('cx_business_clock_due_times', 'cx_metrics')(requests)) }}
{%- endmacro %}

{% macro default__cx_business_clock_due_times(requests) -%}
    {%- set openings = ref('int_business_openings') -%}
    (
        select
            placed.calendar_id,
            placed.due_business_epoch,
            openings.open_epoch + (placed.due_business_epoch - openings.seconds_open_before) as due_epoch
        from (
            select
                calendar_id,
                reading as due_business_epoch,
                is_request,
                min(seconds_open_through) over (
                    partition by calendar_id
                    order by reading desc, is_request asc
                    rows between unbounded preceding and current row
                ) as reaching_seconds_open_through
            from (
                select
                    calendar_id,
                    seconds_open_through as reading,
                    seconds_open_through,
                    0 as is_request
                from {{ openings }}
                union all
                select
                    calendar_id,
                    due_business_epoch as reading,
                    cast(null as {{ dbt.type_bigint() }}) as seconds_open_through,
                    1 as is_request
                from {{ requests }}
            ) as timeline
        ) as placed
        left join {{ openings }} as openings
            on
                placed.calendar_id = openings.calendar_id
                and placed.reaching_seconds_open_through = openings.seconds_open_through
        where placed.is_request = 1
    )
{%- endmacro %}

{#- DuckDB: the opening that reaches each reading by an as-of join on the
    cumulative seconds at its close (the smallest at or above the reading). -#}
{% macro duckdb__cx_business_clock_due_times(requests) -%}
    {%- set openings = ref('int_business_openings') -%}
    (
        select
            requests.calendar_id,
            requests.due_business_epoch,
            openings.open_epoch + (requests.due_business_epoch - openings.seconds_open_before) as due_epoch
        from {{ requests }} as requests
        asof left join {{ openings }} as openings
            on
                requests.calendar_id = openings.calendar_id
                and requests.due_business_epoch <= openings.seconds_open_through
    )
{%- endmacro %}
