{#- 1 for the latest extract of a record (latest parsed `updated_at`, empty
    or unreadable last), 2 for the one before, …; exact doubles are told apart
    by the row fingerprint, so the result depends neither on file order nor
    on the engine. Used by every base model. -#}
{% macro cx_version_rank(key_column) -%}
    row_number() over (
        partition by {{ key_column }}
        order by updated_at desc nulls last, row_fingerprint desc
    )
{%- endmacro %}
