with

base as (

    select * from {{ ref('base_helpdesk__phone_calls') }}
    where row_status = 'staged'

),

final as (

    select
        call_id,
        ticket_id,
        caller_contact_id,
        agent_id,
        team,
        direction,
        -- A call with no answer time was not answered: abandoned when the
        -- export says so or leaves it unsaid.
        answered_at is null and coalesce(is_abandoned_flag, true) as is_abandoned,
        answered_at is not null as is_answered,
        queue_entered_at,
        answered_at,
        ended_at,
        updated_at
    from base

)

select * from final
