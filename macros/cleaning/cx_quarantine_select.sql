{#- The body of a quarantine model: the raw rows of `base_model` that could
    not be cleaned, with the raw key, the reason code and every raw column
    as it arrived. -#}
{% macro cx_quarantine_select(base_model, source_name, table_name) -%}
    {%- set columns = cx_source_columns(source_name, table_name) -%}
with

base as (

    select * from {{ ref(base_model) }}

),

final as (

    select
        {% if columns | length > 0 -%}
        raw_{{ columns[0] }} as raw_key,
        {% endif -%}
        quarantine_reason,
        {%- for column in columns %}
        raw_{{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from base
    where row_status = 'quarantined'

)

select * from final
{%- endmacro %}
