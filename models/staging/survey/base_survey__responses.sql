{#- Every raw survey row, cleaned and classified: staged, duplicate or
    quarantined with a reason. Scores are checked against the scale's range
    (seed survey_scales); a score outside it or written as text is
    quarantined as invalid_score. -#}

with

source as (

    select * from {{ source('survey', 'responses') }}

),

survey_scales as (

    select * from {{ ref('survey_scales') }}

),

tickets as (

    {{ cx_key_set('base_helpdesk__tickets', 'ticket_id') }}

),

contacts as (

    {{ cx_key_set('base_crm__contacts', 'contact_id') }}

),

parsed as (

    select
        {{ cx_clean_text('source.response_id') }} as response_id,
        {{ cx_clean_text('source.respondent_id') }} as respondent_id,
        {{ cx_clean_text('source.ticket_id') }} as ticket_id,
        {{ cx_clean_text('source.session_id') }} as session_id,
        {{ cx_clean_text('source.team') }} as team,
        {{ cx_normalise_enum('source.survey_type') }} as survey_type,
        lower(trim(source.scale)) as scale,
        coalesce({{ cx_normalise_enum('source.respondent_type') }}, 'contact') as respondent_type,
        {{ cx_normalise_enum('source.answer') }} as answer,
        {{ cx_parse_integer('source.score') }} as score,
        {{ cx_parse_timestamp('source.sent_at') }} as sent_at,
        {{ cx_parse_timestamp('source.answered_at') }} as answered_at,
        {{ cx_parse_timestamp('source.updated_at') }} as updated_at,
        {{ cx_row_fingerprint('survey', 'responses') }} as row_fingerprint,
        {{ cx_raw_columns('survey', 'responses') }}
    from source

),

ranked as (

    select
        *,
        {{ cx_version_rank('response_id') }} as version_rank
    from parsed

),

classified as (

    select
        ranked.*,
        survey_scales.answer_kind,
        survey_scales.min_score,
        survey_scales.max_score,
        case
            {{ cx_record_checks('response_id', 'ranked.') }}
            when ranked.sent_at is null then 'invalid_timestamp'
            when {{ cx_is_unreadable('ranked.raw_answered_at', 'ranked.answered_at') }} then 'invalid_timestamp'
            when survey_scales.scale is null then 'invalid_value'
            when ranked.respondent_type not in {{ cx_allowed_values('survey', 'responses', 'respondent_type') }}
                then 'invalid_value'
            when survey_scales.answer_kind = 'numeric'
                and {{ cx_clean_text('ranked.raw_score') }} is not null
                and (
                    ranked.score is null
                    or ranked.score < survey_scales.min_score
                    or ranked.score > survey_scales.max_score
                )
                then 'invalid_score'
            when survey_scales.answer_kind = 'yes_no'
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
    left join survey_scales
        on ranked.survey_type = survey_scales.survey_type
            and ranked.scale = survey_scales.scale
    left join tickets
        on ranked.ticket_id = tickets.ticket_id
    left join contacts
        on ranked.respondent_id = contacts.contact_id

),

final as (

    select
        *,
        {{ cx_row_status() }} as row_status
    from classified

)

select * from final
