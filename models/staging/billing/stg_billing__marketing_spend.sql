with

base as (

    select * from {{ ref('base_billing__marketing_spend') }}
    where row_status = 'staged'

),

final as (

    select
        spend_id,
        channel,
        spend_type,
        currency,
        amount,
        spend_date,
        updated_at
    from base

)

select * from final
