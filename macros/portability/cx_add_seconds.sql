{#- `timestamp_expr` plus `seconds_expr` seconds (may be negative); null in,
    null out on every engine (dbt-spark's dateadd raises on nulls). -#}
{% macro cx_add_seconds(timestamp_expr, seconds_expr) -%}
    {{ return(adapter.dispatch('cx_add_seconds', 'cx_metrics')(timestamp_expr, seconds_expr)) }}
{%- endmacro %}

{% macro default__cx_add_seconds(timestamp_expr, seconds_expr) -%}
    {{ dbt.dateadd('second', seconds_expr, timestamp_expr) }}
{%- endmacro %}

{#- DuckDB multiplies an interval by a 32-bit integer: dbt.dateadd fails
    past 2,147,483,647 seconds (an epoch after January 2038). to_seconds
    builds the interval from a 64-bit count. -#}
{% macro duckdb__cx_add_seconds(timestamp_expr, seconds_expr) -%}
    ({{ timestamp_expr }} + to_seconds(cast({{ seconds_expr }} as {{ dbt.type_bigint() }})))
{%- endmacro %}

{% macro spark__cx_add_seconds(timestamp_expr, seconds_expr) -%}
    timestamp_seconds(unix_seconds({{ timestamp_expr }}) + ({{ seconds_expr }}))
{%- endmacro %}
