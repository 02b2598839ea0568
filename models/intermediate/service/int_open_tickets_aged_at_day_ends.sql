{#- The tickets open at the end of each day (METRICS.md S3), with their
    age. A day ends at the first instant of the next day in the reporting
    time zone (var reporting_time_zone). A ticket is open from its creation
    to its first resolution and from each reopening to the next resolution
    (the status history, int_ticket_status_intervals; pending and on-hold
    are open); a ticket resolved now whose history records no resolution
    closes at its final resolution (fct_tickets). As for the tickets awaiting
    a first response, a ticket counts at a day's end when it opened before
    that instant and closed at or after it. Days run from the first
    creation to the last day that ended by the latest instant of the data
    (a creation or a status change). Merged and deleted tickets are left
    out. Grain: one row per day and ticket open at its end (backlog_date,
    ticket_id). -#}

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

lifecycle_events as (

    select
        ticket_id,
        created_at as event_at,
        0 as event_order,
        true as opens_spell
    from tickets
    union all
    select
        ticket_id,
        valid_from as event_at,
        1 as event_order,
        is_reopening as opens_spell
    from status_intervals
    where is_resolution or is_reopening

),

sequenced as (

    select
        ticket_id,
        event_at,
        opens_spell,
        lead(event_at) over (partition by ticket_id order by event_at, event_order) as next_event_at
    from lifecycle_events

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

spells as (

    select
        tickets.ticket_id,
        tickets.channel,
        tickets.team,
        tickets.priority,
        tickets.created_at,
        {{ cx_epoch_seconds('tickets.created_at') }} as created_epoch,
        {{ cx_epoch_seconds('sequenced.event_at') }} as opened_epoch,
        coalesce(
            {{ cx_epoch_seconds('coalesce(sequenced.next_event_at, tickets.final_resolved_at)') }},
            {{ cx_epoch_seconds('bounds.latest_at') }}
        ) as closed_epoch
    from sequenced
    inner join tickets
        on sequenced.ticket_id = tickets.ticket_id
    cross join bounds
    where sequenced.opens_spell

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
        day_ends.period_end_epoch
    from {{ cx_period_ends('days') }} as day_ends
    cross join bounds
    where day_ends.period_end_epoch <= {{ cx_epoch_seconds('bounds.latest_at') }}

),

open_at_day_ends as (

    select
        day_ends.backlog_date,
        spells.ticket_id,
        spells.channel,
        spells.team,
        spells.priority,
        spells.created_at,
        day_ends.period_end_epoch,
        day_ends.period_end_epoch - spells.created_epoch as age_calendar_seconds
    from day_ends
    inner join spells
        on
            day_ends.period_end_epoch > spells.opened_epoch
            and day_ends.period_end_epoch <= spells.closed_epoch

),

final as (

    select
        backlog_date,
        ticket_id,
        channel,
        team,
        priority,
        created_at,
        {{ cx_add_seconds(cx_epoch_start(), 'period_end_epoch') }} as day_ended_at,
        age_calendar_seconds
    from open_at_day_ends

)

select * from final
