{#- Preferred channel (METRICS.md S7), month grain only (period_grain is
    always `month`). For each month with a contact, each customer's
    preferred channel is the channel of most of their contacts
    (int_contacts_unioned) in the trailing calendar months ending that
    month (var preferred_channel_window_months, the month itself
    included); among tied channels, the one with the most recent contact.
    Contacts of no identified customer have no preference. The mart counts
    customers per preferred channel and their share of all customers with a
    preference that month. Grain: one row per month and preferred channel
    (`all` on the month's total row). -#}

with

contacts as (

    select * from {{ ref('int_contacts_unioned') }}
    where customer_contact_id is not null

),

contact_months as (

    select
        customer_contact_id,
        channel,
        contacted_at,
        {{ cx_period_start('month', 'contacted_at') }} as contact_month
    from contacts

),

months as (

    select distinct contact_month as period_start
    from contact_months

),

window_contacts as (

    select
        months.period_start,
        contact_months.customer_contact_id,
        contact_months.channel,
        contact_months.contacted_at
    from months
    inner join contact_months
        on
            months.period_start >= contact_months.contact_month
            and {{ dbt.dateadd('month', -1 * var('preferred_channel_window_months'), 'months.period_start') }}
            < contact_months.contact_month

),

channel_counts as (

    select
        period_start,
        customer_contact_id,
        channel,
        count(*) as contacts,
        max(contacted_at) as last_contacted_at
    from window_contacts
    group by period_start, customer_contact_id, channel

),

ranked as (

    select
        period_start,
        customer_contact_id,
        channel,
        row_number() over (
            partition by period_start, customer_contact_id
            order by contacts desc, last_contacted_at desc, channel asc
        ) as channel_rank
    from channel_counts

),

preferences as (

    select
        period_start,
        customer_contact_id,
        coalesce(channel, 'unknown') as preferred_channel
    from ranked
    where channel_rank = 1

),

channel_rows as (

    select
        period_start,
        preferred_channel,
        count(*) as customers
    from preferences
    group by period_start, preferred_channel

),

total_rows as (

    select
        period_start,
        'all' as preferred_channel,
        count(*) as customers
    from preferences
    group by period_start

),

mart_rows as (

    select * from channel_rows
    union all
    select * from total_rows

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    select
        cast('month' as {{ text }}) as period_grain,
        mart_rows.period_start,
        cast(mart_rows.preferred_channel as {{ text }}) as preferred_channel,
        cast(mart_rows.customers as {{ bigint }}) as customers,
        cast(total_rows.customers as {{ bigint }}) as customers_with_preference,
        {{ cx_percent('mart_rows.customers', 'total_rows.customers') }} as percent_of_customers
    from mart_rows
    inner join total_rows
        on mart_rows.period_start = total_rows.period_start

)

select * from final
