{#- The status history of every staged ticket as intervals: each status
    change opens an interval that the next one closes, in the order of
    created_at, then message_id. An entry into a
    resolved status (var resolved_statuses) from any other status is a
    resolution; a move between resolved statuses (solved -> closed) is not;
    leaving a resolved status is a reopening. Grain: one row per status
    change (message_id). Incremental by ticket (cx_ticket_incremental_config). -#}

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

events as (

    select * from {{ ref('int_ticket_events_classified') }}
    {%- if is_incremental() %}
        where ticket_id in (select touched_tickets.ticket_id from touched_tickets)
    {%- endif %}

),

changes as (

    select
        message_id,
        ticket_id,
        new_status as status,
        created_at as valid_from,
        lead(created_at) over (partition by ticket_id order by created_at, message_id) as valid_to,
        lag(new_status) over (partition by ticket_id order by created_at, message_id) as previous_status
    from events
    where is_status_change

),

final as (

    select
        message_id,
        ticket_id,
        status,
        previous_status,
        valid_from,
        valid_to,
        status in {{ cx_literal_list(var('resolved_statuses')) }} as is_resolved,
        status in {{ cx_literal_list(var('resolved_statuses')) }}
        and coalesce(previous_status not in {{ cx_literal_list(var('resolved_statuses')) }}, true)
            as is_resolution,
        status not in {{ cx_literal_list(var('resolved_statuses')) }}
        and coalesce(previous_status in {{ cx_literal_list(var('resolved_statuses')) }}, false)
            as is_reopening,
        {{ cx_run_stamp() }} as built_at
    from changes

)

select * from final
