{#- Every contract column of a raw table, kept as text under a `raw_`
    prefix, so that quarantine rows show exactly what arrived. `prefix` is
    put before each column name when the relation already carries them as
    `raw_<column>`. -#}
{% macro cx_raw_columns(source_name, table_name, relation_alias='source', prefix='') -%}
    {%- for column in cx_source_columns(source_name, table_name) %}
    {{ relation_alias }}.{{ prefix }}{{ column }} as raw_{{ column }}{{ "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}
