{#- Reopen rate (METRICS.md S5), in the shape every metric mart shares: of
    the tickets whose final resolution fell in the period, the share
    reopened at least once before it. Both counts are resolution_time's
    (tickets_resolved, tickets_reopened: the same tickets, the same
    breakdowns), so they are counted in one place: a ticket reopened and
    solved again counts once, in the period of its final resolution; a
    ticket reopened and still open is not resolved. Merged and deleted
    tickets are left out. Grain: one row per period grain, period start,
    channel, team and priority (each `all` on a total row). -#}

with

resolution_rows as (

    select * from {{ ref('resolution_time') }}

),

final as (

    select
        period_grain,
        period_start,
        channel,
        team,
        priority,
        tickets_resolved,
        tickets_reopened,
        {{ cx_percent('tickets_reopened', 'tickets_resolved') }} as percent_reopened
    from resolution_rows

)

select * from final
