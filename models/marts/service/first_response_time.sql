{#- First response time (METRICS.md S1), in the shape every metric mart
    shares. A first response belongs to the period in which it was sent;
    the mart publishes the count, total, mean, median and p90 in calendar
    and business seconds, how many came within the channel's benchmark
    (seed channels, upper bound), and, at each period's end, the tickets
    still awaiting a first response and their age. Merged, deleted and
    outbound tickets are left out. Grain: one row per period grain, period
    start, channel, team and priority (each `all` on a total row). -#}

{%- set breakdowns = ['channel', 'team', 'priority'] %}

with

tickets as (

    select * from {{ ref('fct_tickets') }}
    where is_counted_in_metrics and not is_outbound

),

channels as (

    select * from {{ ref('channels') }}

),

responses as (

    select
        tickets.channel,
        tickets.team,
        tickets.priority,
        tickets.first_responded_at,
        tickets.first_response_calendar_seconds,
        tickets.first_response_business_seconds,
        channels.frt_benchmark_max_seconds as benchmark_seconds
    from tickets
    left join channels
        on tickets.channel = channels.channel
    where tickets.first_responded_at is not null

),

response_rows as (

    {{ cx_metric_rows('responses', 'first_responded_at', breakdowns, '
        count(*) as first_responses,
        sum(first_response_calendar_seconds) as total_first_response_calendar_seconds,
        avg(first_response_calendar_seconds) as mean_first_response_calendar_seconds,
        ' ~ cx_percentile('first_response_calendar_seconds', 0.5) ~ ' as median_first_response_calendar_seconds,
        ' ~ cx_percentile('first_response_calendar_seconds', 0.9) ~ ' as p90_first_response_calendar_seconds,
        sum(first_response_business_seconds) as total_first_response_business_seconds,
        avg(first_response_business_seconds) as mean_first_response_business_seconds,
        ' ~ cx_percentile('first_response_business_seconds', 0.5) ~ ' as median_first_response_business_seconds,
        ' ~ cx_percentile('first_response_business_seconds', 0.9) ~ ' as p90_first_response_business_seconds,
        sum(case when benchmark_seconds is not null then 1 else 0 end) as first_responses_with_benchmark,
        sum(case when first_response_calendar_seconds <= benchmark_seconds then 1 else 0 end)
            as first_responses_within_benchmark') }}

),

period_ends as (

    select * from {{ cx_period_ends('tickets', 'first_response_clock_started_at') }} as ends

),

waiting_tickets as (

    select
        channel,
        team,
        priority,
        {{ cx_epoch_seconds('first_response_clock_started_at') }} as started_epoch,  -- noqa: LT05
        {{ cx_epoch_seconds('first_responded_at') }} as responded_epoch
    from tickets

),

awaiting as (

    select
        period_ends.period_grain,
        waiting_tickets.channel,
        waiting_tickets.team,
        waiting_tickets.priority,
        {{ cx_add_seconds(cx_epoch_start(), 'period_ends.period_end_epoch - 1') }} as last_second_of_period,
        period_ends.period_end_epoch - waiting_tickets.started_epoch as age_seconds
    from period_ends
    inner join waiting_tickets
        on
            period_ends.period_end_epoch > waiting_tickets.started_epoch
            and period_ends.period_end_epoch <= coalesce(waiting_tickets.responded_epoch, period_ends.period_end_epoch)

),

awaiting_rows as (

    {{ cx_metric_rows('awaiting', 'last_second_of_period', breakdowns, '
        count(*) as tickets_awaiting_first_response,
        avg(age_seconds) as mean_awaiting_age_seconds,
        max(age_seconds) as max_awaiting_age_seconds', grain_column='period_grain') }}

),

joined as (

    {{ cx_metric_rows_joined({
        'response_rows': [
            'first_responses',
            'total_first_response_calendar_seconds',
            'mean_first_response_calendar_seconds',
            'median_first_response_calendar_seconds',
            'p90_first_response_calendar_seconds',
            'total_first_response_business_seconds',
            'mean_first_response_business_seconds',
            'median_first_response_business_seconds',
            'p90_first_response_business_seconds',
            'first_responses_with_benchmark',
            'first_responses_within_benchmark'],
        'awaiting_rows': [
            'tickets_awaiting_first_response',
            'mean_awaiting_age_seconds',
            'max_awaiting_age_seconds']}, breakdowns) }}

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    {%- set seconds = 'decimal(18, 2)' %}
    select
        cast(joined.period_grain as {{ text }}) as period_grain,
        joined.period_start,
        cast(joined.channel as {{ text }}) as channel,
        cast(joined.team as {{ text }}) as team,
        cast(joined.priority as {{ text }}) as priority,
        cast(coalesce(joined.first_responses, 0) as {{ bigint }}) as first_responses,
        cast(coalesce(joined.total_first_response_calendar_seconds, 0) as {{ bigint }})
            as total_first_response_calendar_seconds,
        cast(joined.mean_first_response_calendar_seconds as {{ seconds }}) as mean_first_response_calendar_seconds,
        cast(joined.median_first_response_calendar_seconds as {{ seconds }}) as median_first_response_calendar_seconds,
        cast(joined.p90_first_response_calendar_seconds as {{ seconds }}) as p90_first_response_calendar_seconds,
        cast(coalesce(joined.total_first_response_business_seconds, 0) as {{ bigint }})
            as total_first_response_business_seconds,
        cast(joined.mean_first_response_business_seconds as {{ seconds }}) as mean_first_response_business_seconds,
        cast(joined.median_first_response_business_seconds as {{ seconds }}) as median_first_response_business_seconds,
        cast(joined.p90_first_response_business_seconds as {{ seconds }}) as p90_first_response_business_seconds,
        cast(coalesce(joined.first_responses_with_benchmark, 0) as {{ bigint }}) as first_responses_with_benchmark,
        cast(coalesce(joined.first_responses_within_benchmark, 0) as {{ bigint }}) as first_responses_within_benchmark,
        {{ cx_percent('joined.first_responses_within_benchmark', 'joined.first_responses_with_benchmark') }}
            as percent_within_benchmark,
        cast(channels.frt_benchmark_max_seconds as {{ bigint }}) as target_first_response_seconds,
        joined.median_first_response_calendar_seconds <= channels.frt_benchmark_max_seconds as meets_target,
        cast(coalesce(joined.tickets_awaiting_first_response, 0) as {{ bigint }}) as tickets_awaiting_first_response,
        cast(joined.mean_awaiting_age_seconds as {{ seconds }}) as mean_awaiting_age_seconds,
        cast(joined.max_awaiting_age_seconds as {{ bigint }}) as max_awaiting_age_seconds
    from joined
    left join channels
        on joined.channel = channels.channel

)

select * from final
