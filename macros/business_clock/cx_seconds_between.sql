{#- Seconds from `start_expr` to `end_expr` (epoch seconds or clock
    readings), never negative: an end stamped before its start (two
    systems' clocks) counts 0. Null when either is null; written with case
    because greatest() skips nulls on PostgreSQL and Spark. -#}
{% macro cx_seconds_between(start_expr, end_expr) -%}
    case
        when ({{ start_expr }}) is not null and ({{ end_expr }}) is not null
            then case when ({{ end_expr }}) > ({{ start_expr }}) then ({{ end_expr }}) - ({{ start_expr }}) else 0 end
    end
{%- endmacro %}
