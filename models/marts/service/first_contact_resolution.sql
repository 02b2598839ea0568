{#- First contact resolution (METRICS.md S4), in the shape every metric
    mart shares, read two ways. Headline: of the tickets whose final
    resolution fell in the period, those resolved at first contact
    (fct_tickets.is_first_contact_resolution: never reopened, exactly one
    public agent reply, or one answered call on a phone channel). By
    creation cohort: of the tickets created in the period, those resolved
    at first contact so far (never above 100 %: the numerator is part of
    the denominator). The two readings attach to different timestamps and
    are joined by cx_metric_rows_joined. Merged and deleted tickets are
    left out. Grain: one row per period grain, period start, channel and
    team (each `all` on a total row). -#}

{%- set breakdowns = ['channel', 'team'] %}

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
        sum(case when is_first_contact_resolution then 1 else 0 end) as tickets_resolved_at_first_contact') }}

),

cohort_rows as (

    {{ cx_metric_rows('tickets', 'created_at', breakdowns, '
        count(*) as tickets_created,
        sum(case when is_first_contact_resolution then 1 else 0 end) as tickets_created_resolved_at_first_contact') }}

),

joined as (

    {{ cx_metric_rows_joined({
        'resolution_rows': ['tickets_resolved', 'tickets_resolved_at_first_contact'],
        'cohort_rows': ['tickets_created', 'tickets_created_resolved_at_first_contact']}, breakdowns) }}

),

counted as (

    select
        period_grain,
        period_start,
        channel,
        team,
        coalesce(tickets_resolved, 0) as tickets_resolved,
        coalesce(tickets_resolved_at_first_contact, 0) as tickets_resolved_at_first_contact,
        coalesce(tickets_created, 0) as tickets_created,
        coalesce(tickets_created_resolved_at_first_contact, 0) as tickets_created_resolved_at_first_contact
    from joined

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    select
        cast(period_grain as {{ text }}) as period_grain,
        period_start,
        cast(channel as {{ text }}) as channel,
        cast(team as {{ text }}) as team,
        cast(tickets_resolved as {{ bigint }}) as tickets_resolved,
        cast(tickets_resolved_at_first_contact as {{ bigint }}) as tickets_resolved_at_first_contact,
        {{ cx_percent('tickets_resolved_at_first_contact', 'tickets_resolved') }}
            as percent_first_contact_resolution,
        cast(tickets_created as {{ bigint }}) as tickets_created,
        cast(tickets_created_resolved_at_first_contact as {{ bigint }}) as tickets_created_resolved_at_first_contact,
        {{ cx_percent('tickets_created_resolved_at_first_contact', 'tickets_created') }}
            as percent_cohort_resolved_at_first_contact
    from counted

)

select * from final
