{#- Every contract column of a raw table, kept as text under a `raw_`
    prefix, so that quarantine rows show exactly what arrived; except the
    columns that hold or may hold personal data (cx_personal_columns), whose
    raw text stays in the raw and quarantine schemas: the quarantine model
    reads them from the source (cx_quarantine_select). `prefix` is put before
    each column name when the relation already carries them as `raw_<column>`. -#}
{% macro cx_raw_columns(source_name, table_name, relation_alias='source', prefix='') -%}
    {%- set personal = cx_personal_columns(source_name, table_name) -%}
    {%- set columns = cx_source_columns(source_name, table_name) | reject('in', personal) | list -%}
    {%- for column in columns %}
    {{ relation_alias }}.{{ prefix }}{{ column }} as raw_{{ column }}{{ "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}
