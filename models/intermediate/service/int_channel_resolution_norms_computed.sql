{#- The normal resolution time of each channel on each day it has tickets
    open at the day's end (METRICS.md S3): the median final-resolution
    calendar time (fct_tickets) of the channel's tickets resolved in the
    var backlog_normal_time_window_days days ending that day (the day of
    the resolution in the reporting time zone), and the age past which an
    open ticket of the channel is overdue: var backlog_overdue_multiplier
    times that median. A channel with no resolution in the window has no
    normal time. Merged and deleted tickets are left out; tickets without a
    channel have no normal time. Grain: one row per channel and day
    (channel, backlog_date). -#}

with

open_tickets as (

    select * from {{ ref('int_open_tickets_aged_at_day_ends') }}

),

tickets as (

    select * from {{ ref('fct_tickets') }}
    where is_counted_in_metrics

),

channel_days as (

    select distinct
        channel,
        backlog_date,
        {{ dbt.datediff("cast('1970-01-01' as date)", 'backlog_date', 'day') }} as day_number  -- noqa: LT05
    from open_tickets
    where channel is not null

),

resolutions as (

    select
        channel,
        final_resolution_calendar_seconds,
        {{ dbt.datediff("cast('1970-01-01' as date)", cx_period_start('day', 'final_resolved_at'), 'day') }} as day_number  -- noqa: LT05
    from tickets
    where final_resolved_at is not null and channel is not null

),

trailing_medians as (

    select *
    from {{ cx_trailing_percentile('resolutions', 'channel_days', 'channel', 'day_number',
        'final_resolution_calendar_seconds', 0.5, var('backlog_normal_time_window_days')) }} as trailing_medians

),

final as (

    select
        channel_days.channel,
        channel_days.backlog_date,
        trailing_medians.trailing_samples as resolutions_in_window,
        trailing_medians.trailing_percentile as normal_resolution_calendar_seconds,
        {{ var('backlog_overdue_multiplier') }} * trailing_medians.trailing_percentile as overdue_after_calendar_seconds
    from channel_days
    inner join trailing_medians
        on
            channel_days.channel = trailing_medians.channel
            and channel_days.day_number = trailing_medians.day_number

)

select * from final
