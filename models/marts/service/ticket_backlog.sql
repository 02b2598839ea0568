{#- Ticket backlog (METRICS.md S3), daily only: at the end of each day in
    the reporting time zone, the tickets open (int_open_tickets_aged_at_day_ends:
    created, not resolved at that instant, reopen periods included) and, of
    those, the overdue ones: older from creation (calendar clock) than var
    backlog_overdue_multiplier times their channel's normal resolution
    time (int_channel_resolution_norms_computed). Tickets of a channel with
    no normal time that day are never overdue and are counted apart. The
    normal time in force is published on channel rows. A day with no ticket
    open at its end has no row. Merged and deleted tickets are left out.
    Grain: one row per period grain (always `day`), period start, channel,
    team and priority (each `all` on a total row). -#}

{%- set breakdowns = ['channel', 'team', 'priority'] %}

with

open_tickets as (

    select * from {{ ref('int_open_tickets_aged_at_day_ends') }}

),

norms as (

    select * from {{ ref('int_channel_resolution_norms_computed') }}

),

judged as (

    select
        open_tickets.channel,
        open_tickets.team,
        open_tickets.priority,
        open_tickets.age_calendar_seconds,
        norms.normal_resolution_calendar_seconds,
        norms.overdue_after_calendar_seconds,
        norms.resolutions_in_window,
        {{ cx_add_seconds(cx_epoch_start(), cx_epoch_seconds('open_tickets.day_ended_at') ~ ' - 1') }} as last_second_of_day,  -- noqa: LT05
        coalesce(open_tickets.age_calendar_seconds > norms.overdue_after_calendar_seconds, false) as is_overdue
    from open_tickets
    left join norms
        on
            open_tickets.channel = norms.channel
            and open_tickets.backlog_date = norms.backlog_date

),

daily_backlog as (

    -- counts and maxima add up: the open tickets are read once, each
    -- breakdown then rolls up these rows
    select
        last_second_of_day,
        channel,
        team,
        priority,
        count(*) as tickets_open,
        sum(case when is_overdue then 1 else 0 end) as tickets_overdue,
        sum(case when normal_resolution_calendar_seconds is null then 1 else 0 end) as tickets_open_without_normal_time,
        max(age_calendar_seconds) as max_open_age_calendar_seconds,
        max(normal_resolution_calendar_seconds) as normal_resolution_calendar_seconds,
        max(overdue_after_calendar_seconds) as overdue_after_calendar_seconds,
        max(resolutions_in_window) as resolutions_in_window
    from judged
    group by last_second_of_day, channel, team, priority

),

backlog_rows as (

    {{ cx_metric_rows('daily_backlog', 'last_second_of_day', breakdowns, '
        sum(tickets_open) as tickets_open,
        sum(tickets_overdue) as tickets_overdue,
        sum(tickets_open_without_normal_time) as tickets_open_without_normal_time,
        max(max_open_age_calendar_seconds) as max_open_age_calendar_seconds,
        max(normal_resolution_calendar_seconds) as normal_resolution_calendar_seconds,
        max(overdue_after_calendar_seconds) as overdue_after_calendar_seconds,
        max(resolutions_in_window) as resolutions_in_window', grains=['day']) }}

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    {%- set seconds = 'decimal(18, 2)' %}
    select
        cast(period_grain as {{ text }}) as period_grain,
        period_start,
        cast(channel as {{ text }}) as channel,
        cast(team as {{ text }}) as team,
        cast(priority as {{ text }}) as priority,
        cast(tickets_open as {{ bigint }}) as tickets_open,
        cast(tickets_overdue as {{ bigint }}) as tickets_overdue,
        cast(tickets_open_without_normal_time as {{ bigint }}) as tickets_open_without_normal_time,
        {{ cx_percent('tickets_overdue', 'tickets_open') }} as percent_overdue,
        cast(max_open_age_calendar_seconds as {{ bigint }}) as max_open_age_calendar_seconds,
        cast(case when channel != 'all' then normal_resolution_calendar_seconds end as {{ seconds }})
            as normal_resolution_calendar_seconds,
        cast(case when channel != 'all' then overdue_after_calendar_seconds end as {{ seconds }})
            as overdue_after_calendar_seconds,
        cast(case when channel != 'all' then coalesce(resolutions_in_window, 0) end as {{ bigint }})
            as resolutions_in_normal_time_window
    from backlog_rows

)

select * from final
