{#- A share as every mart publishes it: 100 x numerator / denominator, as
    decimal(7, 2) (0-100 with two decimals), empty when the denominator is
    0 or empty - never a division by zero, never a made-up zero. -#}
{% macro cx_percent(numerator, denominator) -%}
    cast(100.0 * {{ numerator }} / nullif({{ denominator }}, 0) as decimal(7, 2))
{%- endmacro %}
