{#- The ticket, whole: one row per staged ticket with its attributes, every
    timestamp of its lifecycle, every duration in calendar and business
    seconds, its counts and flags (resolved at first contact included), and
    its two SLA targets judged. Merged and deleted tickets stay, flagged;
    the metric marts leave them out (is_counted_in_metrics). Grain: one row per ticket (ticket_id). -#}

with

tickets as (

    select * from {{ ref('int_tickets_joined_to_events') }}

),

clocked as (

    select * from {{ ref('int_tickets_clocked') }}

),

sla as (

    select * from {{ ref('int_ticket_sla_targets_evaluated') }}

),

first_response_sla as (

    select * from sla
    where target_type = 'first_response'

),

resolution_sla as (

    select * from sla
    where target_type = 'resolution'

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    select
        cast(tickets.ticket_id as {{ text }}) as ticket_id,
        cast(tickets.requester_contact_id as {{ text }}) as requester_contact_id,
        cast(tickets.assignee_agent_id as {{ text }}) as assignee_agent_id,
        cast(tickets.channel as {{ text }}) as channel,
        cast(tickets.team as {{ text }}) as team,
        cast(tickets.priority as {{ text }}) as priority,
        cast(tickets.direction as {{ text }}) as direction,
        cast(tickets.ticket_type as {{ text }}) as ticket_type,
        cast(tickets.category as {{ text }}) as category,
        cast(tickets.status as {{ text }}) as status,
        cast(tickets.resolution_type as {{ text }}) as resolution_type,
        cast(tickets.calendar_id as {{ text }}) as calendar_id,
        tickets.is_on_default_calendar,
        tickets.is_outbound,
        coalesce(tickets.is_merged, false) as is_merged,
        cast(tickets.merged_into_ticket_id as {{ text }}) as merged_into_ticket_id,
        coalesce(tickets.is_deleted, false) as is_deleted,
        not coalesce(tickets.is_merged, false) and not coalesce(tickets.is_deleted, false) as is_counted_in_metrics,
        coalesce(tickets.is_escalated, false) as is_escalated,
        coalesce(tickets.is_complaint, false) as is_complaint,
        tickets.is_resolved,
        tickets.reopen_count > 0 as is_reopened,
        tickets.is_first_contact_resolution,
        tickets.is_response_before_customer_message,
        tickets.created_at,
        tickets.first_response_clock_started_at,
        tickets.first_responded_at,
        tickets.first_resolved_at,
        tickets.final_resolved_at,
        tickets.escalated_at,
        cast(clocked.first_response_calendar_seconds as {{ bigint }}) as first_response_calendar_seconds,
        cast(clocked.first_response_business_seconds as {{ bigint }}) as first_response_business_seconds,
        cast(clocked.first_resolution_calendar_seconds as {{ bigint }}) as first_resolution_calendar_seconds,
        cast(clocked.first_resolution_business_seconds as {{ bigint }}) as first_resolution_business_seconds,
        cast(clocked.final_resolution_calendar_seconds as {{ bigint }}) as final_resolution_calendar_seconds,
        cast(clocked.final_resolution_business_seconds as {{ bigint }}) as final_resolution_business_seconds,
        cast(tickets.reopen_count as {{ bigint }}) as reopen_count,
        cast(tickets.customer_messages as {{ bigint }}) as customer_messages,
        cast(tickets.agent_public_replies as {{ bigint }}) as agent_public_replies,
        cast(tickets.answered_calls as {{ bigint }}) as answered_calls,
        cast(first_response_sla.target_seconds as {{ bigint }}) as first_response_target_seconds,
        cast(first_response_sla.target_clock as {{ text }}) as first_response_target_clock,
        first_response_sla.due_at as first_response_due_at,
        cast(first_response_sla.sla_status as {{ text }}) as first_response_sla_status,
        cast(first_response_sla.seconds_past_due as {{ bigint }}) as first_response_seconds_past_due,
        cast(resolution_sla.target_seconds as {{ bigint }}) as resolution_target_seconds,
        cast(resolution_sla.target_clock as {{ text }}) as resolution_target_clock,
        resolution_sla.due_at as resolution_due_at,
        cast(resolution_sla.sla_status as {{ text }}) as resolution_sla_status,
        cast(resolution_sla.seconds_past_due as {{ bigint }}) as resolution_seconds_past_due
    from tickets
    left join clocked
        on tickets.ticket_id = clocked.ticket_id
    left join first_response_sla
        on tickets.ticket_id = first_response_sla.ticket_id
    left join resolution_sla
        on tickets.ticket_id = resolution_sla.ticket_id

)

select * from final
