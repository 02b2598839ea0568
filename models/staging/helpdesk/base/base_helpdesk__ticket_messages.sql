{#- Every raw message or event row, cleaned and classified: staged,
    duplicate or quarantined with a reason. A message on a ticket that is not
    in the raw data is an orphan; one on a quarantined ticket is quarantined
    with it (parent_quarantined). A message stamped before its ticket's creation is
    kept and flagged (clock skew between systems). An author id that is an
    email address (some exports write the customer's address instead of a
    contact id) is kept only as its keyed pseudonym, author_email_hash: the
    same as the contact's email_hash. -#}

{#- no pre-hook for the messages deleted at the source: it would take the
    set difference of every message key built and every raw one each night
    (100 million of each at 10 million tickets); such a message is left to
    assert_no_raw_row_lost -#}
{{ config(**cx_base_incremental_config()) }}

with

raw_rows as {{ cx_inline_cte() }} (

    select * from {{ source('helpdesk', 'ticket_messages') }}

),

tickets as (

    {{ cx_key_set('base_helpdesk__tickets', 'ticket_id', {'staged_created_at': 'created_at'}) }}

),

-- An incremental run classifies again every raw row of the records with
-- a raw row updated since the cutoff (or without a readable updated_at,
-- or without a key), and of the records whose ticket changed since they
-- were classified: staged or not, or created at another instant.
{{ cx_extracts_ctes(
    'message_id',
    parents=[['tickets', 'ticket_id', 'ticket_id']],
    held={
        'ticket_is_staged': 'tickets.is_staged',
        'ticket_created_at': 'tickets.staged_created_at',
    },
) }}

versioned_keys as (

    {{ cx_versioned_keys('extracts', 'message_id') }}

),

source as {{ cx_inline_cte() }} (

    {{ cx_mark_versions('extracts', 'message_id') }}

),

readable as {{ cx_inline_cte() }} (

    -- null spellings read as empty before any parsing; the raw text itself
    -- stays in the source, where the quarantine model finds it again by
    -- the row's identity or key
    select
        {{ cx_read_columns('helpdesk', 'ticket_messages') }},
        {{ cx_ranked_row_identity('helpdesk', 'ticket_messages') }} as row_identity,
        source.has_versions
    from source

),

channel_labels as (

    select * from {{ ref('stg_reference__channel_labels') }}

),

parsed as {{ cx_inline_cte() }} (

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
        coalesce(
            {{ cx_clean_text('readable.message_id') }}, {{ dbt.concat(["'row:'", 'readable.row_identity']) }}
        ) as record_key,
        -- the text of the columns whose unreadable values are checked below
        readable.channel as channel_text,
        readable.has_versions
    from readable
    left join channel_labels
        on {{ cx_normalise_label('readable.channel') }} = channel_labels.label_key

),

ranked as (

    {{ cx_ranked_versions('parsed', 'message_id') }}

),

classified as (

    select
        ranked.*,
        tickets.staged_created_at as ticket_created_at,
        tickets.is_staged as ticket_is_staged,
        case
            {{ cx_record_checks('message_id', 'ranked.') }}
            when ranked.created_at is null then 'invalid_timestamp'
            when {{ cx_is_unreadable('ranked.channel_text', 'ranked.channel') }} then 'unknown_channel'
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

    -- the output columns: the text kept for the checks stays behind
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
        created_at,
        updated_at,
        row_identity,
        record_key,
        version_rank,
        ticket_created_at,
        ticket_is_staged,
        quarantine_reason,
        {{ cx_row_status() }} as row_status,
        -- the run that wrote the row: the per-ticket models rebuild the
        -- tickets of the messages classified again since they last ran
        {{ cx_run_stamp() }} as classified_at
    from classified

)

select * from final
