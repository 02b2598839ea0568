{#- Complaints (METRICS.md S10), in the shape every metric mart shares:
    tickets of type complaint (fct_tickets.is_complaint) opened (created)
    in the period, resolved (final resolution) in the period, escalated in
    the period (fct_tickets.escalated_at, the first escalation), and pending
    at the period's end (created before it and not finally resolved by then;
    the period's end as for tickets awaiting a first response,
    cx_period_ends), at the end of every period in which some ticket was
    created or a complaint resolved or escalated. Each measure belongs to
    the period of its own timestamp; the four are joined by
    cx_metric_rows_joined. Merged and deleted tickets are left out. Grain:
    one row per period grain, period start, category, assignee agent, team,
    channel and resolution type (each `all` on a total row). -#}

{%- set breakdowns = ['category', 'assignee_agent_id', 'team', 'channel', 'resolution_type'] %}

with

tickets as (

    select * from {{ ref('fct_tickets') }}
    where is_counted_in_metrics

),

complaints as (

    select * from tickets
    where is_complaint

),

resolved_complaints as (

    select * from complaints
    where final_resolved_at is not null

),

escalated_complaints as (

    select * from complaints
    where escalated_at is not null

),

period_events as (

    select created_at as event_at from tickets
    union all
    select final_resolved_at as event_at from resolved_complaints
    union all
    select escalated_at as event_at from escalated_complaints

),

period_ends as (

    select * from {{ cx_period_ends('period_events', 'event_at') }} as ends

),

complaint_epochs as (

    select
        {%- for column in breakdowns %}
            {{ column }},
        {%- endfor %}
        {{ cx_epoch_seconds('created_at') }} as created_epoch,
        {{ cx_epoch_seconds('final_resolved_at') }} as resolved_epoch
    from complaints

),

pending as (

    select
        period_ends.period_grain,
        {%- for column in breakdowns %}
            complaint_epochs.{{ column }},
        {%- endfor %}
        {{ cx_add_seconds(cx_epoch_start(), 'period_ends.period_end_epoch - 1') }} as last_second_of_period
    from period_ends
    inner join complaint_epochs
        on
            period_ends.period_end_epoch > complaint_epochs.created_epoch
            and period_ends.period_end_epoch <= coalesce(complaint_epochs.resolved_epoch, period_ends.period_end_epoch)

),

opened_rows as (

    {{ cx_metric_rows('complaints', 'created_at', breakdowns, 'count(*) as complaints_opened') }}

),

resolved_rows as (

    {{ cx_metric_rows('resolved_complaints', 'final_resolved_at', breakdowns, 'count(*) as complaints_resolved') }}

),

escalated_rows as (

    {{ cx_metric_rows('escalated_complaints', 'escalated_at', breakdowns, 'count(*) as complaints_escalated') }}

),

pending_rows as (

    {{ cx_metric_rows('pending', 'last_second_of_period', breakdowns, 'count(*) as complaints_pending',
        grain_column='period_grain') }}

),

joined as (

    {{ cx_metric_rows_joined({
        'opened_rows': ['complaints_opened'],
        'pending_rows': ['complaints_pending'],
        'resolved_rows': ['complaints_resolved'],
        'escalated_rows': ['complaints_escalated']}, breakdowns) }}

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    select
        cast(period_grain as {{ text }}) as period_grain,
        period_start,
        {%- for column in breakdowns %}
            cast({{ column }} as {{ text }}) as {{ column }},
        {%- endfor %}
        cast(coalesce(complaints_opened, 0) as {{ bigint }}) as complaints_opened,
        cast(coalesce(complaints_pending, 0) as {{ bigint }}) as complaints_pending,
        cast(coalesce(complaints_resolved, 0) as {{ bigint }}) as complaints_resolved,
        cast(coalesce(complaints_escalated, 0) as {{ bigint }}) as complaints_escalated
    from joined

)

select * from final
