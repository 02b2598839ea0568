{#- Trimmed text, with empty strings turned into null. -#}
{% macro cx_clean_text(expr) -%}
    nullif({{ cx_trim(expr) }}, '')
{%- endmacro %}
