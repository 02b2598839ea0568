{#- Text to a date, or null when empty or invalid. Accepts `2024-03-10`,
    `10/03/2024` (day first), and any timestamp form cx_parse_timestamp
    accepts (its UTC date is taken). -#}
{% macro cx_parse_date(expr) -%}
    cast({{ cx_parse_timestamp(expr) }} as date)
{%- endmacro %}
