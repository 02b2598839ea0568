{#- The UTC instant (seconds since the Unix epoch) of a local wall-clock
    time in IANA time zone `zone_expr`. `wall_epoch_expr` is the wall time
    written as if it were UTC (e.g. 2025-03-30 02:30 local is the epoch of
    2025-03-30 02:30 UTC).

    Local to UTC is ambiguous twice a year; the rule is that of Python's
    zoneinfo with fold=0, which PostgreSQL and java.time share:
      - a wall time in the spring-forward gap (02:30 in Paris on the last
        Sunday of March) is read with the offset in force before the gap,
        i.e. it lands one gap later (03:30 CEST);
      - a wall time repeated at fall-back is its first occurrence.
    Engines disagree when asked directly, so the rule is computed here from
    UTC-to-local conversions only, which are never ambiguous: take the
    offsets in force a day before and a day after, try each, and keep the
    one that reads back to itself (the earlier one when both do, the
    offset before the change when neither does). -#}
{% macro cx_wall_to_utc_epoch(wall_epoch_expr, zone_expr) -%}
    {%- set wall = '(' ~ wall_epoch_expr ~ ')' -%}
    {%- set offset_before = cx_utc_offset_seconds(wall ~ ' - 86400', zone_expr) -%}
    {%- set offset_after = cx_utc_offset_seconds(wall ~ ' + 86400', zone_expr) -%}
    {%- set with_before = '(' ~ wall ~ ' - ' ~ offset_before ~ ')' -%}
    {%- set with_after = '(' ~ wall ~ ' - ' ~ offset_after ~ ')' -%}
    case
        when {{ offset_before }} = {{ offset_after }} then {{ with_before }}
        when {{ cx_utc_offset_seconds(with_before, zone_expr) }} = {{ offset_before }} then {{ with_before }}
        when {{ cx_utc_offset_seconds(with_after, zone_expr) }} = {{ offset_after }} then {{ with_after }}
        else {{ with_before }}
    end
{%- endmacro %}
