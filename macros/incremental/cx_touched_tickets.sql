{#- The body of a CTE listing the tickets an incremental per-ticket model
    must rebuild: every ticket with a row that base_helpdesk__tickets,
    base_helpdesk__ticket_messages or base_helpdesk__phone_calls classified
    after `relation` was built (their run stamps: `classified_at` later than
    the latest `built_at`) - a record whose raw rows changed, or whose
    parent appeared, went or changed state (a requester or caller contact
    arriving late, with an `updated_at` older than any lookback, among
    them: the base models follow their parents); and every ticket
    `relation` holds that is not staged any more (moved to quarantine, or
    deleted at the source, which leaves no row to stamp). Every ticket when
    `relation` is empty (the pre-hook may have deleted all its rows before
    the run reads it again). A ticket that left staging is among them: its
    rows are deleted and none come back. -#}
{% macro cx_touched_tickets(relation) -%}
    -- the latest build is read once (a CTE read several times is stored
    -- once on DuckDB and PostgreSQL), not once per branch
    with

    built as (

        select max(built_at) as built_at
        from {{ relation }}

    )

    {%- for base_model in ['base_helpdesk__tickets', 'base_helpdesk__ticket_messages', 'base_helpdesk__phone_calls'] %}
    select records.ticket_id
    from {{ ref(base_model) }} as records
    cross join built
    where
        records.ticket_id is not null
        and coalesce(records.classified_at > built.built_at, true)
    union
    {%- endfor %}
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
    is_incremental(), keeps a `built_at` column (cx_run_stamp), and
    declares `-- depends_on:` base_helpdesk__tickets,
    base_helpdesk__ticket_messages and base_helpdesk__phone_calls (read
    only on incremental runs). -#}
{% macro cx_ticket_incremental_config() -%}
    {{ return({
        'materialized': cx_volume_materialization(),
        'unique_key': 'ticket_id',
        'incremental_strategy': 'delete+insert',
        'on_schema_change': 'fail',
        'pre_hook': '{{ cx_delete_touched_tickets() }}',
    }) }}
{%- endmacro %}
