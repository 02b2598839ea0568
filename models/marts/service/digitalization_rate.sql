{#- Digitalization rate (METRICS.md S8), in the shape every metric mart
    shares: contacts (int_contacts_unioned) on a digital channel (seed
    channels, is_digital) / all contacts, 0-100, with both parts. A contact
    belongs to the period of its own timestamp. Broken down by team only: a
    channel is wholly digital or not, so a channel's rate would be 0 or 100
    and tell nothing contact_volume does not. Grain: one row per period
    grain, period start and team (`all` on a total row). -#}

{%- set breakdowns = ['team'] %}

with

contacts as (

    select * from {{ ref('int_contacts_unioned') }}

),

contact_rows as (

    {{ cx_metric_rows('contacts', 'contacted_at', breakdowns, '
        count(*) as contacts,
        sum(case when is_digital then 1 else 0 end) as digital_contacts') }}

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    select
        cast(period_grain as {{ text }}) as period_grain,
        period_start,
        cast(team as {{ text }}) as team,
        cast(digital_contacts as {{ bigint }}) as digital_contacts,
        cast(contacts as {{ bigint }}) as contacts,
        {{ cx_percent('digital_contacts', 'contacts') }} as percent_digital
    from contact_rows

)

select * from final
