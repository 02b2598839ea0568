{#- Contacts (METRICS.md S6): every customer-initiated ticket, on its
    channel at its creation, and every offered inbound call (answered or
    abandoned) that no ticket records, on the phone channel at its queue
    entry. A call logged on a staged ticket is that ticket's contact, never
    a second one. Outbound tickets are not contacts; merged and deleted
    tickets are left out like in every metric mart (is_counted_in_metrics).
    Whether a contact is digital comes from seed channels. Grain: one row
    per contact (contact_key). -#}

with

tickets as (

    select * from {{ ref('fct_tickets') }}

),

calls as (

    select * from {{ ref('stg_helpdesk__phone_calls') }}

),

channels as (

    select * from {{ ref('channels') }}

),

ticket_contacts as (

    select
        {{ dbt.concat(["'ticket-'", 'ticket_id']) }} as contact_key,
        'ticket' as contact_source,
        ticket_id,
        cast(null as {{ dbt.type_string() }}) as call_id,
        requester_contact_id as customer_contact_id,
        channel,
        team,
        created_at as contacted_at
    from tickets
    where is_counted_in_metrics and not is_outbound

),

ticketless_calls as (

    select calls.*
    from calls
    left join tickets
        on calls.ticket_id = tickets.ticket_id
    where
        calls.direction = 'inbound'
        and (calls.is_answered or calls.is_abandoned)
        and tickets.ticket_id is null

),

call_contacts as (

    select
        {{ dbt.concat(["'call-'", 'call_id']) }} as contact_key,
        'call' as contact_source,
        cast(null as {{ dbt.type_string() }}) as ticket_id,
        call_id,
        caller_contact_id as customer_contact_id,
        'phone' as channel,
        team,
        queue_entered_at as contacted_at
    from ticketless_calls

),

contacts as (

    select * from ticket_contacts
    union all
    select * from call_contacts

),

final as (

    select
        contacts.contact_key,
        contacts.contact_source,
        contacts.ticket_id,
        contacts.call_id,
        contacts.customer_contact_id,
        contacts.channel,
        contacts.team,
        coalesce(channels.is_digital, false) as is_digital,
        contacts.contacted_at
    from contacts
    left join channels
        on contacts.channel = channels.channel

)

select * from final
