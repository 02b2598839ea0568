{#- Every staged inbound phone call (stg_helpdesk__phone_calls) with its
    wait and its outcome for the phone service level (METRICS.md S9). The
    wait runs from the queue entry to the pick-up for an answered call and
    to the hang-up for an abandoned one, in whole seconds, never negative
    (cx_seconds_between). An offered call is answered or abandoned; a call
    the export marks as neither (not answered, and said not abandoned) is
    kept, flagged is_without_outcome, and is not offered. A call is answered
    within the threshold when it was answered and waited at most
    threshold_seconds (seed service_level_targets, row
    phone_service_level; the bound included). Outbound calls are placed by
    an agent: no wait, not offered, not here. Grain: one row per inbound
    call (call_id). -#}

with

calls as (

    select * from {{ ref('stg_helpdesk__phone_calls') }}
    where direction = 'inbound'

),

service_level_targets as (

    select * from {{ ref('service_level_targets') }}

),

epochs as (

    select
        call_id,
        ticket_id,
        agent_id,
        team,
        is_answered,
        is_abandoned,
        queue_entered_at,
        answered_at,
        ended_at,
        {{ cx_epoch_seconds('queue_entered_at') }} as queued_epoch,
        {{ cx_epoch_seconds('answered_at') }} as answered_epoch,
        {{ cx_epoch_seconds('ended_at') }} as ended_epoch
    from calls

),

waited as (

    select
        *,
        case
            when is_answered then {{ cx_seconds_between('queued_epoch', 'answered_epoch') }}
            when is_abandoned then {{ cx_seconds_between('queued_epoch', 'ended_epoch') }}
        end as wait_seconds
    from epochs

),

final as (

    select
        waited.call_id,
        waited.ticket_id,
        waited.agent_id,
        waited.team,
        waited.wait_seconds,
        service_level_targets.threshold_seconds,
        waited.is_answered,
        waited.is_abandoned,
        waited.is_answered or waited.is_abandoned as is_offered,
        not waited.is_answered and not waited.is_abandoned as is_without_outcome,
        waited.is_answered and waited.wait_seconds <= service_level_targets.threshold_seconds
            as is_answered_within_threshold,
        waited.queue_entered_at,
        waited.answered_at,
        waited.ended_at
    from waited
    left join service_level_targets
        on service_level_targets.metric = 'phone_service_level'

)

select * from final
