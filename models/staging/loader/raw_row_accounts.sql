{#- What became of every line of every raw file, in one place: the no-loss
    test, the `make run` summary and the cross-engine comparison all read
    this model. Grain: one row per raw table, outcome and reason.

    Outcomes: `rejected` (lines the loader could not read, by reject
    reason), `staged`, `duplicate` (older extracts) and `quarantined` (by
    quarantine reason). The table_* columns repeat, on every row of a
    table, the totals of its files and the raw table's row count, so that a
    table's books can be balanced from this model alone. A table holds the
    rows of one complete load and of the appends since (cx_metrics/load.py),
    each with its file in cx_load_files: the totals add them up. -#}

with

loaded_files as (

    select * from {{ source('loader', 'cx_load_files') }}

),

load_files as (

    select
        raw_table,
        case
            when count(*) = 1 then max(file_name)
            else {{ dbt.concat(["cast(count(*) as " ~ dbt.type_string() ~ ")", "' files'"]) }}
        end as file_name,
        sum(file_lines) as file_lines,
        sum(header_lines) as header_lines,
        sum(blank_lines) as blank_lines,
        sum(rows_loaded) as rows_loaded,
        sum(row_lines) as row_lines,
        sum(rejected_lines) as rejected_lines
    from loaded_files
    group by raw_table

),

load_rejects as (

    select * from {{ source('loader', 'cx_load_rejects') }}

),

raw_counts as (

    {%- for source_name, table_name in cx_raw_table_list() %}

        select
            '{{ source_name }}.{{ table_name }}' as raw_table,
            count(*) as raw_rows
        from {{ source(source_name, table_name) }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

rejected as (

    select
        raw_table,
        'rejected' as outcome,
        reason,
        count(*) as n_rows,
        sum(line_count) as n_lines,
        cast(null as {{ dbt.type_bigint() }}) as updated_at_checksum
    from load_rejects
    group by raw_table, reason

),

classified as (

    {%- for source_name, table_name in cx_raw_table_list() %}
        {%- set entity = source_name ~ '__' ~ table_name %}
        {%- set label = source_name ~ '.' ~ table_name %}

        select
            '{{ label }}' as raw_table,
            'staged' as outcome,
            'none' as reason,
            count(*) as n_rows,
            cast(null as {{ dbt.type_bigint() }}) as n_lines,
            coalesce(sum({{ cx_epoch_seconds('updated_at') }}), 0) as updated_at_checksum
        from {{ ref('stg_' ~ entity) }}
        union all
        select
            '{{ label }}' as raw_table,
            'duplicate' as outcome,
            'none' as reason,
            count(*) as n_rows,
            cast(null as {{ dbt.type_bigint() }}) as n_lines,
            cast(null as {{ dbt.type_bigint() }}) as updated_at_checksum
        from {{ ref('base_' ~ entity) }}
        where row_status = 'duplicate'
        union all
        select
            '{{ label }}' as raw_table,
            'quarantined' as outcome,
            quarantine_reason as reason,
            count(*) as n_rows,
            cast(null as {{ dbt.type_bigint() }}) as n_lines,
            cast(null as {{ dbt.type_bigint() }}) as updated_at_checksum
        from {{ ref('quarantine_' ~ entity) }}
        group by quarantine_reason
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

outcomes as (

    select * from rejected
    union all
    select * from classified

),

final as (

    select
        outcomes.raw_table,
        outcomes.outcome,
        outcomes.reason,
        outcomes.n_rows,
        outcomes.n_lines,
        outcomes.updated_at_checksum,
        load_files.file_name as table_file_name,
        load_files.file_lines as table_file_lines,
        load_files.header_lines as table_header_lines,
        load_files.blank_lines as table_blank_lines,
        load_files.rows_loaded as table_rows_loaded,
        load_files.row_lines as table_row_lines,
        load_files.rejected_lines as table_rejected_lines,
        raw_counts.raw_rows as table_raw_rows
    from outcomes
    left join load_files
        on outcomes.raw_table = load_files.raw_table
    left join raw_counts
        on outcomes.raw_table = raw_counts.raw_table

)

select * from final
