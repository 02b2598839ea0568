{#- Generic test: each column of `values` holds only its accepted values
    (nulls pass, as in accepted_values), checked in one pass over the model
    however many columns are listed: an accepted_values test per column
    reads the model once each, and on the views over a hundred million
    message rows that is a scan per column. Returns one row per column and
    value that is not accepted, with how many rows hold it. -#}
{% test cx_accepted_values_columns(model, values) %}

{%- set text = dbt.type_string() %}

with

unexpected as (

    -- the rows holding a value not accepted in some column, each column
    -- read as that value or empty
    select
        {%- for column, accepted in values.items() %}
        case
            when cast({{ column }} as {{ text }}) not in (
                {%- for value in accepted %}'{{ value }}'{{ ", " if not loop.last }}{% endfor -%}
            )
                then cast({{ column }} as {{ text }})
        end as unexpected_{{ loop.index0 }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ model }}

),

grouped as (

    select
        {%- for column in values %}
        unexpected_{{ loop.index0 }},
        {%- endfor %}
        count(*) as unexpected_rows
    from unexpected
    where
        {%- for column in values %}
        {{ "or " if not loop.first }}unexpected_{{ loop.index0 }} is not null
        {%- endfor %}
    group by
        {%- for column in values %}
        unexpected_{{ loop.index0 }}{{ "," if not loop.last }}
        {%- endfor %}

),

unfolded as (

    {{ cx_unfold_columns('grouped', values | list, 'unexpected_', 'unexpected_value', ['unexpected_rows']) }}

),

findings as (

    select
        column_name,
        unexpected_value,
        sum(unexpected_rows) as unexpected_rows
    from unfolded
    where unexpected_value is not null
    group by column_name, unexpected_value

)

select * from findings

{% endtest %}
