{#- Every staged ticket's durations on two clocks: calendar seconds, and
    business seconds on its calendar's business clock (int_business_openings,
    read by cx_business_clock_readings), for the first response (from the
    customer's first message to the first human public reply; 0 when the
    reply is stamped before the message, and likewise any end stamped
    before its start), the first resolution and the final
    resolution (both from creation). Also the clock's readings at creation
    and at the first-response start, from which SLA due times on the
    business clock are found. Grain: one row per ticket (ticket_id). -#}

with

tickets as (

    select * from {{ ref('int_tickets_joined_to_events') }}

),

epochs as (

    select
        ticket_id,
        calendar_id,
        {{ cx_epoch_seconds('created_at') }} as created_epoch,
        {{ cx_epoch_seconds('first_response_clock_started_at') }} as first_response_clock_started_epoch,  -- noqa: LT05
        {{ cx_epoch_seconds('first_responded_at') }} as first_responded_epoch,  -- noqa: LT05
        {{ cx_epoch_seconds('first_resolved_at') }} as first_resolved_epoch,
        {{ cx_epoch_seconds('final_resolved_at') }} as final_resolved_epoch
    from tickets

),

instants as (

    {%- set instant_columns = [
        'created_epoch', 'first_response_clock_started_epoch', 'first_responded_epoch',
        'first_resolved_epoch', 'final_resolved_epoch'] %}
    {%- for column in instant_columns %}
        select
            calendar_id,
            {{ column }} as instant_epoch
        from epochs
        where {{ column }} is not null
        {%- if not loop.last %}
            union
        {%- endif %}
    {%- endfor %}

),

readings as (

    select * from {{ cx_business_clock_readings('instants') }} as clock_readings

),

read as (

    select
        epochs.*,
        at_created.business_epoch as created_business_epoch,
        at_clock_start.business_epoch as first_response_clock_started_business_epoch,
        at_response.business_epoch as first_responded_business_epoch,
        at_first_resolution.business_epoch as first_resolved_business_epoch,
        at_final_resolution.business_epoch as final_resolved_business_epoch
    from epochs
    left join readings as at_created
        on
            epochs.calendar_id = at_created.calendar_id
            and epochs.created_epoch = at_created.instant_epoch
    left join readings as at_clock_start
        on
            epochs.calendar_id = at_clock_start.calendar_id
            and epochs.first_response_clock_started_epoch = at_clock_start.instant_epoch
    left join readings as at_response
        on
            epochs.calendar_id = at_response.calendar_id
            and epochs.first_responded_epoch = at_response.instant_epoch
    left join readings as at_first_resolution
        on
            epochs.calendar_id = at_first_resolution.calendar_id
            and epochs.first_resolved_epoch = at_first_resolution.instant_epoch
    left join readings as at_final_resolution
        on
            epochs.calendar_id = at_final_resolution.calendar_id
            and epochs.final_resolved_epoch = at_final_resolution.instant_epoch

),

final as (

    select
        ticket_id,
        calendar_id,
        created_epoch,
        created_business_epoch,
        first_response_clock_started_epoch,
        first_response_clock_started_business_epoch,
        {{ cx_seconds_between('first_response_clock_started_epoch', 'first_responded_epoch') }}
            as first_response_calendar_seconds,
        {{ cx_seconds_between('first_response_clock_started_business_epoch', 'first_responded_business_epoch') }}
            as first_response_business_seconds,
        {{ cx_seconds_between('created_epoch', 'first_resolved_epoch') }} as first_resolution_calendar_seconds,
        {{ cx_seconds_between('created_business_epoch', 'first_resolved_business_epoch') }}
            as first_resolution_business_seconds,
        {{ cx_seconds_between('created_epoch', 'final_resolved_epoch') }} as final_resolution_calendar_seconds,
        {{ cx_seconds_between('created_business_epoch', 'final_resolved_business_epoch') }}
            as final_resolution_business_seconds
    from read

)

select * from final
