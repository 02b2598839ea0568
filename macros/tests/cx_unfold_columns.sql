{#- The body of a CTE unfolding a one-pass test's row of per-column
    results into one row per column: `relation` holds, for the n-th of
    `columns` (from 0), its result in `<prefix><n>`; each of its rows
    becomes one row per column, with the column's name (column_name), its
    result (as `value_name`), and the `carried` columns of `relation`. -#}
{% macro cx_unfold_columns(relation, columns, prefix, value_name, carried=[]) -%}
    select
        checks.column_name,
        case
            {%- for column in columns %}
            when checks.check_number = {{ loop.index0 }} then {{ relation }}.{{ prefix }}{{ loop.index0 }}
            {%- endfor %}
        end as {{ value_name }}
        {%- for column in carried %},
        {{ relation }}.{{ column }}
        {%- endfor %}
    from {{ relation }}
    cross join (
        {%- for column in columns %}
        select
            {{ loop.index0 }} as check_number,
            '{{ column }}' as column_name
        {%- if not loop.last %}
        union all
        {%- endif %}
        {%- endfor %}
    ) as checks
{%- endmacro %}
