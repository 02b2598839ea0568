{#- Nothing is lost silently, from the file to staging. For every raw table:
    - lines in the file = header + blank lines + lines of loaded rows
      + rejected lines (the loader's books, and its rejects table, agree);
    - rows loaded by the loader = rows in the raw table;
    - rows in the raw table = staged + older duplicates + quarantined.
    Returns the tables whose books do not balance. Reads raw_row_accounts,
    where every count lives. -#}

with

accounts as (

    select * from {{ ref('raw_row_accounts') }}

),

books as (

    select
        raw_table,
        max(table_file_lines) as file_lines,
        max(table_header_lines) + max(table_blank_lines) + max(table_row_lines) as read_lines,
        sum(case when outcome = 'rejected' then n_lines else 0 end) as rejected_lines,
        max(table_rows_loaded) as rows_loaded,
        max(table_raw_rows) as raw_rows,
        sum(case when outcome != 'rejected' then n_rows else 0 end) as classified_rows
    from accounts
    group by raw_table

)

select *
from books
where
    file_lines is null
    or file_lines != read_lines + rejected_lines
    or rows_loaded != raw_rows
    or raw_rows != classified_rows
