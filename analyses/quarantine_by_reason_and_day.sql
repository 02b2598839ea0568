-- Quarantined ticket rows by reason and by day of their raw `updated_at`
-- (as text, first ten characters): where a spike of bad rows comes from.
-- Compile with `dbt compile --select quarantine_by_reason_and_day`.

with

quarantined as (

    select * from {{ ref('quarantine_helpdesk__tickets') }}

),

final as (

    select
        quarantine_reason,
        substring(raw_updated_at, 1, 10) as raw_updated_day,
        count(*) as quarantined_rows
    from quarantined
    group by quarantine_reason, substring(raw_updated_at, 1, 10)

)

select * from final
order by raw_updated_day, quarantine_reason
