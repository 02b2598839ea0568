{#- Every raw message or event row, cleaned and classified: staged,
    duplicate or quarantined with a reason. A message on a ticket that is not
    in the raw data is an orphan; one on a quarantined ticket is quarantined
    with it (parent_quarantined). A message stamped before its ticket's creation is
    kept and flagged (clock skew between systems). An author id that is an
    email address (some exports write the customer's address instead of a
    contact id) is kept only as its keyed pseudonym, author_email_hash: the
    same as the contact's email_hash. -#}

with

source as (

    select * from {{ source('helpdesk', 'ticket_messages') }}

),

readable as (

    -- null spellings read as empty before any parsing; the raw text is
    -- kept as it arrived, but for the personal columns: the row's identity
    -- lets the quarantine find them in the source
    select
        {{ cx_read_columns('helpdesk', 'ticket_messages') }},
        {{ cx_row_identity('helpdesk', 'ticket_messages') }} as row_identity,
        {{ cx_raw_columns('helpdesk', 'ticket_messages') }}
    from source

),

channel_labels as (

    select * from {{ ref('stg_reference__channel_labels') }}

),

tickets as (

    {{ cx_key_set('base_helpdesk__tickets', 'ticket_id', {'staged_created_at': 'created_at'}) }}

),

parsed as (

    select
        {{ cx_clean_text('readable.message_id') }} as message_id,
        {{ cx_clean_text('readable.ticket_id') }} as ticket_id,
        case
            when not {{ cx_looks_like_email('readable.author_id') }}
                then {{ cx_clean_text('readable.author_id') }}
        end as author_id,
        case
            when {{ cx_looks_like_email('readable.author_id') }}
                then {{ cx_pseudonymise('readable.author_id') }}
        end as author_email_hash,
        {{ cx_clean_text('readable.assignee_agent_id') }} as assignee_agent_id,
        {{ cx_normalise_enum('readable.event_type') }} as event_type,
        {{ cx_normalise_enum('readable.author_role') }} as author_role,
        channel_labels.channel,
        {{ cx_normalise_enum('readable.new_status') }} as new_status,
        {{ cx_parse_timestamp('readable.created_at') }} as created_at,
        {{ cx_parse_timestamp('readable.updated_at') }} as updated_at,
        readable.row_identity,
        {{ cx_raw_columns('helpdesk', 'ticket_messages', 'readable', 'raw_') }}
    from readable
    left join channel_labels
        on {{ cx_normalise_label('readable.channel') }} = channel_labels.label_key

),

ranked as (

    select
        *,
        {{ cx_version_rank('message_id') }} as version_rank
    from parsed

),

classified as (

    select
        ranked.*,
        tickets.staged_created_at as ticket_created_at,
        case
            {{ cx_record_checks('message_id', 'ranked.') }}
            when ranked.created_at is null then 'invalid_timestamp'
            when {{ cx_is_unreadable('ranked.raw_channel', 'ranked.channel') }} then 'unknown_channel'
            when ranked.event_type is null
                or ranked.event_type not in {{ cx_allowed_values('helpdesk', 'ticket_messages', 'event_type') }}
                or ranked.author_role is null
                or ranked.author_role not in {{ cx_allowed_values('helpdesk', 'ticket_messages', 'author_role') }}
                or ranked.new_status not in {{ cx_allowed_values('helpdesk', 'ticket_messages', 'new_status') }}
                or (ranked.event_type = 'status_change' and ranked.new_status is null)
                then 'invalid_value'
            when ranked.ticket_id is null or tickets.ticket_id is null then 'orphan_reference'
            when tickets.is_staged = 0 then 'parent_quarantined'
        end as quarantine_reason
    from ranked
    left join tickets
        on ranked.ticket_id = tickets.ticket_id

),

final as (

    select
        *,
        {{ cx_row_status() }} as row_status
    from classified

)

select * from final
