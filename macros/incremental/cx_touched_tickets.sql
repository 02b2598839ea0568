{#- The body of a CTE listing the tickets an incremental per-ticket model
    must rebuild: every ticket with a raw ticket or message row (any row
    status) updated since the cutoff of `relation` (cx_incremental_cutoff
    over its `updated_at`), or without a readable `updated_at`; every ticket
    whose requester has a raw contact row updated since that cutoff (or
    unreadable): a contact that appears or goes moves its tickets in or out
    of staging with no row of their own changed; every ticket with a call
    that base_helpdesk__phone_calls classified after `relation` was built
    (their run stamps: `classified_at` later than the latest `built_at`) -
    a call whose raw rows changed, or whose caller appeared or went, however
    old the contact's `updated_at`; and every ticket `relation` holds that
    is not staged any more (moved to quarantine, or deleted at the source).
    Every ticket when `relation` is empty (no cutoff: the pre-hook may have
    deleted all its rows before the run reads it again). A ticket that left
    staging is among them: its rows are deleted and none come back. -#}
{% macro cx_touched_tickets(relation) -%}
    -- the cutoff is read once (a CTE read several times is stored once on
    -- DuckDB and PostgreSQL), not once per branch
    with

    cutoff as (

        select {{ cx_incremental_cutoff(relation) }} as cutoff_at

    ),

    built as (

        select max(built_at) as built_at
        from {{ relation }}

    ),

    contacts_changed as (

        select contacts.contact_id
        from {{ ref('base_crm__contacts') }} as contacts
        cross join cutoff
        where coalesce(contacts.updated_at >= cutoff.cutoff_at, true)

    )

    {%- for base_model in ['base_helpdesk__tickets', 'base_helpdesk__ticket_messages'] %}
    select records.ticket_id
    from {{ ref(base_model) }} as records
    cross join cutoff
    where
        records.ticket_id is not null
        and coalesce(records.updated_at >= cutoff.cutoff_at, true)
    union
    {%- endfor %}
    -- a requester that changed, appeared or went
    select tickets.ticket_id
    from {{ ref('base_helpdesk__tickets') }} as tickets
    where tickets.requester_contact_id in (select contacts_changed.contact_id from contacts_changed)
    union
    -- a call classified since the model was built: its raw rows changed,
    -- or its caller appeared or went, whatever the contact's updated_at
    select calls.ticket_id
    from {{ ref('base_helpdesk__phone_calls') }} as calls
    cross join built
    where
        calls.ticket_id is not null
        and coalesce(calls.classified_at > built.built_at, true)
    union
    -- a ticket that left staging (quarantined, or deleted at the source):
    -- its rows go
    select held.ticket_id
    from {{ relation }} as held
    where held.ticket_id not in (
        select staged.ticket_id from {{ ref('base_helpdesk__tickets') }} as staged
        where staged.row_status = 'staged'
    )
{%- endmacro %}

{#- Pre-hook of an incremental per-ticket model: deletes the rows of every
    touched ticket before the run inserts the ones it rebuilt. delete+insert
    alone deletes only the tickets that come back with rows: a ticket that
    left staging would keep its old ones. Nothing on a full build. -#}
{% macro cx_delete_touched_tickets() -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where ticket_id in ({{ cx_touched_tickets(this) }})
    {%- endif -%}
{%- endmacro %}

{#- The configuration of an incremental per-ticket model, for
    `config(**cx_ticket_incremental_config())`: incremental on DuckDB and
    PostgreSQL (a table on Spark, cx_volume_materialization), the rows of
    the touched tickets deleted first, then the rebuilt ones inserted. The
    model reads its per-ticket input through cx_touched_tickets when
    is_incremental(), keeps an `updated_at` column (its cutoff), and
    declares `-- depends_on:` base_helpdesk__tickets,
    base_helpdesk__ticket_messages, base_helpdesk__phone_calls and
    base_crm__contacts (read only on incremental runs). -#}
{% macro cx_ticket_incremental_config() -%}
    {{ return({
        'materialized': cx_volume_materialization(),
        'unique_key': 'ticket_id',
        'incremental_strategy': 'delete+insert',
        'on_schema_change': 'fail',
        'pre_hook': '{{ cx_delete_touched_tickets() }}',
    }) }}
{%- endmacro %}
