{#- The body of a CTE listing every key of a raw table that appears in the
    raw data at all (any extract, staged or not), with whether the record was
    staged. A reference to a key not in this set points to a record that
    does not exist (orphan_reference); a key present but not staged belongs
    to a quarantined record. `staged_columns` maps output names to columns of
    the staged version to carry along. -#}
{% macro cx_key_set(base_model, key_column, staged_columns={}) -%}
    select
        {{ key_column }},
        max(case when row_status = 'staged' then 1 else 0 end) as is_staged
        {%- for name, column in staged_columns.items() %},
        max(case when row_status = 'staged' then {{ column }} end) as {{ name }}
        {%- endfor %}
    from {{ ref(base_model) }}
    where {{ key_column }} is not null
    group by {{ key_column }}
{%- endmacro %}
