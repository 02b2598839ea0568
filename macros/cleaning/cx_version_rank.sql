{#- 1 for the latest extract of a record, 2 for the one before, …, by parsed
    `updated_at`. An extract whose `updated_at` is empty or unreadable ranks
    first: it may be the newest, so no older extract may stand in for it
    (cx_record_checks quarantines it and the others are duplicates). Two
    extracts with the same `updated_at` are ordered by their row identity
    (cx_row_identity), so the result depends neither on file order nor on
    the engine; exact doubles share it and are interchangeable. Used by
    every base model. -#}
{% macro cx_version_rank(key_column) -%}
    row_number() over (
        partition by {{ key_column }}
        order by updated_at desc nulls first, row_identity desc
    )
{%- endmacro %}
