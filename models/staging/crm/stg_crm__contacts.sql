with

base as (

    select * from {{ ref('base_crm__contacts') }}
    where row_status = 'staged'

),

final as (

    select
        contact_id,
        referred_by_contact_id,
        email_hash,
        lifecycle_stage,
        acquisition_channel,
        segment,
        country,
        time_zone,
        lifecycle_stage = 'customer' as is_customer,
        created_at,
        converted_at,
        updated_at
    from base

)

select * from final
