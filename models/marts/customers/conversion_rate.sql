{#- Conversion rate (METRICS.md C8), in the shape every metric mart shares:
    of the leads (CRM contacts) created in the period, those whose first
    paid subscription started within var conversion_window_days days of
    their creation, both ends included (int_leads_funneled); a subscription
    started before the lead was created is no conversion. Leads of the
    latest periods are still in their window and may convert yet. Grain:
    one row per period grain, period start, acquisition channel and segment
    (each `all` on a total row). -#}

{%- set breakdowns = ['acquisition_channel', 'segment'] %}

with

leads as (

    select * from {{ ref('int_leads_funneled') }}

),

lead_rows as (

    {{ cx_metric_rows('leads', 'created_at', breakdowns, '
        count(*) as leads,
        sum(case when is_converted_within_window then 1 else 0 end) as converted_leads') }}

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    select
        cast(period_grain as {{ text }}) as period_grain,
        period_start,
        cast(acquisition_channel as {{ text }}) as acquisition_channel,
        cast(segment as {{ text }}) as segment,
        cast(leads as {{ bigint }}) as leads,
        cast(converted_leads as {{ bigint }}) as converted_leads,
        {{ cx_percent('converted_leads', 'leads') }} as percent_converted
    from lead_rows

)

select * from final
