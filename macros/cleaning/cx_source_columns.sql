{#- Column names of a raw table, in contract order (cx_contract_columns,
    generated from the source definitions). -#}
{% macro cx_source_columns(source_name, table_name) -%}
    {%- set key = source_name ~ '.' ~ table_name -%}
    {%- set columns = cx_contract_columns() -%}
    {%- if key not in columns -%}
        {{ exceptions.raise_compiler_error("No raw table " ~ key ~ " in the raw data contract") }}
    {%- endif -%}
    {{ return(columns[key]) }}
{%- endmacro %}
