{#- `timestamp_expr` plus `seconds_expr` seconds (may be negative); null in,
    null out on every engine (dbt-spark's dateadd raises on nulls). -#}
{% macro cx_add_seconds(timestamp_expr, seconds_expr) -%}
    {{ return(adapter.dispatch('cx_add_seconds', 'cx_metrics')(timestamp_expr, seconds_expr)) }}
{%- endmacro %}

{% macro default__cx_add_seconds(timestamp_expr, seconds_expr) -%}
    {{ dbt.dateadd('second', seconds_expr, timestamp_expr) }}
{%- endmacro %}

{% macro spark__cx_add_seconds(timestamp_expr, seconds_expr) -%}
    timestamp_seconds(unix_seconds({{ timestamp_expr }}) + ({{ seconds_expr }}))
{%- endmacro %}
