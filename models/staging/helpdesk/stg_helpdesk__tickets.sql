with

base as (

    select * from {{ ref('base_helpdesk__tickets') }}
    where row_status = 'staged'

),

final as (

    select
        ticket_id,
        requester_contact_id,
        assignee_agent_id,
        merged_into_ticket_id,
        team,
        channel,
        direction,
        ticket_type,
        category,
        priority,
        status,
        resolution_type,
        is_escalated,
        is_merged,
        is_deleted,
        coalesce(ticket_type = 'complaint', false) as is_complaint,
        direction = 'outbound' as is_outbound,
        created_at,
        updated_at,
        solved_at
    from base

)

select * from final
