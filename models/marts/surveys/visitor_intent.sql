{#- Visitor intent (METRICS.md V7), in the shape every metric mart shares:
    of the answers to "main reason for your visit" given in the period
    (answered_at), the share of each intent, and for each intent the task
    completion of the visits whose task question was answered too
    (int_visit_answers_paired: paired by session, or by respondent and
    day). Invitations are counted in the period they were sent, with those
    of them answered since: the response rate, on the total row only - an
    unanswered invitation has no intent. Grain: one row per period grain,
    period start and intent (`all` on a total row). -#}

{%- set breakdowns = ['intent'] %}

with

invitations as (

    select * from {{ ref('int_visit_answers_paired') }}
    where survey_type = 'visitor_intent'

),

answers as (

    select * from invitations
    where intent is not null

),

answer_rows as (

    {{ cx_metric_rows('answers', 'answered_at', breakdowns, '
        count(*) as responses,
        sum(case when is_task_completed is not null then 1 else 0 end) as task_responses,
        sum(case when is_task_completed then 1 else 0 end) as completed_tasks') }}

),

invitation_totals as (

    {{ cx_survey_invitation_rows('invitations', []) }}

),

invitation_rows as (

    select
        period_grain,
        period_start,
        'all' as intent,
        invitations_sent,
        invitations_answered
    from invitation_totals

),

joined as (

    {{ cx_metric_rows_joined({
        'answer_rows': ['responses', 'task_responses', 'completed_tasks'],
        'invitation_rows': ['invitations_sent', 'invitations_answered']}, breakdowns) }}

),

period_totals as (

    select
        *,
        max(case when intent = 'all' then responses end) over (
            partition by period_grain, period_start
        ) as period_responses
    from joined

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    select
        cast(period_grain as {{ text }}) as period_grain,
        period_start,
        cast(intent as {{ text }}) as intent,
        cast(coalesce(responses, 0) as {{ bigint }}) as responses,
        cast(coalesce(period_responses, 0) as {{ bigint }}) as period_responses,
        {{ cx_percent('responses', 'period_responses') }} as percent_of_responses,
        cast(coalesce(task_responses, 0) as {{ bigint }}) as task_responses,
        cast(coalesce(completed_tasks, 0) as {{ bigint }}) as completed_tasks,
        {{ cx_percent('completed_tasks', 'task_responses') }} as percent_task_completion,
        -- invitations are known on the total row only
        cast(case when intent = 'all' then coalesce(invitations_sent, 0) end as {{ bigint }})
            as invitations_sent,
        cast(case when intent = 'all' then coalesce(invitations_answered, 0) end as {{ bigint }})
            as invitations_answered,
        {{ cx_percent('invitations_answered', 'invitations_sent') }} as percent_response_rate
    from period_totals

)

select * from final
