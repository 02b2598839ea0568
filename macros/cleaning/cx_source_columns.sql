{#- Column names of a raw table, in contract order, read from its source
    definition (the raw data contract). Empty while dbt parses. -#}
{% macro cx_source_columns(source_name, table_name) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- for node in graph.sources.values() -%}
        {%- if node.source_name == source_name and node.name == table_name -%}
            {{ return(node.columns.keys() | list) }}
        {%- endif -%}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error("No source " ~ source_name ~ "." ~ table_name ~ " in the raw data contract") }}
{%- endmacro %}
