{#- contact_volume and digitalization_rate count the same contacts: for
    every period, their total rows agree with each other and with the
    contacts of int_contacts_unioned in that period. Lists each period
    where they do not. -#}

with

contacts as (

    select * from {{ ref('int_contacts_unioned') }}

),

volume as (

    select
        period_grain,
        period_start,
        contacts
    from {{ ref('contact_volume') }}
    where channel = 'all' and team = 'all' and contacts > 0

),

digitalization as (

    select
        period_grain,
        period_start,
        contacts
    from {{ ref('digitalization_rate') }}
    where team = 'all'

),

counted as (

    {{ cx_metric_rows('contacts', 'contacted_at', [], 'count(*) as contacts') }}

),

final as (

    select
        coalesce(counted.period_grain, volume.period_grain, digitalization.period_grain) as period_grain,
        coalesce(counted.period_start, volume.period_start, digitalization.period_start) as period_start,
        counted.contacts as contacts_of_the_period,
        volume.contacts as contact_volume_contacts,
        digitalization.contacts as digitalization_rate_contacts
    from counted
    full outer join volume
        on
            counted.period_grain = volume.period_grain
            and counted.period_start = volume.period_start
    full outer join digitalization
        on
            coalesce(counted.period_grain, volume.period_grain) = digitalization.period_grain
            and coalesce(counted.period_start, volume.period_start) = digitalization.period_start
    where
        counted.contacts is null
        or volume.contacts is null
        or digitalization.contacts is null
        or counted.contacts != volume.contacts
        or counted.contacts != digitalization.contacts

)

select * from final
