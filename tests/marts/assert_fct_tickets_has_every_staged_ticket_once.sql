{#- fct_tickets holds every staged ticket exactly once: lists the tickets of
    stg_helpdesk__tickets missing from it or found more than once, and any
    ticket in it that staging does not have. -#}

with

staged as (

    select ticket_id from {{ ref('stg_helpdesk__tickets') }}

),

published as (

    select
        ticket_id,
        count(*) as times_published
    from {{ ref('fct_tickets') }}
    group by ticket_id

),

final as (

    select
        coalesce(staged.ticket_id, published.ticket_id) as ticket_id,
        coalesce(published.times_published, 0) as times_published,
        staged.ticket_id is not null as is_staged
    from staged
    full outer join published
        on staged.ticket_id = published.ticket_id
    where staged.ticket_id is null or coalesce(published.times_published, 0) != 1

)

select * from final
