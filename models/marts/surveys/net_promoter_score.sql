{#- Net Promoter Score (METRICS.md V2), in the shape every metric mart
    shares: of the NPS answers given in the period (answered_at), the
    promoters, passives and detractors (int_survey_responses_scored, on
    0-10; answers on 1-10 used as given) and NPS = % promoters - %
    detractors, from -100 to +100. A respondent answering twice counts
    twice. Invitations are counted in the period they were sent, with
    those of them answered since: the response rate. Grain: one row per
    period grain, period start, segment and channel (each `all` on a total
    row; channel `unknown` for a survey about no ticket). -#}

{%- set breakdowns = ['segment', 'channel'] %}

with

invitations as (

    select * from {{ ref('int_survey_responses_scored') }}
    where survey_type = 'nps'

),

answers as (

    select * from invitations
    where normalised_score is not null

),

answer_rows as (

    {{ cx_metric_rows('answers', 'answered_at', breakdowns, cx_nps_group_counts()) }}

),

invitation_rows as (

    {{ cx_survey_invitation_rows('invitations', breakdowns) }}

),

joined as (

    {{ cx_metric_rows_joined({
        'answer_rows': ['responses', 'promoters', 'passives', 'detractors'],
        'invitation_rows': ['invitations_sent', 'invitations_answered']}, breakdowns) }}

),

final as (

    {%- set text = dbt.type_string() %}
    select
        cast(period_grain as {{ text }}) as period_grain,
        period_start,
        cast(segment as {{ text }}) as segment,
        cast(channel as {{ text }}) as channel,
        {{ cx_nps_group_columns('net_promoter_score') }},
        {{ cx_survey_invitation_columns() }}
    from joined

)

select * from final
