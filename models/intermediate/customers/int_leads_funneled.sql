{#- The lead funnel (METRICS.md C8-C10): every CRM contact as a lead,
    created on the day of created_at in the reporting time zone, with its
    first paid subscription (int_customers_cohorted) and whether that
    started within var conversion_window_days days of the creation (both
    ends included; a subscription started before the lead was created is
    no conversion); whether it came through a referral (a referring
    contact, or an acquisition channel of var
    referral_acquisition_channels); and whether its referrer was an active
    customer at the start of the month the lead was created (active at the
    previous month's end). Grain: one row per contact (contact_id). -#}

with

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

cohorts as (

    select * from {{ ref('int_customers_cohorted') }}

),

customer_months as (

    select * from {{ ref('int_customer_months_moved') }}

),

leads as (

    select
        contact_id,
        referred_by_contact_id,
        acquisition_channel,
        segment,
        country,
        created_at,
        {{ cx_period_start('day', 'created_at') }} as created_on
    from contacts
    where created_at is not null

),

funneled as (

    select
        leads.*,
        cohorts.first_paid_on,
        {{ dbt.datediff('leads.created_on', 'cohorts.first_paid_on', 'day') }} as days_to_first_paid,  -- noqa: LT05
        leads.referred_by_contact_id is not null
        or coalesce(leads.acquisition_channel in {{ cx_literal_list(var('referral_acquisition_channels')) }}, false)
            as is_referred,
        coalesce(referrer_months.was_active, false) as is_referrer_active_at_start
    from leads
    left join cohorts
        on leads.contact_id = cohorts.customer_id
    left join customer_months as referrer_months
        on
            leads.referred_by_contact_id = referrer_months.customer_id
            and referrer_months.month_start = cast({{ dbt.date_trunc('month', 'leads.created_on') }} as date)

),

final as (

    select
        contact_id,
        referred_by_contact_id,
        acquisition_channel,
        segment,
        country,
        created_at,
        created_on,
        first_paid_on,
        days_to_first_paid,
        coalesce(days_to_first_paid between 0 and {{ var('conversion_window_days') }}, false)
            as is_converted_within_window,
        is_referred,
        is_referrer_active_at_start
    from funneled

)

select * from final
