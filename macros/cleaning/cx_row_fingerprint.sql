{#- A hash of every contract column of a raw row: a deterministic tie-break
    between two extracts of the same record with the same `updated_at`. -#}
{% macro cx_row_fingerprint(source_name, table_name, relation_alias='source') -%}
    {%- set parts = [] -%}
    {%- for column in cx_source_columns(source_name, table_name) -%}
        {%- do parts.append("coalesce(" ~ relation_alias ~ "." ~ column ~ ", '')") -%}
        {%- if not loop.last %}{% do parts.append("'|'") %}{% endif -%}
    {%- endfor -%}
    {%- if parts | length == 0 %}{% do parts.append("''") %}{% endif -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro %}
