{#- Number of days in month `month_expr` of year `year_expr` (integers),
    with the Gregorian leap-year rule. -#}
{% macro cx_days_in_month(year_expr, month_expr) -%}
    case
        when ({{ month_expr }}) in (4, 6, 9, 11) then 30
        when ({{ month_expr }}) = 2
            then case
                when mod({{ year_expr }}, 400) = 0 then 29
                when mod({{ year_expr }}, 100) = 0 then 28
                when mod({{ year_expr }}, 4) = 0 then 29
                else 28
            end
        else 31
    end
{%- endmacro %}
