{#- The allowed values of an enumerated raw column, as a SQL list such as
    `('low', 'normal')`, read from the raw data contract
    (cx_contract_allowed_values, generated from the source definitions), so
    staging checks exactly what the contract documents. -#}
{% macro cx_allowed_values(source_name, table_name, column_name) -%}
    {%- set key = source_name ~ '.' ~ table_name ~ '.' ~ column_name -%}
    {%- set allowed = cx_contract_allowed_values() -%}
    {%- if key not in allowed -%}
        {{ exceptions.raise_compiler_error("No allowed values for " ~ key ~ " in the raw data contract") }}
    {%- endif -%}
    {{ cx_literal_list(allowed[key]) }}
{%- endmacro %}
