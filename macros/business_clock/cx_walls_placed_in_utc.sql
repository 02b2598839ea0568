{#- A subquery: every row and column of `relation`, plus, for each column
    named in `wall_columns` (a local wall-clock time written as if it were
    UTC, in epoch seconds; e.g. 2025-03-30 02:30 local is the epoch of
    2025-03-30 02:30 UTC), the UTC instant it stands for in the time zone of
    column `zone_column`, as <column>_utc_epoch.

    Local to UTC is ambiguous twice a year; the rule is that of Python's
    zoneinfo with fold=0, which PostgreSQL and java.time share:
      - a wall time in the spring-forward gap (02:30 in Paris on the last
        Sunday of March) is read with the offset in force before the gap,
        i.e. it lands one gap later (03:30 CEST);
      - a wall time repeated at fall-back is its first occurrence.
    Engines disagree when asked directly, so the rule is computed from
    UTC-to-local conversions only, which are never ambiguous: take the
    offsets in force a day before and a day after, try each, and keep the
    one that reads back to itself (the one before when both do, or when
    neither does). Each step is its own level of the subquery, so no
    expression nests another conversion (Spark compiles small ones). -#}
{% macro cx_walls_placed_in_utc(relation, zone_column, wall_columns) -%}
    (
        select
            checked.*,
            {%- for wall in wall_columns %}
                case
                    when checked.{{ wall }}__before = checked.{{ wall }}__after
                        then checked.{{ wall }} - checked.{{ wall }}__before
                    when checked.{{ wall }}__reads_before = checked.{{ wall }}__before
                        then checked.{{ wall }} - checked.{{ wall }}__before
                    when checked.{{ wall }}__reads_after = checked.{{ wall }}__after
                        then checked.{{ wall }} - checked.{{ wall }}__after
                    else checked.{{ wall }} - checked.{{ wall }}__before
                end as {{ wall }}_utc_epoch{{ ',' if not loop.last }}
            {%- endfor %}
        from (
            select
                offsets.*,
                {%- for wall in wall_columns %}
                    {{ cx_utc_offset_seconds('offsets.' ~ wall ~ ' - offsets.' ~ wall ~ '__before', 'offsets.' ~ zone_column) }}
                        as {{ wall }}__reads_before,
                    {{ cx_utc_offset_seconds('offsets.' ~ wall ~ ' - offsets.' ~ wall ~ '__after', 'offsets.' ~ zone_column) }}
                        as {{ wall }}__reads_after{{ ',' if not loop.last }}
                {%- endfor %}
            from (
                select
                    walls.*,
                    {%- for wall in wall_columns %}
                        {{ cx_utc_offset_seconds('walls.' ~ wall ~ ' - 86400', 'walls.' ~ zone_column) }} as {{ wall }}__before,
                        {{ cx_utc_offset_seconds('walls.' ~ wall ~ ' + 86400', 'walls.' ~ zone_column) }}
                            as {{ wall }}__after{{ ',' if not loop.last }}
                    {%- endfor %}
                from {{ relation }} as walls
            ) as offsets
        ) as checked
    )
{%- endmacro %}
