{#- Contact volume per channel (METRICS.md S6), in the shape every metric
    mart shares. A contact (int_contacts_unioned) belongs to the period of
    its own timestamp. Beside the contacts: every customer message (the
    opening one included; not contacts) at the message's timestamp, on the
    message's channel (the ticket's when the message names none); the
    customers who contacted; and contacts per customer as a distribution
    over those customers. On each row the distribution is taken over the
    row's own slice: on the total row a customer's contacts on every
    channel and team, on a channel's row only their contacts on that
    channel, so customers do not add up across a breakdown's rows (a
    customer on two channels counts on both). Grain: one row per period
    grain, period start, channel and team (each `all` on a total row). -#}

{%- set breakdowns = ['channel', 'team'] %}

with

contacts as (

    select * from {{ ref('int_contacts_unioned') }}

),

tickets as (

    select * from {{ ref('fct_tickets') }}
    where is_counted_in_metrics

),

events as (

    select * from {{ ref('int_ticket_events_classified') }}
    where is_customer_message

),

customer_messages as (

    select
        coalesce(events.channel, tickets.channel) as channel,
        tickets.team,
        events.created_at
    from events
    inner join tickets
        on events.ticket_id = tickets.ticket_id

),

contacts_and_messages as (

    select
        channel,
        team,
        contacted_at as happened_at,
        1 as is_contact
    from contacts
    union all
    select
        channel,
        team,
        created_at as happened_at,
        0 as is_contact
    from customer_messages

),

daily_volume as (

    -- counts add up, so each grain sums the days it holds: the rows are
    -- read once, not once per grain and breakdown
    select
        {{ cx_period_start('day', 'happened_at') }} as happened_on,
        channel,
        team,
        sum(is_contact) as contacts,
        sum(1 - is_contact) as customer_messages
    from contacts_and_messages
    group by {{ cx_period_start('day', 'happened_at') }}, channel, team

),

volume_rows as (

    {{ cx_metric_rows('daily_volume', 'happened_on', breakdowns, '
        sum(contacts) as contacts,
        sum(customer_messages) as customer_messages', local_dates=true) }}

),

identified_contacts as (

    select * from contacts
    where customer_contact_id is not null

),

customer_contacts as (

    {{ cx_metric_rows('identified_contacts', 'contacted_at', breakdowns, '
        count(*) as contacts', keys=['customer_contact_id']) }}

),

customer_rows as (

    select
        period_grain,
        period_start,
        {%- for column in breakdowns %}
            {{ column }},
        {%- endfor %}
        count(*) as customers_contacting,
        sum(contacts) as contacts_of_customers,
        avg(contacts) as mean_contacts_per_customer,
        {{ cx_percentile('contacts', 0.5) }} as median_contacts_per_customer,
        {{ cx_percentile('contacts', 0.9) }} as p90_contacts_per_customer
    from customer_contacts
    group by period_grain, period_start{% for column in breakdowns %}, {{ column }}{% endfor %}

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    {%- set per_customer = 'decimal(18, 2)' %}
    select
        cast(volume_rows.period_grain as {{ text }}) as period_grain,
        volume_rows.period_start,
        cast(volume_rows.channel as {{ text }}) as channel,
        cast(volume_rows.team as {{ text }}) as team,
        cast(coalesce(volume_rows.contacts, 0) as {{ bigint }}) as contacts,
        cast(coalesce(volume_rows.customer_messages, 0) as {{ bigint }}) as customer_messages,
        cast(coalesce(customer_rows.customers_contacting, 0) as {{ bigint }}) as customers_contacting,
        cast(coalesce(customer_rows.contacts_of_customers, 0) as {{ bigint }}) as contacts_of_customers,
        cast(customer_rows.mean_contacts_per_customer as {{ per_customer }}) as mean_contacts_per_customer,
        cast(customer_rows.median_contacts_per_customer as {{ per_customer }}) as median_contacts_per_customer,
        cast(customer_rows.p90_contacts_per_customer as {{ per_customer }}) as p90_contacts_per_customer
    from volume_rows
    left join customer_rows
        on
            volume_rows.period_grain = customer_rows.period_grain
            and volume_rows.period_start = customer_rows.period_start
            {%- for column in breakdowns %}
                and volume_rows.{{ column }} = customer_rows.{{ column }}
            {%- endfor %}

)

select * from final
