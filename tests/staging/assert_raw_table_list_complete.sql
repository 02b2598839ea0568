{#- cx_raw_table_list() must name every source table of the contract, so
    that the no-loss test covers them all. Returns the missing ones. -#}

{%- set listed = [] -%}
{%- for source_name, table_name in cx_raw_table_list() -%}
    {%- do listed.append(source_name ~ '.' ~ table_name) -%}
{%- endfor -%}
{%- set missing = [] -%}
{%- if execute -%}
    {%- for node in graph.sources.values() -%}
        {%- if node.package_name == project_name and node.source_meta.get('raw_contract', true)
              and (node.source_name ~ '.' ~ node.name) not in listed -%}
            {%- do missing.append(node.source_name ~ '.' ~ node.name) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif %}

with

unlisted as (

    select 'none' as missing_table
    {%- for name in missing %}
    union all
    select '{{ name }}' as missing_table
    {%- endfor %}

)

select missing_table
from unlisted
where missing_table != 'none'
