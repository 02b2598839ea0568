{#- The business clock: every opening of every calendar as a UTC interval,
    in order, with the business seconds the calendar had been open before
    it. Business seconds between two instants are F(end) - F(start), where
    F(t) = seconds open before the last opening that started at or before t,
    plus the part of that opening already elapsed at t
    (macro cx_business_clock_readings); the instant a number of business
    seconds is reached is found the other way (cx_business_clock_due_times).
    Holidays have no openings; a local opening time that does not exist
    (spring-forward gap) is read as in cx_walls_placed_in_utc, and an opening
    that the gap leaves empty is dropped. Grain: one row per calendar and
    opening (calendar_id, open_epoch). -#}

with

calendar_days as (

    select * from {{ ref('int_business_calendar_days') }}

),

business_hours as (

    select * from {{ ref('business_hours') }}

),

opening_walls as (

    select
        calendar_days.calendar_id,
        calendar_days.time_zone,
        calendar_days.local_date,
        calendar_days.midnight_wall_epoch
        + cast(substring(business_hours.opens_at, 1, 2) as {{ dbt.type_int() }}) * 3600
        + cast(substring(business_hours.opens_at, 4, 2) as {{ dbt.type_int() }}) * 60 as open_wall_epoch,
        calendar_days.midnight_wall_epoch
        + cast(substring(business_hours.closes_at, 1, 2) as {{ dbt.type_int() }}) * 3600
        + cast(substring(business_hours.closes_at, 4, 2) as {{ dbt.type_int() }}) * 60 as close_wall_epoch
    from calendar_days
    inner join business_hours
        on
            calendar_days.calendar_id = business_hours.calendar_id
            and calendar_days.iso_day_of_week = business_hours.day_of_week
    where not calendar_days.is_holiday

),

placed as (

    select
        calendar_id,
        local_date,
        open_wall_epoch_utc_epoch as open_epoch,
        close_wall_epoch_utc_epoch as close_epoch
    from {{ cx_walls_placed_in_utc('opening_walls', 'time_zone', ['open_wall_epoch', 'close_wall_epoch']) }}
        as placed_walls

),

nonempty as (

    select
        *,
        close_epoch - open_epoch as open_seconds
    from placed
    where close_epoch > open_epoch

),

final as (

    select
        calendar_id,
        local_date,
        open_epoch,
        close_epoch,
        open_seconds,
        coalesce(
            sum(open_seconds) over (
                partition by calendar_id
                order by open_epoch
                rows between unbounded preceding and 1 preceding
            ),
            0
        ) as seconds_open_before,
        sum(open_seconds) over (
            partition by calendar_id
            order by open_epoch
            rows between unbounded preceding and current row
        ) as seconds_open_through
    from nonempty

)

select * from final
