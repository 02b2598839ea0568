{#- Every raw survey row, cleaned and classified: staged, duplicate or
    quarantined with a reason. Seed survey_types says how each survey type is
    answered. A numeric type accepts any scale written `a-b` (whole numbers,
    a < b); its score is checked against the range read from that text, and a
    score outside it or written as text is quarantined as invalid_score. A
    numeric type whose scale is not such a range, a yes/no or choice type
    whose scale is not `yes_no` or `choice`, and an unknown type are
    invalid_value. An answer stamped before its invitation was sent is
    impossible_order. Incremental on DuckDB and PostgreSQL, as
    base_helpdesk__ticket_messages (cx_extracts_ctes); an answer
    deleted at the source loses its rows (cx_base_incremental_config). -#}

{{ config(**cx_base_incremental_config('survey', 'responses', 'response_id')) }}

with

raw_rows as {{ cx_inline_cte() }} (

    select * from {{ source('survey', 'responses') }}

),

tickets as (

    {{ cx_key_set('base_helpdesk__tickets', 'ticket_id') }}

),

contacts as (

    {{ cx_key_set('base_crm__contacts', 'contact_id') }}

),

-- An incremental run classifies again every raw row of the records with
-- a raw row updated since the cutoff (or without a readable updated_at,
-- or without a key), and of the records whose ticket or respondent
-- changed since they were classified: the ticket staged or not, or gone;
-- the contact found or not.
{{ cx_extracts_ctes(
    'response_id',
    parents=[['tickets', 'ticket_id', 'ticket_id'], ['contacts', 'respondent_id', 'contact_id']],
    held={
        'ticket_is_staged': 'tickets.is_staged',
        'respondent_contact_is_found': 'contacts.contact_id is not null',
    },
) }}

versioned_keys as (

    {{ cx_versioned_keys('extracts', 'response_id') }}

),

source as {{ cx_inline_cte() }} (

    {{ cx_mark_versions('extracts', 'response_id') }}

),

readable as {{ cx_inline_cte() }} (

    -- null spellings read as empty before any parsing; the raw text itself
    -- stays in the source, where the quarantine model finds it again by
    -- the row's identity or key
    select
        {{ cx_read_columns('survey', 'responses') }},
        {{ cx_ranked_row_identity('survey', 'responses') }} as row_identity,
        source.has_versions
    from source

),

survey_types as (

    select * from {{ ref('survey_types') }}

),

parsed as {{ cx_inline_cte() }} (

    select
        {{ cx_clean_text('readable.response_id') }} as response_id,
        {{ cx_clean_text('readable.respondent_id') }} as respondent_id,
        {{ cx_clean_text('readable.ticket_id') }} as ticket_id,
        {{ cx_clean_text('readable.session_id') }} as session_id,
        {{ cx_clean_text('readable.team') }} as team,
        {{ cx_normalise_enum('readable.survey_type') }} as survey_type,
        {{ cx_survey_scale('readable.scale') }} as scale,
        {{ cx_scale_bound(cx_survey_scale('readable.scale'), 1) }} as scale_min_score,
        {{ cx_scale_bound(cx_survey_scale('readable.scale'), 2) }} as scale_max_score,
        coalesce({{ cx_normalise_enum('readable.respondent_type') }}, 'contact') as respondent_type,
        {{ cx_normalise_enum('readable.answer') }} as answer,
        {{ cx_parse_integer('readable.score') }} as score,
        {{ cx_parse_timestamp('readable.sent_at') }} as sent_at,
        {{ cx_parse_timestamp('readable.answered_at') }} as answered_at,
        {{ cx_parse_timestamp('readable.updated_at') }} as updated_at,
        readable.row_identity,
        coalesce(
            {{ cx_clean_text('readable.response_id') }}, {{ dbt.concat(["'row:'", 'readable.row_identity']) }}
        ) as record_key,
        -- the text of the columns whose unreadable values are checked below
        readable.answered_at as answered_at_text,
        readable.score as score_text,
        readable.has_versions
    from readable

),

ranked as (

    {{ cx_ranked_versions('parsed', 'response_id') }}

),

classified as (

    select
        ranked.*,
        survey_types.answer_kind,
        survey_types.metric_scale_min,
        survey_types.metric_scale_max,
        survey_types.one_based_scale_as_given,
        tickets.is_staged as ticket_is_staged,
        contacts.contact_id is not null as respondent_contact_is_found,
        case
            {{ cx_record_checks('response_id', 'ranked.') }}
            when ranked.sent_at is null then 'invalid_timestamp'
            when {{ cx_is_unreadable('ranked.answered_at_text', 'ranked.answered_at') }} then 'invalid_timestamp'
            when ranked.answered_at < ranked.sent_at then 'impossible_order'
            when survey_types.survey_type is null then 'invalid_value'
            when survey_types.answer_kind = 'numeric'
                and (ranked.scale_min_score is null or ranked.scale_min_score >= ranked.scale_max_score)
                then 'invalid_value'
            when survey_types.answer_kind != 'numeric'
                and (ranked.scale is null or ranked.scale != survey_types.answer_kind)
                then 'invalid_value'
            when ranked.respondent_type not in {{ cx_allowed_values('survey', 'responses', 'respondent_type') }}
                then 'invalid_value'
            when survey_types.answer_kind = 'numeric'
                and {{ cx_clean_text(cx_read_null('ranked.score_text')) }} is not null
                and (
                    ranked.score is null
                    or ranked.score < ranked.scale_min_score
                    or ranked.score > ranked.scale_max_score
                )
                then 'invalid_score'
            when survey_types.answer_kind = 'yes_no'
                and ranked.answer is not null
                and ranked.answer not in ('yes', 'no')
                then 'invalid_value'
            when ranked.ticket_id is not null and tickets.ticket_id is null then 'orphan_reference'
            when ranked.ticket_id is not null and tickets.is_staged = 0 then 'parent_quarantined'
            when ranked.respondent_type = 'contact'
                and ranked.respondent_id is not null
                and contacts.contact_id is null
                then 'orphan_reference'
        end as quarantine_reason
    from ranked
    left join survey_types
        on ranked.survey_type = survey_types.survey_type
    left join tickets
        on ranked.ticket_id = tickets.ticket_id
    left join contacts
        on ranked.respondent_id = contacts.contact_id

),

final as (

    -- the output columns: the text kept for the checks stays behind
    select
        response_id,
        respondent_id,
        ticket_id,
        session_id,
        team,
        survey_type,
        scale,
        scale_min_score,
        scale_max_score,
        respondent_type,
        answer,
        score,
        sent_at,
        answered_at,
        updated_at,
        row_identity,
        record_key,
        version_rank,
        answer_kind,
        metric_scale_min,
        metric_scale_max,
        one_based_scale_as_given,
        ticket_is_staged,
        respondent_contact_is_found,
        quarantine_reason,
        {{ cx_row_status() }} as row_status
    from classified

)

select * from final
