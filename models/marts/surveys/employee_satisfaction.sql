{#- Employee satisfaction (METRICS.md V5), in the shape every metric mart
    shares: of the employee survey answers given in the period
    (answered_at), the mean score on 0-10 (answers on 1-10 used as given,
    other scales rescaled first) and the employee Net Promoter Score, eNPS
    = % promoters - % detractors, from -100 to +100, with the same bands as
    NPS (int_survey_responses_scored). Invitations are counted in the
    period they were sent, with those of them answered since: the response
    rate. Grain: one row per period grain, period start and team (`all` on
    a total row). -#}

{%- set breakdowns = ['team'] %}

with

invitations as (

    select * from {{ ref('int_survey_responses_scored') }}
    where survey_type = 'employee'

),

answers as (

    select * from invitations
    where normalised_score is not null

),

answer_rows as (

    {{ cx_metric_rows('answers', 'answered_at', breakdowns,
        cx_nps_group_counts() ~ ', sum(normalised_score) as total_score') }}

),

invitation_rows as (

    {{ cx_survey_invitation_rows('invitations', breakdowns) }}

),

joined as (

    {{ cx_metric_rows_joined({
        'answer_rows': ['responses', 'promoters', 'passives', 'detractors', 'total_score'],
        'invitation_rows': ['invitations_sent', 'invitations_answered']}, breakdowns) }}

),

final as (

    {%- set text = dbt.type_string() %}
    select
        cast(period_grain as {{ text }}) as period_grain,
        period_start,
        cast(team as {{ text }}) as team,
        {{ cx_nps_group_columns('employee_net_promoter_score') }},
        cast(coalesce(total_score, 0) as decimal(18, 4)) as total_score,
        cast(total_score / nullif(responses, 0) as decimal(9, 2)) as mean_score,
        {{ cx_survey_invitation_columns() }}
    from joined

)

select * from final
