{#- The first branches of every base model's quarantine `case`: checks that
    apply to every extract of a record (an empty key; an empty or unreadable
    `updated_at`: neither can be ranked), then older extracts stop being
    checked (they are duplicates whatever their content). An extract without
    a readable `updated_at` ranks first (cx_version_rank), so its record is
    quarantined rather than staged from an older extract. The model's own
    checks follow and apply to the latest extract only. `prefix` is the
    relation alias with its dot, when the model joins. -#}
{% macro cx_record_checks(key_column, prefix='') -%}
    when {{ prefix }}{{ key_column }} is null then 'null_key'
            when {{ prefix }}updated_at is null then 'invalid_timestamp'
            when {{ prefix }}version_rank > 1 then null
{%- endmacro %}
