{#- Every local day of every business calendar over the data's range
    (tickets, messages and calls, widened by var business_clock_margin_days
    on each side), with the UTC instants of its local midnights and whether
    it is a holiday. Grain: one row per calendar and local date. -#}

with

calendars as (

    select * from {{ ref('business_calendars') }}

),

holidays as (

    select * from {{ ref('holidays') }}

),

tickets as (

    select * from {{ ref('stg_helpdesk__tickets') }}

),

messages as (

    select * from {{ ref('stg_helpdesk__ticket_messages') }}

),

calls as (

    select * from {{ ref('stg_helpdesk__phone_calls') }}

),

event_ranges as (

    select
        min(created_at) as first_at,
        max(coalesce(solved_at, created_at)) as last_at
    from tickets
    union all
    select
        min(created_at) as first_at,
        max(created_at) as last_at
    from messages
    union all
    select
        min(queue_entered_at) as first_at,
        max(coalesce(ended_at, answered_at, queue_entered_at)) as last_at
    from calls

),

bounds as (

    select
        cast({{ dbt.dateadd('day', -1 * var('business_clock_margin_days'), 'min(first_at)') }} as date) as first_date,
        cast({{ dbt.dateadd('day', var('business_clock_margin_days'), 'max(last_at)') }} as date) as last_date
    from event_ranges

),

spine as (

    {{ dbt.generate_series(var('business_clock_max_days')) }}

),

dates as (

    select cast({{ dbt.dateadd('day', 'spine.generated_number - 1', 'bounds.first_date') }} as date) as local_date
    from spine
    cross join bounds
    where spine.generated_number - 1 <= {{ dbt.datediff('bounds.first_date', 'bounds.last_date', 'day') }}

),

calendar_dates as (

    select
        calendars.calendar_id,
        calendars.time_zone,
        dates.local_date,
        {{ dbt.datediff("cast('1970-01-01' as date)", 'dates.local_date', 'day') }} as epoch_day  -- noqa: LT05
    from calendars
    cross join dates

),

walls as (

    select
        calendar_dates.*,
        calendar_dates.epoch_day * 86400 as midnight_wall_epoch,
        (calendar_dates.epoch_day + 1) * 86400 as next_midnight_wall_epoch
    from calendar_dates

),

placed as (

    {%- set wall_columns = ['midnight_wall_epoch', 'next_midnight_wall_epoch'] %}
    select * from {{ cx_walls_placed_in_utc('walls', 'time_zone', wall_columns) }} as placed_walls

),

final as (

    select
        placed.calendar_id,
        placed.time_zone,
        placed.local_date,
        -- ISO weekday, 1 = Monday: epoch day 0, 1970-01-01, was a Thursday
        mod(mod(placed.epoch_day + 3, 7) + 7, 7) + 1 as iso_day_of_week,
        holidays.holiday_date is not null as is_holiday,
        holidays.holiday_name,
        placed.midnight_wall_epoch,
        placed.midnight_wall_epoch_utc_epoch as day_start_epoch,
        placed.next_midnight_wall_epoch_utc_epoch as day_end_epoch
    from placed
    left join holidays
        on
            placed.calendar_id = holidays.calendar_id
            and placed.local_date = holidays.holiday_date

)

select * from final
