{#- Task completion (METRICS.md V6), in the shape every metric mart
    shares: of the answers to "did you do what you came for?" given in the
    period (answered_at), the share answered yes. Invitations are counted in
    the period they were sent, with those of them answered since: the
    response rate. Grain: one row per period grain, period start and
    segment (`all` on a total row). -#}

{%- set breakdowns = ['segment'] %}

with

invitations as (

    select * from {{ ref('int_visit_answers_paired') }}
    where survey_type = 'task_completion'

),

answers as (

    select * from invitations
    where task_answer is not null

),

answer_rows as (

    {{ cx_metric_rows('answers', 'answered_at', breakdowns, '
        count(*) as responses,
        sum(case when is_task_completed then 1 else 0 end) as completed_responses') }}

),

invitation_rows as (

    {{ cx_survey_invitation_rows('invitations', breakdowns) }}

),

joined as (

    {{ cx_metric_rows_joined({
        'answer_rows': ['responses', 'completed_responses'],
        'invitation_rows': ['invitations_sent', 'invitations_answered']}, breakdowns) }}

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    select
        cast(period_grain as {{ text }}) as period_grain,
        period_start,
        cast(segment as {{ text }}) as segment,
        cast(coalesce(responses, 0) as {{ bigint }}) as responses,
        cast(coalesce(completed_responses, 0) as {{ bigint }}) as completed_responses,
        {{ cx_percent('completed_responses', 'responses') }} as percent_task_completion,
        {{ cx_survey_invitation_columns() }}
    from joined

)

select * from final
