{#- How clean the last load was, per raw table: what the loader could not
    read, and what staging kept, set aside as an older extract, or
    quarantined. Read from raw_row_accounts, so it balances with the no-loss
    test. Grain: one row per raw table. -#}

with

accounts as (

    select * from {{ ref('raw_row_accounts') }}

),

per_table as (

    select
        raw_table,
        max(table_file_name) as file_name,
        max(table_raw_rows) as rows_loaded,
        sum(case when outcome = 'rejected' then n_lines else 0 end) as lines_rejected,
        sum(case when outcome = 'staged' then n_rows else 0 end) as rows_staged,
        sum(case when outcome = 'duplicate' then n_rows else 0 end) as rows_duplicate,
        sum(case when outcome = 'quarantined' then n_rows else 0 end) as rows_quarantined
    from accounts
    group by raw_table

),

final as (

    select
        cast(raw_table as {{ dbt.type_string() }}) as raw_table,
        cast(file_name as {{ dbt.type_string() }}) as file_name,
        cast(coalesce(rows_loaded, 0) as {{ dbt.type_bigint() }}) as rows_loaded,
        cast(lines_rejected as {{ dbt.type_bigint() }}) as lines_rejected,
        cast(rows_staged as {{ dbt.type_bigint() }}) as rows_staged,
        cast(rows_duplicate as {{ dbt.type_bigint() }}) as rows_duplicate,
        cast(rows_quarantined as {{ dbt.type_bigint() }}) as rows_quarantined,
        cast(
            case
                when rows_loaded > 0
                    then 1.0 * rows_quarantined / rows_loaded
            end as decimal(9, 6)
        ) as quarantine_share
    from per_table

)

select * from final
