{#- Generic test: each listed column holds only its accepted values (nulls
    pass, as in accepted_values), checked in one pass over the model however
    many columns are listed: an accepted_values test per column reads the
    model once each, and on the views over a hundred million message rows
    that is a scan per column. A column's accepted values are given in
    `values`, or, for the `columns` named with a `contract_table` (such as
    helpdesk.tickets), read from the raw data contract
    (cx_contract_allowed_values), where staging reads them too. Returns one
    row per column and value that is not accepted, with how many rows hold
    it. -#}
{% test cx_accepted_values_columns(model, values={}, contract_table=none, columns=[]) %}

{%- if columns and not contract_table %}
    {{ exceptions.raise_compiler_error(
        "cx_accepted_values_columns: `columns` " ~ columns | join(', ')
        ~ " needs the `contract_table` whose raw columns they check") }}
{%- endif %}
{%- set values = dict(values) %}
{%- set contract = cx_contract_allowed_values() %}
{%- for column in columns %}
    {%- set key = contract_table ~ '.' ~ column %}
    {%- if key not in contract %}
        {{ exceptions.raise_compiler_error(
            "cx_accepted_values_columns: no allowed values for " ~ key ~ " in the raw data contract") }}
    {%- endif %}
    {%- do values.update({column: contract[key]}) %}
{%- endfor %}
{%- if not values %}
    {{ exceptions.raise_compiler_error("cx_accepted_values_columns: no column to check (`values` or `columns`)") }}
{%- endif %}

{%- set text = dbt.type_string() %}

with

unexpected as (

    -- the rows holding a value not accepted in some column, each column
    -- read as that value or empty
    select
        {%- for column, accepted in values.items() %}
        case
            when cast({{ column }} as {{ text }}) not in {{ cx_literal_list(accepted) }}
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
