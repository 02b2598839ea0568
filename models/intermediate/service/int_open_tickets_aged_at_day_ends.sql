{#- The tickets open at the end of each day of int_backlog_days_ended
    (METRICS.md S3), with their age. A ticket is open from its creation to
    its first resolution and from each reopening to the next resolution
    (the status history, int_ticket_status_intervals; pending and on-hold
    are open); a ticket resolved now whose history records no resolution
    closes at its final resolution (fct_tickets). As for the tickets
    awaiting a first response, a ticket counts at a day's end when it
    opened before that instant and closed at or after it. Merged and
    deleted tickets are left out. Grain: one row per day and ticket open at
    its end (backlog_date, ticket_id). -#}

with

tickets as (

    select * from {{ ref('fct_tickets') }}
    where is_counted_in_metrics

),

status_intervals as (

    select * from {{ ref('int_ticket_status_intervals') }}

),

backlog_days as (

    select * from {{ ref('int_backlog_days_ended') }}

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

last_day_end as (

    select max(day_end_epoch) as day_end_epoch
    from backlog_days

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
            last_day_end.day_end_epoch
        ) as closed_epoch
    from sequenced
    inner join tickets
        on sequenced.ticket_id = tickets.ticket_id
    cross join last_day_end
    where sequenced.opens_spell

),

open_at_day_ends as (

    select
        backlog_days.backlog_date,
        backlog_days.day_ended_at,
        spells.ticket_id,
        spells.channel,
        spells.team,
        spells.priority,
        spells.created_at,
        backlog_days.day_end_epoch - spells.created_epoch as age_calendar_seconds
    from backlog_days
    inner join spells
        on
            backlog_days.day_end_epoch > spells.opened_epoch
            and backlog_days.day_end_epoch <= spells.closed_epoch

),

final as (

    select
        backlog_date,
        ticket_id,
        channel,
        team,
        priority,
        created_at,
        day_ended_at,
        age_calendar_seconds
    from open_at_day_ends

)

select * from final
