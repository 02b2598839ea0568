{#- Every raw subscription row, cleaned and classified: staged, duplicate or
    quarantined with a reason. A negative or blank amount is quarantined as
    invalid_amount; a period ending before it starts as impossible_order.
    The cancellation reason is kept only as a category of seed
    cancellation_reasons: free text (which may name a person) becomes var
    unlisted_cancellation_reason and its words stay in the raw table. -#}

with

extracts as {{ cx_inline_cte() }} (

    select * from {{ source('billing', 'subscriptions') }}

),

versioned_keys as (

    {{ cx_versioned_keys('extracts', 'subscription_id') }}

),

source as {{ cx_inline_cte() }} (

    {{ cx_mark_versions('extracts', 'subscription_id') }}

),

readable as {{ cx_inline_cte() }} (

    -- null spellings read as empty before any parsing; the raw text itself
    -- stays in the source, where the quarantine model finds it again by
    -- the row's identity or key
    select
        {{ cx_read_columns('billing', 'subscriptions') }},
        {{ cx_ranked_row_identity('billing', 'subscriptions') }} as row_identity,
        source.has_versions
    from source

),

contacts as (

    {{ cx_key_set('base_crm__contacts', 'contact_id') }}

),

cancellation_reasons as (

    select * from {{ ref('cancellation_reasons') }}

),

parsed as {{ cx_inline_cte() }} (

    select
        {{ cx_clean_text('readable.subscription_id') }} as subscription_id,
        {{ cx_clean_text('readable.contact_id') }} as contact_id,
        {{ cx_normalise_enum('readable.plan') }} as plan,
        upper({{ cx_clean_text('readable.currency') }}) as currency,
        {{ cx_normalise_enum('readable.billing_interval') }} as billing_interval,
        {{ cx_normalise_enum('readable.status') }} as status,
        case
            when {{ cx_normalise_enum('readable.cancellation_reason') }} is not null
                then coalesce(cancellation_reasons.reason_code, '{{ var("unlisted_cancellation_reason") }}')
        end as cancellation_reason,
        {{ cx_parse_decimal('readable.amount') }} as amount,
        {{ cx_parse_date('readable.started_on') }} as started_on,
        {{ cx_parse_date('readable.ended_on') }} as ended_on,
        {{ cx_parse_timestamp('readable.updated_at') }} as updated_at,
        readable.row_identity,
        -- the text of the columns whose unreadable values are checked below
        readable.ended_on as ended_on_text,
        readable.has_versions
    from readable
    left join cancellation_reasons
        on {{ cx_normalise_enum('readable.cancellation_reason') }} = cancellation_reasons.reason_code

),

ranked as (

    {{ cx_ranked_versions('parsed', 'subscription_id') }}

),

classified as (

    select
        ranked.*,
        case
            {{ cx_record_checks('subscription_id', 'ranked.') }}
            when ranked.amount is null or ranked.amount < 0 then 'invalid_amount'
            when ranked.started_on is null then 'invalid_date'
            when {{ cx_is_unreadable('ranked.ended_on_text', 'ranked.ended_on') }} then 'invalid_date'
            when ranked.ended_on < ranked.started_on then 'impossible_order'
            when ranked.billing_interval is null
                or ranked.billing_interval
                not in {{ cx_allowed_values('billing', 'subscriptions', 'billing_interval') }}
                or ranked.status not in {{ cx_allowed_values('billing', 'subscriptions', 'status') }}
                then 'invalid_value'
            when ranked.contact_id is null or contacts.contact_id is null then 'orphan_reference'
        end as quarantine_reason
    from ranked
    left join contacts
        on ranked.contact_id = contacts.contact_id

),

final as (

    -- the output columns: the text kept for the checks stays behind
    select
        subscription_id,
        contact_id,
        plan,
        currency,
        billing_interval,
        status,
        cancellation_reason,
        amount,
        started_on,
        ended_on,
        updated_at,
        row_identity,
        version_rank,
        quarantine_reason,
        {{ cx_row_status() }} as row_status
    from classified

)

select * from final
