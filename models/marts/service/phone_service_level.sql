{#- Phone wait time and service level (METRICS.md S9), in the shape every
    metric mart shares. A call belongs to the period in which it entered
    the queue. Offered calls are the answered and the abandoned ones
    (int_phone_calls_waited); the service level is the share of offered
    calls answered within the threshold (the bound included), against the
    target of seed service_level_targets (row phone_service_level). Also
    the average speed of answer (answered calls), the mean and p90 wait of
    the offered calls, the abandonment and answer rates, the share of
    answered calls answered within the threshold, and the inbound calls
    with neither outcome, counted apart. Grain: one row per period grain,
    period start and team (`all` on a total row). -#}

{%- set breakdowns = ['team'] %}

with

calls as (

    select * from {{ ref('int_phone_calls_waited') }}

),

service_level_targets as (

    select * from {{ ref('service_level_targets') }}

),

measured_calls as (

    select
        team,
        queue_entered_at,
        case when is_offered then 1 else 0 end as offered,
        case when is_answered then 1 else 0 end as answered,
        case when is_abandoned then 1 else 0 end as abandoned,
        case when is_answered_within_threshold then 1 else 0 end as answered_within_threshold,
        case when is_without_outcome then 1 else 0 end as without_outcome,
        case when is_offered then wait_seconds end as offered_wait_seconds,
        case when is_answered then wait_seconds end as answer_wait_seconds
    from calls

),

call_rows as (

    {{ cx_metric_rows('measured_calls', 'queue_entered_at', breakdowns, '
        sum(offered) as offered_calls,
        sum(answered) as answered_calls,
        sum(abandoned) as abandoned_calls,
        sum(answered_within_threshold) as calls_answered_within_threshold,
        sum(without_outcome) as calls_without_outcome,
        sum(answer_wait_seconds) as total_speed_of_answer_seconds,
        count(offered_wait_seconds) as offered_calls_with_wait,
        sum(offered_wait_seconds) as total_wait_seconds,
        avg(offered_wait_seconds) as mean_wait_seconds,
        ' ~ cx_percentile('offered_wait_seconds', 0.9) ~ ' as p90_wait_seconds') }}

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    {%- set seconds = 'decimal(18, 2)' %}
    {#- (percentage, numerator, denominator): each x 100, empty without a denominator #}
    {%- set percentages = [
        ('service_level_percent', 'calls_answered_within_threshold', 'offered_calls'),
        ('abandonment_rate_percent', 'abandoned_calls', 'offered_calls'),
        ('answer_rate_percent', 'answered_calls', 'offered_calls'),
        ('answered_within_threshold_percent', 'calls_answered_within_threshold', 'answered_calls'),
    ] %}
    select
        cast(call_rows.period_grain as {{ text }}) as period_grain,
        call_rows.period_start,
        cast(call_rows.team as {{ text }}) as team,
        {%- for column in ['offered_calls', 'answered_calls', 'abandoned_calls',
            'calls_answered_within_threshold', 'calls_without_outcome'] %}
            cast(call_rows.{{ column }} as {{ bigint }}) as {{ column }},
        {%- endfor %}
        {%- for column, numerator, denominator in percentages %}
            {{ cx_percent('call_rows.' ~ numerator, 'call_rows.' ~ denominator) }} as {{ column }},
        {%- endfor %}
        cast(service_level_targets.target_percent as decimal(7, 2)) as target_service_level_percent,
        cast(service_level_targets.threshold_seconds as {{ bigint }}) as threshold_seconds,
        case
            when call_rows.offered_calls > 0
                then
                    100 * call_rows.calls_answered_within_threshold
                    >= service_level_targets.target_percent * call_rows.offered_calls
        end as meets_target,
        cast(coalesce(call_rows.total_speed_of_answer_seconds, 0) as {{ bigint }}) as total_speed_of_answer_seconds,
        cast(
            1.0 * call_rows.total_speed_of_answer_seconds / nullif(call_rows.answered_calls, 0)
            as {{ seconds }}
        ) as mean_speed_of_answer_seconds,
        cast(call_rows.offered_calls_with_wait as {{ bigint }}) as offered_calls_with_wait,
        cast(coalesce(call_rows.total_wait_seconds, 0) as {{ bigint }}) as total_wait_seconds,
        cast(call_rows.mean_wait_seconds as {{ seconds }}) as mean_wait_seconds,
        cast(call_rows.p90_wait_seconds as {{ seconds }}) as p90_wait_seconds
    from call_rows
    left join service_level_targets
        on service_level_targets.metric = 'phone_service_level'

)

select * from final
