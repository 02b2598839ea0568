{#- The body of a quarantine model: the raw rows of `base_model` that could
    not be cleaned, with the raw key, the reason code and every raw column
    as it arrived. The base model carries no raw text (it would widen every
    row it sorts and store personal data past the raw schema), so the raw
    columns are read from the source, joined on the row's identity
    (cx_row_identity): one source row per identity, since rows equal in every
    column share it and hold the same values. The identity is computed only
    on the source rows whose key, read as the base model reads it, is the
    key of a quarantined row (or empty, as a null_key row's is). An inner
    join, so a row not found again would be missing from the quarantine and
    the no-loss test (assert_no_raw_row_lost) would say so. -#}
{% macro cx_quarantine_select(base_model, source_name, table_name) -%}
    {%- set columns = cx_source_columns(source_name, table_name) -%}
    {%- set key = columns[0] -%}
with

base as (

    select
        {{ key }} as record_key,
        row_identity,
        quarantine_reason
    from {{ ref(base_model) }}
    where row_status = 'quarantined'

),

source as (

    select * from {{ source(source_name, table_name) }}
    where coalesce({{ cx_clean_text(cx_read_null(key)) }}, '')
        in (select coalesce(base.record_key, '') from base)

),

identified as (

    select
        {{ cx_row_identity(source_name, table_name) }} as row_identity,
        {%- for column in columns %}
        source.{{ column }} as raw_{{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from source

),

raw_rows as (

    select distinct identified.*
    from identified
    where identified.row_identity in (select base.row_identity from base)

),

final as (

    select
        raw_rows.raw_{{ key }} as raw_key,
        base.quarantine_reason,
        {%- for column in columns %}
        raw_rows.raw_{{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from base
    inner join raw_rows
        on base.row_identity = raw_rows.row_identity

)

select * from final
{%- endmacro %}
