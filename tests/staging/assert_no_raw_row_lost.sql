{#- Nothing is lost silently: for every raw table, raw rows = staged rows +
    older duplicates removed + quarantined rows. Returns the tables where the
    books do not balance. -#}

with

counts as (

    {%- for source_name, table_name in cx_raw_table_list() %}
        {%- set entity = source_name ~ '__' ~ table_name %}
        {%- set label = source_name ~ '.' ~ table_name %}

        select
            '{{ label }}' as raw_table,
            'raw' as layer,
            count(*) as n
        from {{ source(source_name, table_name) }}
        union all
        select
            '{{ label }}' as raw_table,
            'staged' as layer,
            count(*) as n
        from {{ ref('stg_' ~ entity) }}
        union all
        select
            '{{ label }}' as raw_table,
            'duplicate' as layer,
            count(*) as n
        from {{ ref('base_' ~ entity) }}
        where row_status = 'duplicate'
        union all
        select
            '{{ label }}' as raw_table,
            'quarantined' as layer,
            count(*) as n
        from {{ ref('quarantine_' ~ entity) }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

books as (

    select
        raw_table,
        sum(case when layer = 'raw' then n else 0 end) as raw_rows,
        sum(case when layer = 'staged' then n else 0 end) as staged_rows,
        sum(case when layer = 'duplicate' then n else 0 end) as duplicate_rows,
        sum(case when layer = 'quarantined' then n else 0 end) as quarantined_rows
    from counts
    group by raw_table

)

select *
from books
where raw_rows != staged_rows + duplicate_rows + quarantined_rows
