{#- The body of a quarantine model: the raw rows of `base_model` that could
    not be cleaned, with the raw key, the reason code and every raw column
    as it arrived. The base model keeps no personal raw text
    (cx_raw_columns), so those columns are read from the source, joined on
    the row's identity (cx_row_identity): one source row per identity, since
    rows equal in every column share it and hold the same values. An inner
    join, so a row not found again would be missing from the quarantine and
    the no-loss test (assert_no_raw_row_lost) would say so. -#}
{% macro cx_quarantine_select(base_model, source_name, table_name) -%}
    {%- set columns = cx_source_columns(source_name, table_name) -%}
    {%- set personal = cx_personal_columns(source_name, table_name) -%}
with

base as (

    select * from {{ ref(base_model) }}
    where row_status = 'quarantined'

),
{%- if personal %}

source as (

    -- only the raw rows that share their raw key text with a quarantined
    -- row can be one: the identity is computed on those alone
    select * from {{ source(source_name, table_name) }}
    {%- if columns[0] not in personal %}
    where coalesce({{ columns[0] }}, '') in (select coalesce(base.raw_{{ columns[0] }}, '') from base)
    {%- endif %}

),

identified as (

    select
        {{ cx_row_identity(source_name, table_name) }} as row_identity,
        {%- for column in personal %}
        source.{{ column }} as raw_{{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from source

),

personal_raw as (

    select distinct identified.*
    from identified
    where identified.row_identity in (select base.row_identity from base)

),
{%- endif %}

final as (

    select
        base.raw_{{ columns[0] }} as raw_key,
        base.quarantine_reason,
        {%- for column in columns %}
        {{ 'personal_raw' if column in personal else 'base' }}.raw_{{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from base
    {%- if personal %}
    inner join personal_raw
        on base.row_identity = personal_raw.row_identity
    {%- endif %}

)

select * from final
{%- endmacro %}
