{#- Every raw ticket row, cleaned and classified: staged, duplicate (an
    older extract of the same ticket) or quarantined with a reason. A flag
    that is not a readable boolean is invalid_value (an empty one is false);
    a ticket solved before it was created is impossible_order. Incremental
    on DuckDB and PostgreSQL, as base_helpdesk__ticket_messages
    (cx_extracts_ctes); a ticket deleted at the source loses its rows
    (cx_base_incremental_config). -#}

{{ config(**cx_base_incremental_config('helpdesk', 'tickets', 'ticket_id')) }}

with

raw_rows as {{ cx_inline_cte() }} (

    select * from {{ source('helpdesk', 'tickets') }}

),

contacts as (

    {{ cx_key_set('base_crm__contacts', 'contact_id') }}

),

-- An incremental run classifies again every raw row of the tickets with a
-- raw row updated since the cutoff (or without a readable updated_at, or
-- without a key), and of the tickets whose requester appeared or went
-- since they were classified.
{{ cx_extracts_ctes(
    'ticket_id',
    parents=[['contacts', 'requester_contact_id', 'contact_id']],
    held={'requester_contact_is_found': 'contacts.contact_id is not null'},
) }}

versioned_keys as (

    {{ cx_versioned_keys('extracts', 'ticket_id') }}

),

source as {{ cx_inline_cte() }} (

    {{ cx_mark_versions('extracts', 'ticket_id') }}

),

readable as {{ cx_inline_cte() }} (

    -- null spellings read as empty before any parsing; the raw text itself
    -- stays in the source, where the quarantine model finds it again by
    -- the row's identity or key
    select
        {{ cx_read_columns('helpdesk', 'tickets') }},
        {{ cx_ranked_row_identity('helpdesk', 'tickets') }} as row_identity,
        source.has_versions
    from source

),

channel_labels as (

    select * from {{ ref('stg_reference__channel_labels') }}

),

parsed as {{ cx_inline_cte() }} (

    select
        {{ cx_clean_text('readable.ticket_id') }} as ticket_id,
        {{ cx_clean_text('readable.requester_contact_id') }} as requester_contact_id,
        {{ cx_clean_text('readable.assignee_agent_id') }} as assignee_agent_id,
        {{ cx_clean_text('readable.merged_into_ticket_id') }} as merged_into_ticket_id,
        channel_labels.channel,
        coalesce({{ cx_normalise_enum('readable.direction') }}, 'inbound') as direction,
        {{ cx_normalise_enum('readable.ticket_type') }} as ticket_type,
        {{ cx_normalise_enum('readable.category') }} as category,
        {{ cx_normalise_enum('readable.priority') }} as priority,
        {{ cx_normalise_enum('readable.status') }} as status,
        {{ cx_clean_text('readable.team') }} as team,
        {{ cx_normalise_enum('readable.resolution_type') }} as resolution_type,
        coalesce({{ cx_parse_boolean('readable.is_escalated') }}, false) as is_escalated,
        coalesce({{ cx_parse_boolean('readable.is_merged') }}, false) as is_merged,
        coalesce({{ cx_parse_boolean('readable.is_deleted') }}, false) as is_deleted,
        {{ cx_parse_timestamp('readable.created_at') }} as created_at,
        {{ cx_parse_timestamp('readable.updated_at') }} as updated_at,
        {{ cx_parse_timestamp('readable.solved_at') }} as solved_at,
        readable.row_identity,
        coalesce(
            {{ cx_clean_text('readable.ticket_id') }}, {{ dbt.concat(["'row:'", 'readable.row_identity']) }}
        ) as record_key,
        -- the text of the columns whose unreadable values are checked below
        readable.solved_at as solved_at_text,
        readable.is_escalated as is_escalated_text,
        readable.is_merged as is_merged_text,
        readable.is_deleted as is_deleted_text,
        readable.has_versions
    from readable
    left join channel_labels
        on {{ cx_normalise_label('readable.channel') }} = channel_labels.label_key

),

ranked as (

    {{ cx_ranked_versions('parsed', 'ticket_id') }}

),

classified as (

    select
        ranked.*,
        contacts.contact_id is not null as requester_contact_is_found,
        case
            {{ cx_record_checks('ticket_id', 'ranked.') }}
            when ranked.created_at is null then 'invalid_timestamp'
            when {{ cx_is_unreadable('ranked.solved_at_text', 'ranked.solved_at') }} then 'invalid_timestamp'
            when ranked.solved_at < ranked.created_at then 'impossible_order'
            when ranked.channel is null then 'unknown_channel'
            when {{ cx_is_unreadable_boolean('ranked.is_escalated_text') }}
                or {{ cx_is_unreadable_boolean('ranked.is_merged_text') }}
                or {{ cx_is_unreadable_boolean('ranked.is_deleted_text') }}
                then 'invalid_value'
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

    -- the output columns: the text kept for the checks stays behind
    select
        ticket_id,
        requester_contact_id,
        assignee_agent_id,
        merged_into_ticket_id,
        channel,
        direction,
        ticket_type,
        category,
        priority,
        status,
        team,
        resolution_type,
        is_escalated,
        is_merged,
        is_deleted,
        created_at,
        updated_at,
        solved_at,
        row_identity,
        record_key,
        version_rank,
        requester_contact_is_found,
        quarantine_reason,
        {{ cx_row_status() }} as row_status,
        -- the run that wrote the row: the per-ticket models rebuild the
        -- tickets classified again since they last ran
        {{ cx_run_stamp() }} as classified_at
    from classified

)

select * from final
