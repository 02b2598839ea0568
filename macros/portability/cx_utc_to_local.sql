{#- The local wall-clock time, in IANA time zone `zone_expr` (a literal or a
    column), of the UTC timestamp `timestamp_expr`. UTC to local is never
    ambiguous, so every engine agrees; the reverse (local to UTC) is done
    once, by rule, in cx_walls_placed_in_utc. -#}
{% macro cx_utc_to_local(timestamp_expr, zone_expr) -%}
    {{ return(adapter.dispatch('cx_utc_to_local', 'cx_metrics')(timestamp_expr, zone_expr)) }}
{%- endmacro %}

{% macro default__cx_utc_to_local(timestamp_expr, zone_expr) -%}
    (({{ timestamp_expr }}) at time zone 'UTC') at time zone ({{ zone_expr }})
{%- endmacro %}

{% macro duckdb__cx_utc_to_local(timestamp_expr, zone_expr) -%}
    timezone({{ zone_expr }}, timezone('UTC', {{ timestamp_expr }}))
{%- endmacro %}

{% macro spark__cx_utc_to_local(timestamp_expr, zone_expr) -%}
    from_utc_timestamp({{ timestamp_expr }}, {{ zone_expr }})
{%- endmacro %}
