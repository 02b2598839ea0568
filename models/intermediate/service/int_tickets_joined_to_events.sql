{#- One row per staged ticket with what its events say about it: when the
    first-response clock starts (the customer's first message; the creation
    when no customer message was recorded), the first public reply by a
    human agent, the first and final resolutions from the status history,
    reopenings, the first escalation, counts of messages, replies and
    answered calls, whether it was resolved at first contact (METRICS.md
    S4), and the business calendar its durations are measured on (its
    team's, else var default_business_calendar). Outbound tickets have no
    first-response clock. Grain: one row per ticket (ticket_id). Incremental
    by ticket (cx_ticket_incremental_config). -#}

-- depends_on: {{ ref('base_helpdesk__tickets') }}
-- depends_on: {{ ref('base_helpdesk__ticket_messages') }}
-- depends_on: {{ ref('base_helpdesk__phone_calls') }}
{{ config(**cx_ticket_incremental_config()) }}

{#- every per-ticket input is read for the touched tickets alone -#}
{%- set touched = "where ticket_id in (select touched_tickets.ticket_id from touched_tickets)"
    if is_incremental() else "" %}

with

{%- if is_incremental() %}

    touched_tickets as (

        {{ cx_touched_tickets(this) }}

    ),
{%- endif %}

tickets as (

    select * from {{ ref('stg_helpdesk__tickets') }}
    {{ touched }}

),

teams as (

    select * from {{ ref('teams') }}

),

events as (

    select * from {{ ref('int_ticket_events_classified') }}
    {{ touched }}

),

status_intervals as (

    select * from {{ ref('int_ticket_status_intervals') }}
    {{ touched }}

),

calls as (

    select * from {{ ref('stg_helpdesk__phone_calls') }}
    {{ touched }}

),

event_summary as (

    select
        ticket_id,
        min(case when is_customer_message then created_at end) as first_customer_message_at,
        min(case when is_agent_public_reply then created_at end) as first_agent_reply_at,
        min(case when is_escalation then created_at end) as first_escalation_at,
        sum(case when is_customer_message then 1 else 0 end) as customer_messages,
        sum(case when is_agent_public_reply then 1 else 0 end) as agent_public_replies
    from events
    group by ticket_id

),

resolution_summary as (

    select
        ticket_id,
        min(case when is_resolution then valid_from end) as first_resolution_at,
        max(case when is_resolution then valid_from end) as last_resolution_at,
        sum(case when is_reopening then 1 else 0 end) as reopen_count
    from status_intervals
    group by ticket_id

),

call_summary as (

    select
        ticket_id,
        sum(case when is_answered then 1 else 0 end) as answered_calls
    from calls
    where ticket_id is not null
    group by ticket_id

),

joined as (

    select
        tickets.*,
        teams.calendar_id as team_calendar_id,
        event_summary.first_customer_message_at,
        event_summary.first_agent_reply_at,
        event_summary.first_escalation_at,
        coalesce(event_summary.customer_messages, 0) as customer_messages,
        coalesce(event_summary.agent_public_replies, 0) as agent_public_replies,
        coalesce(call_summary.answered_calls, 0) as answered_calls,
        resolution_summary.first_resolution_at,
        resolution_summary.last_resolution_at,
        coalesce(resolution_summary.reopen_count, 0) as reopen_count,
        coalesce(tickets.is_outbound, false) as is_outbound_ticket,
        tickets.status in {{ cx_literal_list(var('resolved_statuses')) }} as is_resolved
    from tickets
    left join teams
        on tickets.team = teams.team
    left join event_summary
        on tickets.ticket_id = event_summary.ticket_id
    left join resolution_summary
        on tickets.ticket_id = resolution_summary.ticket_id
    left join call_summary
        on tickets.ticket_id = call_summary.ticket_id

),

final as (

    select
        ticket_id,
        requester_contact_id,
        assignee_agent_id,
        channel,
        team,
        priority,
        direction,
        ticket_type,
        category,
        status,
        resolution_type,
        coalesce(team_calendar_id, {{ cx_string_literal(var('default_business_calendar')) }}) as calendar_id,
        team_calendar_id is null as is_on_default_calendar,
        is_outbound_ticket as is_outbound,
        is_merged,
        merged_into_ticket_id,
        is_deleted,
        is_escalated,
        is_complaint,
        is_resolved,
        created_at,
        case
            when not is_outbound_ticket then coalesce(first_customer_message_at, created_at)
        end as first_response_clock_started_at,
        case when not is_outbound_ticket then first_agent_reply_at end as first_responded_at,
        coalesce(
            not is_outbound_ticket and first_agent_reply_at < coalesce(first_customer_message_at, created_at),
            false
        ) as is_response_before_customer_message,
        coalesce(first_resolution_at, case when is_resolved then solved_at end) as first_resolved_at,
        case when is_resolved then coalesce(last_resolution_at, solved_at) end as final_resolved_at,
        case when is_escalated then first_escalation_at end as escalated_at,
        coalesce(
            is_resolved
            and reopen_count = 0
            and case
                when channel in {{ cx_literal_list(var('first_contact_call_channels')) }} then answered_calls = 1
                else agent_public_replies = 1
            end,
            false
        ) as is_first_contact_resolution,
        reopen_count,
        customer_messages,
        agent_public_replies,
        answered_calls,
        {{ cx_run_stamp() }} as built_at
    from joined

)

select * from final
