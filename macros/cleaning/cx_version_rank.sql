{#- 1 for the latest extract of a record, 2 for the one before, …, by parsed
    `updated_at`. An extract whose `updated_at` is empty or unreadable ranks
    first: it may be the newest, so no older extract may stand in for it
    (cx_record_checks quarantines it and the others are duplicates). Two
    extracts with the same `updated_at` are ordered by their row identity
    (cx_row_identity), so the result depends neither on file order nor on
    the engine; exact doubles share it and are interchangeable. Used by
    every base model, through cx_ranked_versions. -#}
{% macro cx_version_rank(key_column) -%}
    row_number() over (
        partition by {{ key_column }}
        order by updated_at desc nulls first, row_identity desc
    )
{%- endmacro %}

{#- The key a raw row's record is counted under before any parsing: the key
    column read as the base model reads it (null spellings, then
    cx_clean_text, as cx_read_key reads them), and '' for a row without one (a cleaned key is never
    empty), so that rows without a key count as one record, as the window
    of cx_version_rank partitions them. -#}
{% macro cx_version_key(relation, key_column) -%}
    coalesce({{ cx_read_key(relation ~ '.' ~ key_column) }}, '')
{%- endmacro %}

{#- The body of a CTE of raw rows with `has_versions`: true for a row whose
    record has more than one raw row (cx_version_key), or that has no key,
    as listed in `versioned_keys`, the CTE cx_versioned_keys fills. These
    rows are ranked by a window and carry their row identity
    (cx_ranked_row_identity); the others rank 1 and are known by their key. -#}
{% macro cx_mark_versions(relation, key_column) -%}
    select
        {{ relation }}.*,
        versioned_keys.version_key is not null as has_versions
    from {{ relation }}
    left join versioned_keys
        on {{ cx_version_key(relation, key_column) }} = versioned_keys.version_key
{%- endmacro %}

{#- The body of the CTE `versioned_keys`: the records with more than one raw
    row in `relation`, and '' if some rows have no key (a keyless row's
    record key is its row identity, which it needs even when alone). Most
    records have one raw row: only the others need ranking. -#}
{% macro cx_versioned_keys(relation, key_column) -%}
    select {{ cx_version_key(relation, key_column) }} as version_key
    from {{ relation }}
    group by {{ cx_version_key(relation, key_column) }}
    having count(*) > 1 or {{ cx_version_key(relation, key_column) }} = ''
{%- endmacro %}

{#- The body of the CTE `ranked`: every row of `relation` (which carries
    `has_versions`, cx_mark_versions) with its `version_rank`. A row alone in
    its record ranks 1 without a window; only the rows of records with
    several raw rows are sorted (cx_version_rank). At 10 million tickets the
    window over every message row spilled about 18 GB to disk. `relation` is
    read twice: declare it with cx_inline_cte, so the engine filters the
    rows before parsing them rather than storing them all. -#}
{% macro cx_ranked_versions(relation, key_column) -%}
    select
        {{ relation }}.*,
        cast(1 as {{ dbt.type_bigint() }}) as version_rank
    from {{ relation }}
    where not {{ relation }}.has_versions
    union all
    select
        {{ relation }}.*,
        {{ cx_version_rank(key_column) }} as version_rank
    from {{ relation }}
    where {{ relation }}.has_versions
{%- endmacro %}
