{#- The body of a quarantine model: the raw rows of `base_model` that could
    not be cleaned, with the raw key, the reason code and every raw column
    as it arrived. The base model carries no raw text (it would widen every
    row it sorts and store personal data past the raw schema), so the raw
    columns are read from the source again: a row of a record with several
    raw rows, or without a key, by its identity (cx_row_identity), one
    source row per identity since rows equal in every column share it and
    hold the same values; a record's only raw row, which the base model
    gives no identity (cx_ranked_row_identity), by its key. Only the source
    rows whose key, read as the base model reads it (cx_version_key), is
    the key of a quarantined row (or empty, as a null_key row's is) are
    read. Inner joins, so a row not found again would be missing from the
    quarantine and the no-loss test (assert_no_raw_row_lost) would say so. -#}
{% macro cx_quarantine_select(base_model, source_name, table_name) -%}
    {%- set columns = cx_source_columns(source_name, table_name) -%}
    {%- set key = columns[0] -%}
with

base as (

    select
        {{ key }} as record_key,
        coalesce(row_identity, {{ dbt.concat(["'key:'", key]) }}) as match_key,
        quarantine_reason
    from {{ ref(base_model) }}
    where row_status = 'quarantined'

),

source as (

    select raw_table.*
    from {{ source(source_name, table_name) }} as raw_table
    where {{ cx_version_key('raw_table', key) }}
        in (select coalesce(base.record_key, '') from base)

),

identified as (

    select
        {{ cx_row_identity(source_name, table_name) }} as row_identity,
        {{ dbt.concat(["'key:'", cx_version_key('source', key)]) }} as key_match,
        {%- for column in columns %}
        source.{{ column }} as raw_{{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from source

),

matches as (

    -- the raw row each quarantined row stands for: by identity or by key
    select
        identified.row_identity as match_key,
        identified.row_identity
    from identified
    where identified.row_identity in (select base.match_key from base)
    union
    select
        identified.key_match as match_key,
        identified.row_identity
    from identified
    where identified.key_match in (select base.match_key from base)

),

raw_rows as (

    select distinct identified.*
    from identified
    where identified.row_identity in (select matches.row_identity from matches)

),

final as (

    select
        raw_rows.raw_{{ key }} as raw_key,
        base.quarantine_reason,
        {%- for column in columns %}
        raw_rows.raw_{{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from base
    inner join matches
        on base.match_key = matches.match_key
    inner join raw_rows
        on matches.row_identity = raw_rows.row_identity

)

select * from final
{%- endmacro %}
