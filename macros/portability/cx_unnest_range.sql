{#- A select-list expression that repeats its row once for each integer n
    with lower <= n < upper, holding n. Rows with upper <= lower must be
    filtered out before (Spark's sequence counts down). -#}
{% macro cx_unnest_range(lower, upper) -%}
    {{ return(adapter.dispatch('cx_unnest_range', 'cx_metrics')(lower, upper)) }}
{%- endmacro %}

{% macro default__cx_unnest_range(lower, upper) -%}
    generate_series({{ lower }}, {{ upper }} - 1)
{%- endmacro %}

{% macro duckdb__cx_unnest_range(lower, upper) -%}
    unnest(range({{ lower }}, {{ upper }}))
{%- endmacro %}

{% macro spark__cx_unnest_range(lower, upper) -%}
    explode(sequence({{ lower }}, {{ upper }} - 1))
{%- endmacro %}
