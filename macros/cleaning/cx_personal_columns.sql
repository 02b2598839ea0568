{#- Columns of a raw table whose raw text stays in the raw and quarantine
    schemas (contract meta personal_data: true or possible), in contract
    order; empty for a table without any (cx_contract_personal_columns,
    generated from the source definitions). -#}
{% macro cx_personal_columns(source_name, table_name) -%}
    {{ return(cx_contract_personal_columns().get(source_name ~ '.' ~ table_name, [])) }}
{%- endmacro %}
