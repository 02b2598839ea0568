{#- Every touchpoint of each CRM contact across the sources (seed
    journey_touchpoints): created in the CRM, first paid subscription,
    later subscriptions started, changed or cancelled, tickets opened and
    finally resolved, survey invitations answered. Ordered per contact by
    time - billing dates read as midnight UTC, and two touchpoints at the
    same instant in the seed's same_instant_order, then by source id -
    with the step number and the seconds since the contact's previous
    step. Grain: one row per contact and step (customer_id, step_number). -#}

with

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

subscriptions as (

    select * from {{ ref('stg_billing__subscriptions') }}

),

tickets as (

    select * from {{ ref('fct_tickets') }}

),

responses as (

    select * from {{ ref('stg_survey__responses') }}

),

touchpoint_kinds as (

    select * from {{ ref('journey_touchpoints') }}

),

paid_ranked as (

    select
        subscription_id,
        row_number() over (
            partition by contact_id
            order by started_on, subscription_id
        ) as paid_rank
    from subscriptions
    where amount > 0

),

replaced as (

    -- the days a subscription of the contact ended as replaced by another
    select distinct
        contact_id,
        ended_on
    from subscriptions
    where status = 'ended' and ended_on is not null

),

subscription_starts as (

    select
        subscriptions.contact_id,
        case
            when paid_ranked.paid_rank = 1 then 'converted'
            when replaced.contact_id is not null then 'subscription_changed'
            else 'subscription_started'
        end as touchpoint,
        cast(subscriptions.started_on as timestamp) as occurred_at,
        subscriptions.subscription_id as source_id
    from subscriptions
    left join paid_ranked
        on subscriptions.subscription_id = paid_ranked.subscription_id
    left join replaced
        on
            subscriptions.contact_id = replaced.contact_id
            and subscriptions.started_on = replaced.ended_on

),

touchpoints as (

    select
        contact_id as customer_id,
        'signed_up' as touchpoint,
        created_at as occurred_at,
        contact_id as source_id
    from contacts
    where created_at is not null

    union all

    select * from subscription_starts

    union all

    select
        contact_id as customer_id,
        'subscription_cancelled' as touchpoint,
        cast(ended_on as timestamp) as occurred_at,
        subscription_id as source_id
    from subscriptions
    where status = 'cancelled' and ended_on is not null

    union all

    select
        requester_contact_id as customer_id,
        'ticket_opened' as touchpoint,
        created_at as occurred_at,
        ticket_id as source_id
    from tickets
    where requester_contact_id is not null

    union all

    select
        requester_contact_id as customer_id,
        'ticket_resolved' as touchpoint,
        final_resolved_at as occurred_at,
        ticket_id as source_id
    from tickets
    where requester_contact_id is not null and final_resolved_at is not null

    union all

    select
        respondent_id as customer_id,
        'survey_answered' as touchpoint,
        answered_at as occurred_at,
        response_id as source_id
    from responses
    where respondent_type = 'contact' and respondent_id is not null and answered_at is not null

),

ordered as (

    -- the step number and the time since the previous step from one
    -- window, so the customer's touchpoints are sorted once
    {%- set customer_order %}
        partition by touchpoints.customer_id
        order by touchpoints.occurred_at, touchpoint_kinds.same_instant_order, touchpoints.source_id
    {%- endset %}
    select
        touchpoints.*,
        row_number() over ({{ customer_order }}) as step_number,
        {{ cx_epoch_seconds('touchpoints.occurred_at') }}
        - lag({{ cx_epoch_seconds('touchpoints.occurred_at') }}) over ({{ customer_order }})
            as seconds_since_previous_step
    from touchpoints
    inner join touchpoint_kinds
        on touchpoints.touchpoint = touchpoint_kinds.touchpoint

),

final as (

    select
        customer_id,
        step_number,
        touchpoint,
        occurred_at,
        source_id,
        seconds_since_previous_step
    from ordered

)

select * from final
