{#- Every raw contact row, cleaned and classified: staged, duplicate or
    quarantined with a reason. Personal data stops here: the email is kept
    only as a keyed hash (cx_pseudonymise), name and phone are dropped by stg_crm__contacts. -#}

with

extracts as {{ cx_inline_cte() }} (

    select * from {{ source('crm', 'contacts') }}

),

versioned_keys as (

    {{ cx_versioned_keys('extracts', 'contact_id') }}

),

source as {{ cx_inline_cte() }} (

    {{ cx_mark_versions('extracts', 'contact_id') }}

),

readable as {{ cx_inline_cte() }} (

    -- null spellings read as empty before any parsing; the raw text itself
    -- stays in the source, where the quarantine model finds it again by
    -- the row's identity or key
    select
        {{ cx_read_columns('crm', 'contacts') }},
        {{ cx_ranked_row_identity('crm', 'contacts') }} as row_identity,
        source.has_versions
    from source

),

parsed as {{ cx_inline_cte() }} (

    select
        {{ cx_clean_text('readable.contact_id') }} as contact_id,
        {{ cx_clean_text('readable.referred_by_contact_id') }} as referred_by_contact_id,
        {{ cx_normalise_enum('readable.lifecycle_stage') }} as lifecycle_stage,
        {{ cx_normalise_enum('readable.acquisition_channel') }} as acquisition_channel,
        {{ cx_normalise_enum('readable.segment') }} as segment,
        upper({{ cx_clean_text('readable.country') }}) as country,
        {{ cx_clean_text('readable.time_zone') }} as time_zone,
        {{ cx_pseudonymise('readable.email') }} as email_hash,
        {{ cx_parse_timestamp('readable.created_at') }} as created_at,
        {{ cx_parse_timestamp('readable.converted_at') }} as converted_at,
        {{ cx_parse_timestamp('readable.updated_at') }} as updated_at,
        readable.row_identity,
        -- the text of the columns whose unreadable values are checked below
        readable.converted_at as converted_at_text,
        readable.has_versions
    from readable

),

ranked as (

    {{ cx_ranked_versions('parsed', 'contact_id') }}

),

classified as (

    select
        *,
        case
            {{ cx_record_checks('contact_id') }}
            when created_at is null then 'invalid_timestamp'
            when {{ cx_is_unreadable('converted_at_text', 'converted_at') }} then 'invalid_timestamp'
            when converted_at < created_at then 'impossible_order'
            when lifecycle_stage is null
                or lifecycle_stage not in {{ cx_allowed_values('crm', 'contacts', 'lifecycle_stage') }}
                then 'invalid_value'
        end as quarantine_reason
    from ranked

),

final as (

    -- the output columns: the text kept for the checks stays behind
    select
        contact_id,
        referred_by_contact_id,
        lifecycle_stage,
        acquisition_channel,
        segment,
        country,
        time_zone,
        email_hash,
        created_at,
        converted_at,
        updated_at,
        row_identity,
        version_rank,
        quarantine_reason,
        {{ cx_row_status() }} as row_status
    from classified

)

select * from final
