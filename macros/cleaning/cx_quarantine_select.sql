{#- The body of a quarantine model: the raw rows of `base_model` that could
    not be cleaned, with the raw key, the reason code and every raw column
    as it arrived. The base model keeps no personal raw text
    (cx_raw_columns), so those columns are read from the source, joined on
    the row's identity (row_fingerprint and cx_row_occurrence); an inner
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

    select * from {{ source(source_name, table_name) }}

),

personal_raw as (

    select
        {{ cx_row_fingerprint(source_name, table_name) }} as row_fingerprint,
        {{ cx_row_occurrence(source_name, table_name) }} as row_occurrence,
        {%- for column in personal %}
        source.{{ column }} as raw_{{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from source

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
        on
            base.row_fingerprint = personal_raw.row_fingerprint
            and base.row_occurrence = personal_raw.row_occurrence
    {%- endif %}

)

select * from final
{%- endmacro %}
