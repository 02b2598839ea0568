{#- True when a raw text value is present but could not be parsed: the
    parsed value is null although the raw text is neither empty nor a null
    spelling (cx_read_null). -#}
{% macro cx_is_unreadable(raw_expr, parsed_expr) -%}
    ({{ cx_clean_text(cx_read_null(raw_expr)) }} is not null and {{ parsed_expr }} is null)
{%- endmacro %}
