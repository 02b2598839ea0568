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

findings as (

    {{ cx_unfold_columns('counted', columns, 'null_rows_', 'null_rows') }}

)

select * from findings
where null_rows > 0

{% endtest %}
