{#- True when a raw flag is present (not empty, not a null spelling) but is
    no boolean cx_parse_boolean can read (`maybe`, `oui`, `2`): such a flag
    is quarantined rather than read as false. -#}
{% macro cx_is_unreadable_boolean(raw_expr) -%}
    {%- set text = 'lower(' ~ cx_trim(raw_expr) ~ ')' -%}
    ({{ cx_clean_text(cx_read_null(raw_expr)) }} is not null and {{ text }} not in {{ cx_boolean_spellings(true) }} and {{ text }} not in {{ cx_boolean_spellings(false) }})
{%- endmacro %}
