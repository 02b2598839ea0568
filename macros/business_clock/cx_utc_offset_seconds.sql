{#- Seconds east of UTC in force in time zone `zone_expr` at the instant
    `utc_epoch_expr` (seconds since the Unix epoch, UTC). -#}
{% macro cx_utc_offset_seconds(utc_epoch_expr, zone_expr) -%}
    ({{ cx_epoch_seconds(cx_utc_to_local(cx_add_seconds(cx_epoch_start(), utc_epoch_expr), zone_expr)) }}
    - ({{ utc_epoch_expr }}))
{%- endmacro %}
