{#- The first day (a date, in the reporting time zone, var
    reporting_time_zone) of the `grain` period (day, week - ISO, starting
    Monday - or month) holding the UTC timestamp `timestamp_expr` - or,
    with is_local_date, holding a date already in the reporting time zone
    (a billing date, a month start), which is not converted. -#}
{% macro cx_period_start(grain, timestamp_expr, is_local_date=false) -%}
    {%- if grain not in ('day', 'week', 'month') -%}
        {{ exceptions.raise_compiler_error("Unknown period grain `" ~ grain ~ "`: day, week or month.") }}
    {%- endif -%}
    {%- set local = timestamp_expr if is_local_date or var('reporting_time_zone') == 'UTC'
        else cx_utc_to_local(timestamp_expr, cx_string_literal(var('reporting_time_zone'))) -%}
    cast({{ dbt.date_trunc(grain, local) }} as date)
{%- endmacro %}
