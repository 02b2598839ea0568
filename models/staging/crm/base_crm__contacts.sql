{#- Every raw contact row, cleaned and classified: staged, duplicate or
    quarantined with a reason. Personal data stops here: the email is kept
    only as a hash, name and phone are dropped by stg_crm__contacts. -#}

with

source as (

    select * from {{ source('crm', 'contacts') }}

),

parsed as (

    select
        {{ cx_clean_text('source.contact_id') }} as contact_id,
        {{ cx_clean_text('source.referred_by_contact_id') }} as referred_by_contact_id,
        {{ cx_normalise_enum('source.lifecycle_stage') }} as lifecycle_stage,
        {{ cx_normalise_enum('source.acquisition_channel') }} as acquisition_channel,
        {{ cx_normalise_enum('source.segment') }} as segment,
        upper({{ cx_clean_text('source.country') }}) as country,
        {{ cx_clean_text('source.time_zone') }} as time_zone,
        case
            when {{ cx_clean_text('source.email') }} is not null
                then {{ dbt.hash('lower(trim(source.email))') }}
        end as email_hash,
        {{ cx_parse_timestamp('source.created_at') }} as created_at,
        {{ cx_parse_timestamp('source.converted_at') }} as converted_at,
        {{ cx_parse_timestamp('source.updated_at') }} as updated_at,
        {{ cx_row_fingerprint('crm', 'contacts') }} as row_fingerprint,
        {{ cx_raw_columns('crm', 'contacts') }}
    from source

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
