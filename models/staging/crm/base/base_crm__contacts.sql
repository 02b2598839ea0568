{#- Every raw contact row, cleaned and classified: staged, duplicate or
    quarantined with a reason. Personal data stops here: the email is kept
    only as a keyed hash (cx_pseudonymise), name and phone are dropped by stg_crm__contacts. -#}

with

source as (

    select * from {{ source('crm', 'contacts') }}

),

readable as (

    -- null spellings read as empty before any parsing; the raw text is
    -- kept as it arrived, but for the personal columns: the row's identity
    -- lets the quarantine find them in the source
    select
        {{ cx_read_columns('crm', 'contacts') }},
        {{ cx_row_identity('crm', 'contacts') }} as row_identity,
        {{ cx_raw_columns('crm', 'contacts') }}
    from source

),

parsed as (

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
        {{ cx_raw_columns('crm', 'contacts', 'readable', 'raw_') }}
    from readable

),

ranked as (

    select
        *,
        {{ cx_version_rank('contact_id') }} as version_rank
    from parsed

),

classified as (

    select
        *,
        case
            {{ cx_record_checks('contact_id') }}
            when created_at is null then 'invalid_timestamp'
            when {{ cx_is_unreadable('raw_converted_at', 'converted_at') }} then 'invalid_timestamp'
            when converted_at < created_at then 'impossible_order'
            when lifecycle_stage is null
                or lifecycle_stage not in {{ cx_allowed_values('crm', 'contacts', 'lifecycle_stage') }}
                then 'invalid_value'
        end as quarantine_reason
    from ranked

),

final as (

    select
        *,
        {{ cx_row_status() }} as row_status
    from classified

)

select * from final
