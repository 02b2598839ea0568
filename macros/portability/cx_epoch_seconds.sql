{#- The Unix epoch, 1970-01-01 00:00:00, as a timestamp on every engine. -#}
{% macro cx_epoch_start() -%}
    cast('1970-01-01 00:00:00' as {{ dbt.type_timestamp() }})
{%- endmacro %}

{#- Seconds since the Unix epoch of a timestamp, on every engine. -#}
{% macro cx_epoch_seconds(expr) -%}
    {{ dbt.datediff(cx_epoch_start(), expr, 'second') }}
{%- endmacro %}
