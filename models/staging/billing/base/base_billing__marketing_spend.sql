{#- Every raw spend row, cleaned and classified: staged, duplicate or
    quarantined with a reason. -#}

with

extracts as {{ cx_inline_cte() }} (

    select * from {{ source('billing', 'marketing_spend') }}

),

versioned_keys as (

    {{ cx_versioned_keys('extracts', 'spend_id') }}

),

source as {{ cx_inline_cte() }} (

    {{ cx_mark_versions('extracts', 'spend_id') }}

),

readable as {{ cx_inline_cte() }} (

    -- null spellings read as empty before any parsing; the raw text itself
    -- stays in the source, where the quarantine model finds it again by
    -- the row's identity or key
    select
        {{ cx_read_columns('billing', 'marketing_spend') }},
        {{ cx_ranked_row_identity('billing', 'marketing_spend') }} as row_identity,
        source.has_versions
    from source

),

parsed as {{ cx_inline_cte() }} (

    select
        {{ cx_clean_text('readable.spend_id') }} as spend_id,
        {{ cx_normalise_enum('readable.channel') }} as channel,
        coalesce({{ cx_normalise_enum('readable.spend_type') }}, 'marketing') as spend_type,
        upper({{ cx_clean_text('readable.currency') }}) as currency,
        {{ cx_parse_decimal('readable.amount') }} as amount,
        {{ cx_parse_date('readable.spend_date') }} as spend_date,
        {{ cx_parse_timestamp('readable.updated_at') }} as updated_at,
        readable.row_identity,
        readable.has_versions
    from readable

),

ranked as (

    {{ cx_ranked_versions('parsed', 'spend_id') }}

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
        spend_id,
        channel,
        spend_type,
        currency,
        amount,
        spend_date,
        updated_at,
        row_identity,
        version_rank,
        quarantine_reason,
        {{ cx_row_status() }} as row_status
    from classified

)

select * from final
