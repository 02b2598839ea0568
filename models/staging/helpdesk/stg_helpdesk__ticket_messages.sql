{#- A view: the staged rows of base_helpdesk__ticket_messages, the largest
    table of the project, are read where they are instead of being copied
    on every build (an incremental day would rewrite the whole table). -#}
{{ config(materialized='view') }}

with

base as (

    select * from {{ ref('base_helpdesk__ticket_messages') }}
    where row_status = 'staged'

),

final as (

    select
        message_id,
        ticket_id,
        author_id,
        author_email_hash,
        assignee_agent_id,
        event_type,
        author_role,
        channel,
        new_status,
        event_type = 'public_reply' as is_public,
        created_at < ticket_created_at as is_before_ticket_created,
        created_at,
        updated_at
    from base

)

select * from final
