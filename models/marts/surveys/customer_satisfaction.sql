{#- Customer satisfaction, CSAT (METRICS.md V1), in the shape every metric
    mart shares: of the CSAT answers given in the period (answered_at),
    the share satisfied (int_survey_responses_scored: at least var
    csat_satisfied_min_score on 1-5, other scales rescaled first) and the
    mean score on 1-5. Invitations are counted in the period they were
    sent, with those of them answered since: the response rate. An
    unanswered invitation counts in the response rate, never in the score.
    Grain: one row per period grain, period start, channel, team, assignee
    agent and segment (each `all` on a total row). -#}

{%- set breakdowns = ['channel', 'team', 'assignee_agent_id', 'segment'] %}

with

invitations as (

    select * from {{ ref('int_survey_responses_scored') }}
    where survey_type = 'csat'

),

answers as (

    select * from invitations
    where normalised_score is not null

),

answer_rows as (

    {{ cx_metric_rows('answers', 'answered_at', breakdowns, '
        count(*) as responses,
        sum(case when is_satisfied then 1 else 0 end) as satisfied_responses,
        sum(normalised_score) as total_score') }}

),

invitation_rows as (

    {{ cx_survey_invitation_rows('invitations', breakdowns) }}

),

joined as (

    {{ cx_metric_rows_joined({
        'answer_rows': ['responses', 'satisfied_responses', 'total_score'],
        'invitation_rows': ['invitations_sent', 'invitations_answered']}, breakdowns) }}

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    select
        cast(period_grain as {{ text }}) as period_grain,
        period_start,
        cast(channel as {{ text }}) as channel,
        cast(team as {{ text }}) as team,
        cast(assignee_agent_id as {{ text }}) as assignee_agent_id,
        cast(segment as {{ text }}) as segment,
        cast(coalesce(responses, 0) as {{ bigint }}) as responses,
        cast(coalesce(satisfied_responses, 0) as {{ bigint }}) as satisfied_responses,
        {{ cx_percent('satisfied_responses', 'responses') }} as percent_satisfied,
        cast(coalesce(total_score, 0) as decimal(18, 4)) as total_score,
        cast(total_score / nullif(responses, 0) as decimal(9, 2)) as mean_score,
        {{ cx_survey_invitation_columns() }}
    from joined

)

select * from final
