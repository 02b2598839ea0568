{#- A hash that tells apart any two raw rows that differ in any column: each
    value is written with its length before it (`v5:hello`), an empty one as
    `n`, so no two different rows give the same text (joining values with a
    separator cannot promise that). Rows equal in every column share it, and
    are interchangeable. It orders two extracts with the same `updated_at`
    (cx_version_rank), keys a row without a key, and stands for the raw
    text, which base models do not carry: the quarantine model finds the
    raw row again by computing it on the source (cx_quarantine_select).
    Base models compute it only on the rows that need it
    (cx_ranked_row_identity, below). -#}
{% macro cx_row_identity(source_name, table_name, relation_alias='source') -%}
    {%- set parts = [] -%}
    {%- for column in cx_source_columns(source_name, table_name) -%}
        {%- set value = relation_alias ~ '.' ~ column -%}
        {%- do parts.append(
            "coalesce(" ~ dbt.concat(["'v'", "cast(length(" ~ value ~ ") as " ~ dbt.type_string() ~ ")", "':'", value])
            ~ ", 'n')") -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro %}

{#- The row identity where a base model needs it: on the rows of a record
    with several raw rows (ties of cx_version_rank) and on the rows without
    a key (their record key), which cx_mark_versions marks has_versions;
    null on a record's only raw row, which its key identifies in the raw
    table (cx_quarantine_select finds it by the key). At 10 million tickets
    the hash of every raw column was the largest cost of parsing the
    messages, and 99 % of their rows are a record's only raw row. -#}
{% macro cx_ranked_row_identity(source_name, table_name, relation_alias='source') -%}
    case when {{ relation_alias }}.has_versions then {{ cx_row_identity(source_name, table_name, relation_alias) }} end
{%- endmacro %}
