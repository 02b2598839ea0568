{#- Capture group `group` of the first match of `pattern` in `expr`, or null
    when there is no match (every engine: DuckDB and Spark return an empty
    string, which is turned into null). -#}
{% macro cx_regex_extract(expr, pattern, group=1) -%}
    {{ return(adapter.dispatch('cx_regex_extract', 'cx_metrics')(expr, pattern, group)) }}
{%- endmacro %}

{% macro default__cx_regex_extract(expr, pattern, group) -%}
    nullif(regexp_extract({{ expr }}, '{{ pattern }}', {{ group }}), '')
{%- endmacro %}

{% macro postgres__cx_regex_extract(expr, pattern, group) -%}
    nullif((regexp_match({{ expr }}, '{{ pattern }}'))[{{ group }}], '')
{%- endmacro %}
