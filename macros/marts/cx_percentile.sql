{#- The `fraction` percentile (0.5 for the median, 0.9 for p90) of
    `expr` over the group, interpolated linearly between ranks like
    PostgreSQL's percentile_cont, on every engine. -#}
{% macro cx_percentile(expr, fraction) -%}
    {{ return(adapter.dispatch('cx_percentile', 'cx_metrics')(expr, fraction)) }}
{%- endmacro %}

{% macro default__cx_percentile(expr, fraction) -%}
    percentile_cont({{ fraction }}) within group (order by {{ expr }})
{%- endmacro %}

{% macro spark__cx_percentile(expr, fraction) -%}
    percentile({{ expr }}, {{ fraction }})
{%- endmacro %}
