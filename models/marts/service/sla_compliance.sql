{#- SLA compliance (METRICS.md S11), in the shape every metric mart
    shares, per target type (first_response, resolution). A target belongs
    to the period in which it fell due (a breach has no event of its own);
    targets not yet due at the as-of instant are pending and counted apart,
    in the period they will fall due. The mart publishes the targets due,
    met and breached, the share met, and the time past due of the breaches.
    Merged and deleted tickets are left out; outbound tickets have no
    first-response target. Grain: one row per target type, period grain,
    period start, channel, team and priority (each `all` on a total row). -#}

{%- set breakdowns = ['channel', 'team', 'priority'] %}
{%- set target_types = ['first_response', 'resolution'] %}

with

tickets as (

    select * from {{ ref('fct_tickets') }}
    where is_counted_in_metrics

),

targets as (

    select * from {{ ref('int_ticket_sla_targets_evaluated') }}

),

judged_targets as (

    select
        targets.target_type,
        targets.due_at,
        targets.sla_status,
        targets.seconds_past_due,
        targets.is_breached_while_open,
        tickets.channel,
        tickets.team,
        tickets.priority
    from targets
    inner join tickets
        on targets.ticket_id = tickets.ticket_id

),

daily_targets as (

    -- counts and sums add up: the targets are read once, each grain and
    -- breakdown then rolls up these rows
    select
        target_type,
        {{ cx_period_start('day', 'due_at') }} as due_on,
        channel,
        team,
        priority,
        sum(case when sla_status in ('met', 'breached') then 1 else 0 end) as targets_due,
        sum(case when sla_status = 'met' then 1 else 0 end) as targets_met,
        sum(case when sla_status = 'breached' then 1 else 0 end) as targets_breached,
        sum(case when is_breached_while_open then 1 else 0 end) as targets_breached_while_open,
        sum(case when sla_status = 'pending' then 1 else 0 end) as targets_pending,
        sum(seconds_past_due) as total_seconds_past_due
    from judged_targets
    group by target_type, {{ cx_period_start('day', 'due_at') }}, channel, team, priority

),

first_response_targets as (

    select * from daily_targets
    where target_type = 'first_response'

),

resolution_targets as (

    select * from daily_targets
    where target_type = 'resolution'

),

sla_rows as (

    {%- for target_type in target_types %}
        select
            '{{ target_type }}' as target_type,
            per_period.*
        from (
            {{ cx_metric_rows(target_type ~ '_targets', 'due_on', breakdowns, '
                sum(targets_due) as targets_due,
                sum(targets_met) as targets_met,
                sum(targets_breached) as targets_breached,
                sum(targets_breached_while_open) as targets_breached_while_open,
                sum(targets_pending) as targets_pending,
                sum(total_seconds_past_due) as total_seconds_past_due', local_dates=true) }}
        ) as per_period
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

final as (

    {%- set bigint = dbt.type_bigint() %}
    select
        cast(target_type as {{ dbt.type_string() }}) as target_type,
        cast(period_grain as {{ dbt.type_string() }}) as period_grain,
        period_start,
        {%- for column in breakdowns %}
            cast({{ column }} as {{ dbt.type_string() }}) as {{ column }},
        {%- endfor %}
        cast(targets_due as {{ bigint }}) as targets_due,
        cast(targets_met as {{ bigint }}) as targets_met,
        cast(targets_breached as {{ bigint }}) as targets_breached,
        cast(targets_breached_while_open as {{ bigint }}) as targets_breached_while_open,
        cast(targets_pending as {{ bigint }}) as targets_pending,
        {{ cx_percent('targets_met', 'targets_due') }} as percent_met,
        cast(coalesce(total_seconds_past_due, 0) as {{ bigint }}) as total_seconds_past_due,
        cast(1.0 * total_seconds_past_due / nullif(targets_breached, 0) as decimal(18, 2)) as mean_seconds_past_due
    from sla_rows

)

select * from final
