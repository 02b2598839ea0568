{#- Which of the raw rows sharing a row fingerprint this one is (1, 2, …),
    ordered by every contract column. With the fingerprint it identifies a
    raw row without its personal values: the base model of a table with
    personal columns keeps the pair, and the quarantine model finds the raw
    row again in the source by computing the same pair there. Rows equal in
    every column are interchangeable, so which of them gets which number does
    not matter; rows that differ are always numbered the same way. -#}
{% macro cx_row_occurrence(source_name, table_name, relation_alias='source') -%}
    row_number() over (
        partition by {{ cx_row_fingerprint(source_name, table_name, relation_alias) }}
        order by
            {%- for column in cx_source_columns(source_name, table_name) %}
            {{ relation_alias }}.{{ column }}{{ "," if not loop.last }}
            {%- endfor %}
    )
{%- endmacro %}
