{#- Reopen rate (METRICS.md S5), in the shape every metric mart shares: of
    the tickets whose final resolution fell in the period, those reopened at
    least once before it. A ticket reopened and solved again counts once,
    in the period of its final resolution; a ticket reopened and still open
    is not resolved and waits for its next resolution. Merged and deleted
    tickets are left out. Grain: one row per period grain, period start,
    channel, team and priority (each `all` on a total row). -#}

{%- set breakdowns = ['channel', 'team', 'priority'] %}

with

tickets as (

    select * from {{ ref('fct_tickets') }}
    where is_counted_in_metrics

),

resolutions as (

    select * from tickets
    where final_resolved_at is not null

),

resolution_rows as (

    {{ cx_metric_rows('resolutions', 'final_resolved_at', breakdowns, '
        count(*) as tickets_resolved,
        sum(case when is_reopened then 1 else 0 end) as tickets_reopened') }}

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    select
        cast(period_grain as {{ text }}) as period_grain,
        period_start,
        cast(channel as {{ text }}) as channel,
        cast(team as {{ text }}) as team,
        cast(priority as {{ text }}) as priority,
        cast(tickets_resolved as {{ bigint }}) as tickets_resolved,
        cast(tickets_reopened as {{ bigint }}) as tickets_reopened,
        cast(100.0 * tickets_reopened / nullif(tickets_resolved, 0) as decimal(7, 2)) as percent_reopened
    from resolution_rows

)

select * from final
