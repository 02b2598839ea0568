{#- True when `expr` matches the regular expression `pattern` (searched
    anywhere in the string unless anchored). Patterns must avoid backslashes
    (Spark string literals treat them as escapes): use [0-9], [.], etc. -#}
{% macro cx_regex_matches(expr, pattern) -%}
    {{ return(adapter.dispatch('cx_regex_matches', 'cx_metrics')(expr, pattern)) }}
{%- endmacro %}

{% macro default__cx_regex_matches(expr, pattern) -%}
    regexp_matches({{ expr }}, '{{ pattern }}')
{%- endmacro %}

{% macro postgres__cx_regex_matches(expr, pattern) -%}
    ({{ expr }} ~ '{{ pattern }}')
{%- endmacro %}

{% macro spark__cx_regex_matches(expr, pattern) -%}
    ({{ expr }} rlike '{{ pattern }}')
{%- endmacro %}
