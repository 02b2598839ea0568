{#- Customer effort score, CES (METRICS.md V3), in the shape every metric
    mart shares: of the CES answers given in the period (answered_at), the
    mean effort on 1-7 (lower is easier; other scales rescaled first) and
    the share of low-effort answers (int_survey_responses_scored: at most
    var ces_low_effort_max_score). Invitations are counted in the period
    they were sent, with those of them answered since: the response rate.
    Grain: one row per period grain, period start and channel (`all` on a
    total row). -#}

{%- set breakdowns = ['channel'] %}

with

invitations as (

    select * from {{ ref('int_survey_responses_scored') }}
    where survey_type = 'ces'

),

answers as (

    select * from invitations
    where normalised_score is not null

),

answer_rows as (

    {{ cx_metric_rows('answers', 'answered_at', breakdowns, '
        count(*) as responses,
        sum(case when is_low_effort then 1 else 0 end) as low_effort_responses,
        sum(normalised_score) as total_effort_score') }}

),

invitation_rows as (

    {{ cx_survey_invitation_rows('invitations', breakdowns) }}

),

joined as (

    {{ cx_metric_rows_joined({
        'answer_rows': ['responses', 'low_effort_responses', 'total_effort_score'],
        'invitation_rows': ['invitations_sent', 'invitations_answered']}, breakdowns) }}

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    select
        cast(period_grain as {{ text }}) as period_grain,
        period_start,
        cast(channel as {{ text }}) as channel,
        cast(coalesce(responses, 0) as {{ bigint }}) as responses,
        cast(coalesce(low_effort_responses, 0) as {{ bigint }}) as low_effort_responses,
        {{ cx_percent('low_effort_responses', 'responses') }} as percent_low_effort,
        cast(coalesce(total_effort_score, 0) as decimal(18, 4)) as total_effort_score,
        cast(total_effort_score / nullif(responses, 0) as decimal(9, 2)) as mean_effort_score,
        {{ cx_survey_invitation_columns() }}
    from joined

)

select * from final
