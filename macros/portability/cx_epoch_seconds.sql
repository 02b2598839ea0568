{#- Seconds since 1970-01-01 00:00:00 of a timestamp, on every engine. -#}
{% macro cx_epoch_seconds(expr) -%}
    {{ dbt.datediff("cast('1970-01-01 00:00:00' as " ~ dbt.type_timestamp() ~ ")", expr, 'second') }}
{%- endmacro %}
