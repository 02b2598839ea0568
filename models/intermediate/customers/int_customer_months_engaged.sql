{#- Every customer-month of the spine (int_customer_months_spined) with the
    customer's contacts in the month (int_contacts_unioned, METRICS.md S6)
    and, as of the month's end, their latest contact and latest interaction
    - a contact or any touchpoint of theirs (int_customer_touchpoints_ordered)
    that seed journey_touchpoints marks as an interaction: a ticket opened,
    a survey answered, a subscription started or changed. Earlier ones, from before the first
    paid month, count in the first month. An active customer is inactive
    (METRICS.md C11) when their latest interaction is more than var
    inactivity_window_days days before the month's last day, or when they
    never had one. Grain: one row per customer and month (customer_id,
    month_start). -#}

with

customer_months as (

    select * from {{ ref('int_customer_months_spined') }}

),

contacts as (

    select * from {{ ref('int_contacts_unioned') }}

),

touchpoints as (

    select * from {{ ref('int_customer_touchpoints_ordered') }}

),

touchpoint_kinds as (

    select * from {{ ref('journey_touchpoints') }}

),

first_months as (

    select distinct
        customer_id,
        first_paid_month
    from customer_months

),

contact_events as (

    select
        customer_contact_id as customer_id,
        contacted_at as occurred_at,
        1 as is_contact
    from contacts
    where customer_contact_id is not null

),

interaction_events as (

    select
        customer_id,
        occurred_at,
        is_contact
    from contact_events
    union all
    select
        touchpoints.customer_id,
        touchpoints.occurred_at,
        0 as is_contact
    from touchpoints
    inner join touchpoint_kinds
        on touchpoints.touchpoint = touchpoint_kinds.touchpoint
    where touchpoint_kinds.is_interaction

),

monthly as (

    -- each event in its month, or in the customer's first paid month when earlier
    select
        interaction_events.customer_id,
        {%- set event_month = 'cast(' ~ dbt.date_trunc('month', 'interaction_events.occurred_at') ~ ' as date)' %}
        case
            when {{ event_month }} < first_months.first_paid_month then first_months.first_paid_month
            else {{ event_month }}
        end as month_start,
        sum(interaction_events.is_contact) as contacts,
        max(case when interaction_events.is_contact = 1 then interaction_events.occurred_at end) as last_contact_at,
        max(interaction_events.occurred_at) as last_interaction_at
    from interaction_events
    inner join first_months
        on interaction_events.customer_id = first_months.customer_id
    group by 1, 2

),

as_of_month_end as (

    select
        customer_months.customer_id,
        customer_months.month_start,
        customer_months.month_end,
        customer_months.is_active,
        customer_months.plan,
        customer_months.segment,
        customer_months.country,
        customer_months.acquisition_channel,
        coalesce(monthly.contacts, 0) as contacts_in_month,
        max(monthly.last_contact_at) over (
            partition by customer_months.customer_id
            order by customer_months.month_start
            rows between unbounded preceding and current row
        ) as last_contact_at,
        max(monthly.last_interaction_at) over (
            partition by customer_months.customer_id
            order by customer_months.month_start
            rows between unbounded preceding and current row
        ) as last_interaction_at
    from customer_months
    left join monthly
        on
            customer_months.customer_id = monthly.customer_id
            and customer_months.month_start = monthly.month_start

),

final as (

    select
        *,
        {{ dbt.datediff('cast(last_contact_at as date)', 'month_end', 'day') }} as days_since_last_contact,  -- noqa: LT05
        {{ dbt.datediff('cast(last_interaction_at as date)', 'month_end', 'day') }} as days_since_last_interaction,  -- noqa: LT05
        is_active
        and not coalesce(
            {{ dbt.datediff('cast(last_interaction_at as date)', 'month_end', 'day') }}
            <= {{ var('inactivity_window_days') }},
            false
        ) as is_inactive
    from as_of_month_end

)

select * from final
