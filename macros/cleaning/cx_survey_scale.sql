{#- A survey scale in canonical form: trimmed, lower case, without spaces
    (" 0 - 10" -> "0-10", "YES_NO" -> "yes_no"); empty is null. -#}
{% macro cx_survey_scale(expr) -%}
    nullif(replace(lower({{ cx_trim(expr) }}), ' ', ''), '')
{%- endmacro %}
