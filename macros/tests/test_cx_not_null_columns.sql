{#- Generic test: none of `columns` holds a null, checked in one pass over
    the model however many columns are listed (a not_null test per column
    reads the model once each: on the tables of a hundred million rows
    that is a scan per column). Returns one row per column holding nulls,
    with how many. -#}
{% test cx_not_null_columns(model, columns) %}

with

counted as (

    select
        {%- for column in columns %}
        count(*) - count({{ column }}) as null_rows_{{ loop.index0 }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ model }}

),

checks as (

    {%- for column in columns %}
    select
        {{ loop.index0 }} as check_number,
        '{{ column }}' as column_name
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

findings as (

    select
        checks.column_name,
        case
            {%- for column in columns %}
            when checks.check_number = {{ loop.index0 }} then counted.null_rows_{{ loop.index0 }}
            {%- endfor %}
        end as null_rows
    from counted
    cross join checks

)

select * from findings
where null_rows > 0

{% endtest %}
