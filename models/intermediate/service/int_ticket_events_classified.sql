{#- Every event of every staged ticket, in order, classified for the
    service metrics: customer messages (the first-response clock starts at
    the first), public replies by a human agent (bots, system messages and
    internal notes never count as a response), status changes and
    escalations (an assignment made by an agent: a handover to another
    agent or level; the helpdesk's own assignments are by the system). Grain: one
    row per message (message_id). Incremental by ticket on DuckDB and
    PostgreSQL: a run rebuilds the tickets touched since the latest
    `updated_at` it holds (cx_touched_tickets), whole. -#}

-- depends_on: {{ ref('base_helpdesk__tickets') }}
-- depends_on: {{ ref('base_helpdesk__ticket_messages') }}
-- depends_on: {{ ref('base_helpdesk__phone_calls') }}
{{ config(**cx_ticket_incremental_config()) }}

with

{%- if is_incremental() %}

    touched_tickets as (

        {{ cx_touched_tickets(this) }}

    ),
{%- endif %}

messages as (

    select * from {{ ref('stg_helpdesk__ticket_messages') }}
    {%- if is_incremental() %}
        where ticket_id in (select touched_tickets.ticket_id from touched_tickets)
    {%- endif %}

),

tickets as (

    select * from {{ ref('stg_helpdesk__tickets') }}

),

ticket_messages as (

    select messages.*
    from messages
    inner join tickets
        on messages.ticket_id = tickets.ticket_id

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
        updated_at,
        row_number() over (partition by ticket_id order by created_at, message_id) as event_rank,
        event_type = 'public_reply' and author_role = 'customer' as is_customer_message,
        event_type = 'public_reply' and author_role = 'agent' as is_agent_public_reply,
        event_type = 'status_change' and new_status is not null as is_status_change,
        event_type = 'assignment' and author_role = 'agent' as is_escalation
    from ticket_messages

)

select * from final
