{#- Every raw phone call row, cleaned and classified: staged, duplicate or
    quarantined with a reason. A call may have no ticket or no known caller;
    one naming a ticket or contact that is not in the raw data is an orphan,
    one on a quarantined ticket is quarantined with it (parent_quarantined).
    A call answered or ended before it entered the queue, or ended before it
    was answered, is impossible_order. Incremental on DuckDB and PostgreSQL,
    as base_helpdesk__ticket_messages (cx_extracts_ctes); a call
    deleted at the source loses its rows (cx_base_incremental_config). -#}

{{ config(**cx_base_incremental_config('helpdesk', 'phone_calls', 'call_id')) }}

with

raw_rows as {{ cx_inline_cte() }} (

    select * from {{ source('helpdesk', 'phone_calls') }}

),

tickets as (

    {{ cx_key_set('base_helpdesk__tickets', 'ticket_id') }}

),

contacts as (

    {{ cx_key_set('base_crm__contacts', 'contact_id') }}

),

-- An incremental run classifies again every raw row of the calls with a
-- raw row updated since the cutoff (or without a readable updated_at, or
-- without a key), and of the calls whose ticket or caller changed since
-- they were classified: the ticket staged or not, or gone; the contact
-- found or not.
{{ cx_extracts_ctes(
    'call_id',
    parents=[['tickets', 'ticket_id', 'ticket_id'], ['contacts', 'caller_contact_id', 'contact_id']],
    held={
        'ticket_is_staged': 'tickets.is_staged',
        'caller_contact_is_found': 'contacts.contact_id is not null',
    },
) }}

versioned_keys as (

    {{ cx_versioned_keys('extracts', 'call_id') }}

),

source as {{ cx_inline_cte() }} (

    {{ cx_mark_versions('extracts', 'call_id') }}

),

readable as {{ cx_inline_cte() }} (

    -- null spellings read as empty before any parsing; the raw text itself
    -- stays in the source, where the quarantine model finds it again by
    -- the row's identity or key
    select
        {{ cx_read_columns('helpdesk', 'phone_calls') }},
        {{ cx_ranked_row_identity('helpdesk', 'phone_calls') }} as row_identity,
        source.has_versions
    from source

),

parsed as {{ cx_inline_cte() }} (

    select
        {{ cx_clean_text('readable.call_id') }} as call_id,
        {{ cx_clean_text('readable.ticket_id') }} as ticket_id,
        {{ cx_clean_text('readable.caller_contact_id') }} as caller_contact_id,
        {{ cx_clean_text('readable.agent_id') }} as agent_id,
        {{ cx_clean_text('readable.team') }} as team,
        coalesce({{ cx_normalise_enum('readable.direction') }}, 'inbound') as direction,
        {{ cx_parse_boolean('readable.is_abandoned') }} as is_abandoned_flag,
        {{ cx_parse_timestamp('readable.queue_entered_at') }} as queue_entered_at,
        {{ cx_parse_timestamp('readable.answered_at') }} as answered_at,
        {{ cx_parse_timestamp('readable.ended_at') }} as ended_at,
        {{ cx_parse_timestamp('readable.updated_at') }} as updated_at,
        readable.row_identity,
        coalesce(
            {{ cx_clean_text('readable.call_id') }}, {{ dbt.concat(["'row:'", 'readable.row_identity']) }}
        ) as record_key,
        -- the text of the columns whose unreadable values are checked below
        readable.answered_at as answered_at_text,
        readable.ended_at as ended_at_text,
        readable.is_abandoned as is_abandoned_text,
        readable.has_versions
    from readable

),

ranked as (

    {{ cx_ranked_versions('parsed', 'call_id') }}

),

classified as (

    select
        ranked.*,
        tickets.is_staged as ticket_is_staged,
        contacts.contact_id is not null as caller_contact_is_found,
        case
            {{ cx_record_checks('call_id', 'ranked.') }}
            when ranked.queue_entered_at is null then 'invalid_timestamp'
            when ({{ cx_is_unreadable('ranked.answered_at_text', 'ranked.answered_at') }})
                or ({{ cx_is_unreadable('ranked.ended_at_text', 'ranked.ended_at') }})
                then 'invalid_timestamp'
            when ranked.answered_at < ranked.queue_entered_at
                or ranked.ended_at < ranked.queue_entered_at
                or ranked.ended_at < ranked.answered_at
                then 'impossible_order'
            when {{ cx_is_unreadable_boolean('ranked.is_abandoned_text') }} then 'invalid_value'
            when ranked.direction not in {{ cx_allowed_values('helpdesk', 'phone_calls', 'direction') }}
                then 'invalid_value'
            when ranked.ticket_id is not null and tickets.ticket_id is null then 'orphan_reference'
            when ranked.caller_contact_id is not null and contacts.contact_id is null then 'orphan_reference'
            when ranked.ticket_id is not null and tickets.is_staged = 0 then 'parent_quarantined'
        end as quarantine_reason
    from ranked
    left join tickets
        on ranked.ticket_id = tickets.ticket_id
    left join contacts
        on ranked.caller_contact_id = contacts.contact_id

),

final as (

    -- the output columns: the text kept for the checks stays behind
    select
        call_id,
        ticket_id,
        caller_contact_id,
        agent_id,
        team,
        direction,
        is_abandoned_flag,
        queue_entered_at,
        answered_at,
        ended_at,
        updated_at,
        row_identity,
        record_key,
        version_rank,
        ticket_is_staged,
        caller_contact_is_found,
        quarantine_reason,
        {{ cx_row_status() }} as row_status,
        -- the run that wrote the row: the per-ticket models rebuild the
        -- tickets of calls classified again since they last ran
        {{ cx_run_stamp() }} as classified_at
    from classified

)

select * from final
