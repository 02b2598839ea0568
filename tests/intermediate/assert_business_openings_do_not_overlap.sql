{#- The business clock's openings of one calendar follow each other without
    overlapping (one may start when the previous ends): two intervals of one
    day in seed business_hours that overlap would count the same seconds
    twice. Lists every opening that starts before the previous one ended. -#}

with

openings as (

    select * from {{ ref('int_business_openings') }}

),

ordered as (

    select
        calendar_id,
        local_date,
        open_epoch,
        lag(close_epoch) over (partition by calendar_id order by open_epoch) as previous_close_epoch
    from openings

),

final as (

    select *
    from ordered
    where open_epoch < previous_close_epoch

)

select * from final
