{#- The raw tables of the contract as (source, table) pairs, in dependency
    order. Static on purpose: tests that ref() the staging models need the
    list while dbt parses, before the graph exists. A singular test checks it
    against the source definitions (tests/staging/assert_raw_table_list_complete). -#}
{% macro cx_raw_table_list() -%}
    {{ return([
        ('crm', 'contacts'),
        ('helpdesk', 'tickets'),
        ('helpdesk', 'ticket_messages'),
        ('helpdesk', 'phone_calls'),
        ('survey', 'responses'),
        ('billing', 'subscriptions'),
        ('billing', 'marketing_spend'),
    ]) }}
{%- endmacro %}
