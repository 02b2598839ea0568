{#- No personal data past staging. At compile time, every model and seed
    outside the layers of var personal_data_layers (raw and quarantine hold
    raw personal data, staging its pseudonyms) is listed from the graph and
    its columns read from the warehouse. Returns:
    - each column named like a personal column of the raw contract (meta
      personal_data: true in the source definitions), or like the raw text
      (`raw_` + name) of a column that holds or may hold personal data;
    - per text column, how many values are shaped like an email address
      (cx_looks_like_email) or a phone number (cx_looks_like_phone). Each
      relation is read once, however many text columns it has: one row of
      counts, then one row per column and shape.
    Values are counted, never returned: a stored failure would copy them.
    The test must run after everything it reads, so it depends on each of
    them by a `depends_on` line below, and does not compile while a model or
    seed it reads is missing from those lines. -#}

-- depends_on: {{ ref('raw_data_quality') }}
-- depends_on: {{ ref('business_calendars') }}
-- depends_on: {{ ref('complaints') }}
-- depends_on: {{ ref('contact_volume') }}
-- depends_on: {{ ref('digitalization_rate') }}
-- depends_on: {{ ref('fct_tickets') }}
-- depends_on: {{ ref('first_contact_resolution') }}
-- depends_on: {{ ref('first_response_time') }}
-- depends_on: {{ ref('int_business_calendar_days') }}
-- depends_on: {{ ref('int_backlog_days_ended') }}
-- depends_on: {{ ref('int_business_openings') }}
-- depends_on: {{ ref('int_phone_calls_waited') }}
-- depends_on: {{ ref('int_contacts_unioned') }}
-- depends_on: {{ ref('int_channel_resolution_norms_computed') }}
-- depends_on: {{ ref('int_open_tickets_aged_at_day_ends') }}
-- depends_on: {{ ref('int_ticket_events_classified') }}
-- depends_on: {{ ref('int_ticket_sla_targets_evaluated') }}
-- depends_on: {{ ref('int_ticket_status_intervals') }}
-- depends_on: {{ ref('int_tickets_clocked') }}
-- depends_on: {{ ref('int_tickets_joined_to_events') }}
-- depends_on: {{ ref('int_survey_responses_scored') }}
-- depends_on: {{ ref('customer_satisfaction') }}
-- depends_on: {{ ref('net_promoter_score') }}
-- depends_on: {{ ref('customer_effort_score') }}
-- depends_on: {{ ref('brand_ambassadors') }}
-- depends_on: {{ ref('employee_satisfaction') }}
-- depends_on: {{ ref('int_visit_answers_paired') }}
-- depends_on: {{ ref('task_completion') }}
-- depends_on: {{ ref('visitor_intent') }}
-- depends_on: {{ ref('currency_rates') }}
-- depends_on: {{ ref('int_billing_months_spined') }}
-- depends_on: {{ ref('int_subscription_months_converted') }}
-- depends_on: {{ ref('int_customer_months_spined') }}
-- depends_on: {{ ref('int_customer_months_moved') }}
-- depends_on: {{ ref('mrr') }}
-- depends_on: {{ ref('churn_rate') }}
-- depends_on: {{ ref('customer_retention_rate') }}
-- depends_on: {{ ref('int_subscription_purchases_dated') }}
-- depends_on: {{ ref('int_customers_cohorted') }}
-- depends_on: {{ ref('cohort_retention') }}
-- depends_on: {{ ref('repurchase_rate') }}
-- depends_on: {{ ref('customer_lifetime_value') }}
-- depends_on: {{ ref('dim_customers') }}
-- depends_on: {{ ref('journey_touchpoints') }}
-- depends_on: {{ ref('int_customer_touchpoints_ordered') }}
-- depends_on: {{ ref('customer_journey') }}
-- depends_on: {{ ref('int_marketing_spend_converted') }}
-- depends_on: {{ ref('int_leads_funneled') }}
-- depends_on: {{ ref('int_customer_months_engaged') }}
-- depends_on: {{ ref('customer_acquisition_cost') }}
-- depends_on: {{ ref('conversion_rate') }}
-- depends_on: {{ ref('referral_rate') }}
-- depends_on: {{ ref('organic_growth') }}
-- depends_on: {{ ref('inactive_customers') }}
-- depends_on: {{ ref('customer_engagement') }}
-- depends_on: {{ ref('phone_service_level') }}
-- depends_on: {{ ref('reopen_rate') }}
-- depends_on: {{ ref('preferred_channel') }}
-- depends_on: {{ ref('resolution_time') }}
-- depends_on: {{ ref('sla_compliance') }}
-- depends_on: {{ ref('ticket_backlog') }}
-- depends_on: {{ ref('business_hours') }}
-- depends_on: {{ ref('cancellation_reasons') }}
-- depends_on: {{ ref('channel_synonyms') }}
-- depends_on: {{ ref('channels') }}
-- depends_on: {{ ref('holidays') }}
-- depends_on: {{ ref('load_reject_reasons') }}
-- depends_on: {{ ref('quarantine_reasons') }}
-- depends_on: {{ ref('service_level_targets') }}
-- depends_on: {{ ref('sla_targets') }}
-- depends_on: {{ ref('survey_types') }}
-- depends_on: {{ ref('teams') }}

{%- set named_columns = [] -%}
{%- set text_relations = [] -%}
{%- if execute -%}
    {%- set personal_names = [] -%}
    {%- for source in graph.sources.values() if source.package_name == project_name -%}
        {%- for column in source.columns.values() -%}
            {%- set personal = column.meta.get('personal_data', false) -%}
            {%- if personal is sameas true -%}
                {%- do personal_names.append(column.name) -%}
            {%- endif -%}
            {%- if personal is sameas true or personal == 'possible' -%}
                {%- do personal_names.append('raw_' ~ column.name) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}

    {%- set checked = [] -%}
    {%- for node in graph.nodes.values() | sort(attribute='name') -%}
        {%- if node.resource_type in ('model', 'seed') and node.package_name == project_name
              and node.config.schema not in var('personal_data_layers') -%}
            {%- do checked.append(node) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set unordered = [] -%}
    {%- for node in checked if node.unique_id not in model.depends_on.nodes -%}
        {%- do unordered.append(node.name) -%}
    {%- endfor -%}
    {%- if unordered -%}
        {{ exceptions.raise_compiler_error(
            "assert_no_personal_data_past_staging must run after every model and seed it reads: add a "
            ~ "`-- depends_on:` line with the ref of " ~ unordered | join(', ') ~ " to it") }}
    {%- endif -%}

    {%- for node in checked -%}
        {%- set relation = adapter.get_relation(
            database=(none if target.type == 'spark' else node.database),
            schema=node.schema,
            identifier=node.alias) -%}
        {%- if relation is not none -%}
            {%- set text_columns = [] -%}
            {%- for column in adapter.get_columns_in_relation(relation) -%}
                {%- if column.name | lower in personal_names -%}
                    {%- do named_columns.append((node.name, column.name | lower)) -%}
                {%- endif -%}
                {%- if column.is_string() or column.dtype | lower == 'string' -%}
                    {%- do text_columns.append(column.name | lower) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- if text_columns -%}
                {%- do text_relations.append((node.name, relation, text_columns)) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif %}

with

personal_column_names as (

    select
        'none' as relation_name,
        'none' as column_name,
        'none' as problem,
        0 as n_values
    {%- for relation_name, column_name in named_columns %}
    union all
    select
        '{{ relation_name }}' as relation_name,
        '{{ column_name }}' as column_name,
        'personal_data_column' as problem,
        1 as n_values
    {%- endfor %}

),

personal_looking_values as (

    select
        'none' as relation_name,
        'none' as column_name,
        'none' as problem,
        0 as n_values
    {%- for relation_name, relation, columns in text_relations %}
    union all
    select
        '{{ relation_name }}' as relation_name,
        checks.column_name,
        checks.problem,
        case
            {%- for column_name in columns %}
            when checks.check_number = {{ 2 * loop.index0 }} then counted.n_{{ 2 * loop.index0 }}
            when checks.check_number = {{ 2 * loop.index0 + 1 }} then counted.n_{{ 2 * loop.index0 + 1 }}
            {%- endfor %}
        end as n_values
    from (
        select
            {%- for column_name in columns %}
            count(case when {{ cx_looks_like_email(column_name) }} then 1 end) as n_{{ 2 * loop.index0 }},
            count(case when {{ cx_looks_like_phone(column_name) }} then 1 end) as n_{{ 2 * loop.index0 + 1 }}
            {{- "," if not loop.last }}
            {%- endfor %}
        from {{ relation }}
    ) as counted
    cross join (
        {%- for column_name in columns %}
        select
            {{ 2 * loop.index0 }} as check_number,
            '{{ column_name }}' as column_name,
            'email_like_values' as problem
        union all
        select
            {{ 2 * loop.index0 + 1 }} as check_number,
            '{{ column_name }}' as column_name,
            'phone_like_values' as problem
        {%- if not loop.last %}
        union all
        {%- endif %}
        {%- endfor %}
    ) as checks
    {%- endfor %}

),

findings as (

    select * from personal_column_names
    union all
    select * from personal_looking_values

)

select *
from findings
where n_values > 0
