{#- Raw text as it should be read: null when it is empty after trimming or
    spells a missing value (`NULL`, `N/A`, `\N`, any case, and the other
    spellings of var `null_spellings`), else the text unchanged. -#}
{% macro cx_read_null(expr) -%}
    case when lower(trim({{ expr }})) in {{ cx_null_spellings() }} then null else {{ expr }} end
{%- endmacro %}
