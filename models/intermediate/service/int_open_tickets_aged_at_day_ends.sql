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

    select
        backlog_date,
        day_ended_at,
        day_end_epoch,
        -- a day ends as the next one begins
        {{ dbt.datediff("cast('1970-01-01' as date)", 'backlog_date', 'day') }} + 1 as day_end_day  -- noqa: LT05
    from {{ ref('int_backlog_days_ended') }}

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

spells as (

    select
        tickets.ticket_id,
        tickets.channel,
        tickets.team,
        tickets.priority,
        tickets.created_at,
        {{ cx_epoch_seconds('tickets.created_at') }} as created_epoch,
        sequenced.event_at as opened_at,
        coalesce(sequenced.next_event_at, tickets.final_resolved_at) as closed_at
    from sequenced
    inner join tickets
        on sequenced.ticket_id = tickets.ticket_id
    where sequenced.opens_spell

),

open_at_day_ends as (

    -- each spell at every day end after it opened and at or before it
    -- closed (not closed: every later day end)
    select
        spells_at_ends.backlog_date,
        spells_at_ends.day_ended_at,
        spells_at_ends.ticket_id,
        spells_at_ends.channel,
        spells_at_ends.team,
        spells_at_ends.priority,
        spells_at_ends.created_at,
        spells_at_ends.day_end_epoch - spells_at_ends.created_epoch as age_calendar_seconds
    from {{ cx_spans_at_period_ends(
        'backlog_days', 'day_end_day', 'spells', 'opened_at', 'closed_at',
        ['ticket_id', 'channel', 'team', 'priority', 'created_at', 'created_epoch'],
        ['backlog_date', 'day_ended_at', 'day_end_epoch']) }} as spells_at_ends

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
