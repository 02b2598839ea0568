{#- Nothing is lost silently: for every raw table, raw rows = staged rows +
    older duplicates removed + quarantined rows. Returns the tables where the
    books do not balance. -#}

with

{% for source_name, table_name in cx_raw_table_list() %}
{%- set entity = source_name ~ '__' ~ table_name %}
counts_{{ table_name }} as (

    select
        '{{ source_name }}.{{ table_name }}' as raw_table,
        raw_rows.n as raw_rows,
        staged_rows.n as staged_rows,
        duplicate_rows.n as duplicate_rows,
        quarantined_rows.n as quarantined_rows
    from (select count(*) as n from {{ source(source_name, table_name) }}) as raw_rows
    cross join (select count(*) as n from {{ ref('stg_' ~ entity) }}) as staged_rows
    cross join (
        select count(*) as n from {{ ref('base_' ~ entity) }}
        where row_status = 'duplicate'
    ) as duplicate_rows
    cross join (select count(*) as n from {{ ref('quarantine_' ~ entity) }}) as quarantined_rows

),

{% endfor %}
all_counts as (

    {% for source_name, table_name in cx_raw_table_list() %}
    select * from counts_{{ table_name }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select *
from all_counts
where raw_rows != staged_rows + duplicate_rows + quarantined_rows
