{#- Resolution time (METRICS.md S2), in the shape every metric mart
    shares. A ticket is resolved once, at its final resolution (the last
    entry into a resolved status from an unresolved one; solved -> closed is
    not a new resolution; reopened and still open is unresolved), and
    belongs to the period of that resolution. The mart publishes, for the
    tickets resolved in the period, the count, total, mean, median and p90 of
    the time from creation to final resolution in calendar and business
    seconds, and the same for their first resolution. Merged and deleted
    tickets are left out. Grain: one row per period grain, period start,
    channel, team and priority (each `all` on a total row). -#}

{%- set breakdowns = ['channel', 'team', 'priority'] %}
{%- set durations = [
    'final_resolution_calendar_seconds', 'final_resolution_business_seconds',
    'first_resolution_calendar_seconds', 'first_resolution_business_seconds'] %}
{%- set measures = [] %}
{%- for column in durations %}
    {%- do measures.append('sum(' ~ column ~ ') as total_' ~ column) %}
    {%- do measures.append('avg(' ~ column ~ ') as mean_' ~ column) %}
    {%- do measures.append(cx_percentile(column, 0.5) ~ ' as median_' ~ column) %}
    {%- do measures.append(cx_percentile(column, 0.9) ~ ' as p90_' ~ column) %}
{%- endfor %}

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

    {{ cx_metric_rows('resolutions', 'final_resolved_at', breakdowns,
        'count(*) as tickets_resolved, sum(case when is_reopened then 1 else 0 end) as tickets_reopened, '
        ~ measures | join(', ')) }}

),

final as (

    {%- set seconds = 'decimal(18, 2)' %}
    select
        cast(period_grain as {{ dbt.type_string() }}) as period_grain,
        period_start,
        {%- for column in breakdowns %}
            cast({{ column }} as {{ dbt.type_string() }}) as {{ column }},
        {%- endfor %}
        cast(tickets_resolved as {{ dbt.type_bigint() }}) as tickets_resolved,
        {%- for column in durations %}
            cast(total_{{ column }} as {{ dbt.type_bigint() }}) as total_{{ column }},
            cast(mean_{{ column }} as {{ seconds }}) as mean_{{ column }},
            cast(median_{{ column }} as {{ seconds }}) as median_{{ column }},
            cast(p90_{{ column }} as {{ seconds }}) as p90_{{ column }},
        {%- endfor %}
        -- last here; the table takes its column order from the contract (YAML)
        cast(tickets_reopened as {{ dbt.type_bigint() }}) as tickets_reopened
    from resolution_rows

)

select * from final
