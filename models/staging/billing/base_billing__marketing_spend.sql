{#- Every raw spend row, cleaned and classified: staged, duplicate or
    quarantined with a reason. -#}

with

source as (

    select * from {{ source('billing', 'marketing_spend') }}

),

parsed as (

    select
        {{ cx_clean_text('source.spend_id') }} as spend_id,
        {{ cx_normalise_enum('source.channel') }} as channel,
        coalesce({{ cx_normalise_enum('source.spend_type') }}, 'marketing') as spend_type,
        upper({{ cx_clean_text('source.currency') }}) as currency,
        {{ cx_parse_decimal('source.amount') }} as amount,
        {{ cx_parse_date('source.spend_date') }} as spend_date,
        {{ cx_parse_timestamp('source.updated_at') }} as updated_at,
        {{ cx_row_fingerprint('billing', 'marketing_spend') }} as row_fingerprint,
        {{ cx_raw_columns('billing', 'marketing_spend') }}
    from source

),

ranked as (

    select
        *,
        {{ cx_version_rank('spend_id') }} as version_rank
    from parsed

),

classified as (

    select
        *,
        case
            {{ cx_record_checks('spend_id') }}
            when amount is null or amount < 0 then 'invalid_amount'
            when spend_date is null then 'invalid_date'
            when channel is null
                or spend_type not in {{ cx_allowed_values('billing', 'marketing_spend', 'spend_type') }}
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
