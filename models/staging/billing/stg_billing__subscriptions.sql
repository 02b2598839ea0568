with

base as (

    select * from {{ ref('base_billing__subscriptions') }}
    where row_status = 'staged'

),

final as (

    select
        subscription_id,
        contact_id,
        plan,
        currency,
        billing_interval,
        status,
        cancellation_reason,
        amount,
        -- Monthly recurring revenue of the subscription: yearly plans
        -- contribute a twelfth of their amount to each month.
        cast(
            case
                when billing_interval = 'year' then amount / 12
                else amount
            end as {{ dbt.type_numeric() }}
        ) as monthly_amount,
        started_on,
        ended_on,
        updated_at
    from base

)

select * from final
