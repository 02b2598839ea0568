{#- Every contract column of a raw table read through cx_read_null, under its
    own name: what the parsing steps of a base model read, so that a null
    spelling is empty for every parser. The raw text itself stays in the
    source: the quarantine model reads it there (cx_quarantine_select). -#}
{% macro cx_read_columns(source_name, table_name, relation_alias='source') -%}
    {%- for column in cx_source_columns(source_name, table_name) %}
    {{ cx_read_null(relation_alias ~ '.' ~ column) }} as {{ column }}{{ "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}
