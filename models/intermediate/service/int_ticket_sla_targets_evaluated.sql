{#- Every SLA target of every staged ticket (METRICS.md S11), judged. The
    targets come from seed sla_targets by channel and priority: the first
    response (from the customer's first message; not for outbound tickets)
    and the resolution (from creation; the event is the final resolution).
    The due time is the target added to the start on the clock the seed
    names: calendar seconds, or business seconds on the ticket's calendar
    (cx_business_clock_due_times). A target is met when its event came at
    or before the due time, breached when it came later or has not come and
    the due time has passed by the as-of instant (var sla_as_of, else the
    latest timestamp in the helpdesk data), and pending otherwise. Grain:
    one row per ticket and target type (ticket_id, target_type). -#}

with

tickets as (

    select * from {{ ref('int_tickets_joined_to_events') }}

),

clocked as (

    select * from {{ ref('int_tickets_clocked') }}

),

sla_targets as (

    select * from {{ ref('sla_targets') }}

),

stg_tickets as (

    select * from {{ ref('stg_helpdesk__tickets') }}

),

messages as (

    select * from {{ ref('stg_helpdesk__ticket_messages') }}

),

latest_timestamps as (

    select max(created_at) as latest_at from stg_tickets
    union all
    select max(solved_at) as latest_at from stg_tickets
    union all
    select max(created_at) as latest_at from messages

),

as_of as (

    select
        {%- if var('sla_as_of') %}
            {{ cx_epoch_seconds("cast('" ~ var('sla_as_of') ~ "' as " ~ dbt.type_timestamp() ~ ")") }} as as_of_epoch
        {%- else %}
            {{ cx_epoch_seconds('max(latest_at)') }} as as_of_epoch
        {%- endif %}
    from latest_timestamps

),

targets as (

    select
        tickets.ticket_id,
        tickets.calendar_id,
        'first_response' as target_type,
        sla_targets.first_response_target_seconds as target_seconds,
        sla_targets.first_response_clock as target_clock,
        clocked.first_response_clock_started_epoch as started_epoch,
        clocked.first_response_clock_started_business_epoch as started_business_epoch,
        {{ cx_epoch_seconds('tickets.first_responded_at') }} as event_epoch  -- noqa: LT05
    from tickets
    inner join clocked
        on tickets.ticket_id = clocked.ticket_id
    inner join sla_targets
        on
            tickets.channel = sla_targets.channel
            and tickets.priority = sla_targets.priority
    where not tickets.is_outbound
    union all
    select
        tickets.ticket_id,
        tickets.calendar_id,
        'resolution' as target_type,
        sla_targets.resolution_target_seconds as target_seconds,
        sla_targets.resolution_clock as target_clock,
        clocked.created_epoch as started_epoch,
        clocked.created_business_epoch as started_business_epoch,
        {{ cx_epoch_seconds('tickets.final_resolved_at') }} as event_epoch  -- noqa: LT05
    from tickets
    inner join clocked
        on tickets.ticket_id = clocked.ticket_id
    inner join sla_targets
        on
            tickets.channel = sla_targets.channel
            and tickets.priority = sla_targets.priority

),

business_requests as (

    select distinct
        calendar_id,
        started_business_epoch + target_seconds as due_business_epoch
    from targets
    where target_clock = 'business' and started_business_epoch is not null

),

business_due_times as (

    select * from {{ cx_business_clock_due_times('business_requests') }} as due_times

),

due as (

    select
        targets.*,
        case
            when targets.target_clock = 'calendar' then targets.started_epoch + targets.target_seconds
            else business_due_times.due_epoch
        end as due_epoch
    from targets
    left join business_due_times
        on
            targets.calendar_id = business_due_times.calendar_id
            and targets.started_business_epoch + targets.target_seconds = business_due_times.due_business_epoch

),

judged as (

    select
        due.*,
        as_of.as_of_epoch,
        case
            when due.due_epoch is null then null
            when due.event_epoch is not null and due.event_epoch <= due.due_epoch then 'met'
            when due.event_epoch is not null then 'breached'
            when due.due_epoch <= as_of.as_of_epoch then 'breached'
            else 'pending'
        end as sla_status
    from due
    cross join as_of

),

final as (

    select
        ticket_id,
        target_type,
        calendar_id,
        target_seconds,
        target_clock,
        {{ cx_add_seconds(cx_epoch_start(), 'started_epoch') }} as started_at,
        {{ cx_add_seconds(cx_epoch_start(), 'due_epoch') }} as due_at,
        {{ cx_add_seconds(cx_epoch_start(), 'event_epoch') }} as event_at,
        sla_status,
        sla_status = 'met' as is_met,
        sla_status = 'breached' as is_breached,
        case
            when sla_status = 'breached' then coalesce(event_epoch, as_of_epoch) - due_epoch
        end as seconds_past_due,
        event_epoch is null and sla_status = 'breached' as is_breached_while_open
    from judged

)

select * from final
