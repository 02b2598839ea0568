{#- The days the ticket backlog is read at the end of (METRICS.md S3): from
    the day of the first ticket's creation to the data's last full day, the
    last day that ended by the latest creation or status change. A day ends
    at the first instant of the next day in the reporting time zone (var
    reporting_time_zone), placed in UTC by cx_period_ends_of. Kept as a table
    of its own so that the join of the day ends to the tickets' open spells
    compares plain numbers. Grain: one row per day (backlog_date). -#}

with

tickets as (

    select * from {{ ref('fct_tickets') }}
    where is_counted_in_metrics

),

status_intervals as (

    select * from {{ ref('int_ticket_status_intervals') }}

),

calendar_days as (

    select * from {{ ref('int_business_calendar_days') }}

),

bounds as (

    select
        max(latest_at) as latest_at,
        min(first_created_at) as first_created_at
    from (
        select
            max(created_at) as latest_at,
            min(created_at) as first_created_at
        from tickets
        union all
        select
            max(valid_from) as latest_at,
            null as first_created_at
        from status_intervals
    ) as latest_timestamps

),

days as (

    select distinct
        'day' as period_grain,
        calendar_days.local_date as period_start
    from calendar_days
    cross join bounds
    where calendar_days.local_date >= {{ cx_period_start('day', 'bounds.first_created_at') }}

),

day_ends as (

    select
        day_ends.period_start as backlog_date,
        day_ends.period_end_epoch as day_end_epoch
    from {{ cx_period_ends_of('days') }} as day_ends
    cross join bounds
    where day_ends.period_end_epoch <= {{ cx_epoch_seconds('bounds.latest_at') }}

),

final as (

    select
        backlog_date,
        {{ cx_add_seconds(cx_epoch_start(), 'day_end_epoch') }} as day_ended_at,
        day_end_epoch
    from day_ends

)

select * from final
