{#- An enumeration value in canonical form: trimmed, lower case, spaces and
    hyphens as underscores ("On Hold" -> "on_hold"); empty is null. -#}
{% macro cx_normalise_enum(expr) -%}
    nullif(replace(replace(lower({{ cx_trim(expr) }}), ' ', '_'), '-', '_'), '')
{%- endmacro %}
