{#- Every raw ticket row, cleaned and classified: staged, duplicate (an
    older extract of the same ticket) or quarantined with a reason. -#}

with

source as (

    select * from {{ source('helpdesk', 'tickets') }}

),

channel_labels as (

    select * from {{ ref('stg_reference__channel_labels') }}

),

contacts as (

    {{ cx_key_set('base_crm__contacts', 'contact_id') }}

),

parsed as (

    select
        {{ cx_clean_text('source.ticket_id') }} as ticket_id,
        {{ cx_clean_text('source.requester_contact_id') }} as requester_contact_id,
        {{ cx_clean_text('source.assignee_agent_id') }} as assignee_agent_id,
        {{ cx_clean_text('source.merged_into_ticket_id') }} as merged_into_ticket_id,
        channel_labels.channel,
        coalesce({{ cx_normalise_enum('source.direction') }}, 'inbound') as direction,
        {{ cx_normalise_enum('source.ticket_type') }} as ticket_type,
        {{ cx_normalise_enum('source.category') }} as category,
        {{ cx_normalise_enum('source.priority') }} as priority,
        {{ cx_normalise_enum('source.status') }} as status,
        {{ cx_clean_text('source.team') }} as team,
        {{ cx_normalise_enum('source.resolution_type') }} as resolution_type,
        coalesce({{ cx_parse_boolean('source.is_escalated') }}, false) as is_escalated,
        coalesce({{ cx_parse_boolean('source.is_merged') }}, false) as is_merged,
        coalesce({{ cx_parse_boolean('source.is_deleted') }}, false) as is_deleted,
        {{ cx_parse_timestamp('source.created_at') }} as created_at,
        {{ cx_parse_timestamp('source.updated_at') }} as updated_at,
        {{ cx_parse_timestamp('source.solved_at') }} as solved_at,
        {{ cx_row_fingerprint('helpdesk', 'tickets') }} as row_fingerprint,
        {{ cx_raw_columns('helpdesk', 'tickets') }}
    from source
    left join channel_labels
        on {{ cx_normalise_label('source.channel') }} = channel_labels.label_key

),

ranked as (

    select
        *,
        {{ cx_version_rank('ticket_id') }} as version_rank
    from parsed

),

classified as (

    select
        ranked.*,
        case
            {{ cx_record_checks('ticket_id', 'ranked.') }}
            when ranked.created_at is null then 'invalid_timestamp'
            when {{ cx_is_unreadable('ranked.raw_solved_at', 'ranked.solved_at') }} then 'invalid_timestamp'
            when ranked.channel is null then 'unknown_channel'
            when ranked.direction not in {{ cx_allowed_values('helpdesk', 'tickets', 'direction') }}
                or ranked.status is null
                or ranked.status not in {{ cx_allowed_values('helpdesk', 'tickets', 'status') }}
                or ranked.ticket_type not in {{ cx_allowed_values('helpdesk', 'tickets', 'ticket_type') }}
                or ranked.priority not in {{ cx_allowed_values('helpdesk', 'tickets', 'priority') }}
                then 'invalid_value'
            when ranked.requester_contact_id is not null and contacts.contact_id is null then 'orphan_reference'
        end as quarantine_reason
    from ranked
    left join contacts
        on ranked.requester_contact_id = contacts.contact_id

),

final as (

    select
        *,
        {{ cx_row_status() }} as row_status
    from classified

)

select * from final
