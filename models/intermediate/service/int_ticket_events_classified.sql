{#- Every event of every staged ticket, classified for the service
    metrics: customer messages (the first-response clock starts at the
    first), public replies by a human agent (bots, system messages and
    internal notes never count as a response), status changes and
    escalations (an assignment made by an agent: a handover to another
    agent or level; the helpdesk's own assignments are by the system). Grain: one
    row per message (message_id). A view: a flag per row needs no copy of
    the largest table of the project, and a reader's filter (the touched
    tickets of an incremental run, the status changes) reaches the staged
    messages themselves. Every staged message belongs to a staged ticket
    (base_helpdesk__ticket_messages quarantines the others as
    parent_quarantined or orphan_reference): no join to the tickets. -#}

{{ config(materialized='view') }}

with

messages as (

    select * from {{ ref('stg_helpdesk__ticket_messages') }}

),

final as (

    select
        message_id,
        ticket_id,
        event_type,
        author_role,
        new_status,
        channel,
        created_at,
        event_type = 'public_reply' and author_role = 'customer' as is_customer_message,
        event_type = 'public_reply' and author_role = 'agent' as is_agent_public_reply,
        event_type = 'status_change' and new_status is not null as is_status_change,
        event_type = 'assignment' and author_role = 'agent' as is_escalation
    from messages

)

select * from final
