{#- The first branches of every base model's quarantine `case`: checks that
    apply to every extract of a record (an empty key, an unreadable
    `updated_at`: neither can be ranked), then older extracts stop being
    checked (they are duplicates whatever their content). The model's own
    checks follow and apply to the latest extract only. `prefix` is the
    relation alias with its dot, when the model joins. -#}
{% macro cx_record_checks(key_column, prefix='') -%}
    when {{ prefix }}{{ key_column }} is null then 'null_key'
            when {{ cx_is_unreadable(prefix ~ 'raw_updated_at', prefix ~ 'updated_at') }} then 'invalid_timestamp'
            when {{ prefix }}version_rank > 1 then null
{%- endmacro %}
