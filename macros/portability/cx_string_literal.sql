{#- A SQL string literal holding `value` exactly. Spark reads backslashes in
    literals as escapes, so they are doubled there; the other engines keep
    them as they are (standard strings). -#}
{% macro cx_string_literal(value) -%}
    {{ return(adapter.dispatch('cx_string_literal', 'cx_metrics')(value)) }}
{%- endmacro %}

{% macro default__cx_string_literal(value) -%}
    '{{ value | replace("'", "''") }}'
{%- endmacro %}

{% macro spark__cx_string_literal(value) -%}
    '{{ value | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}
