{#- Brand ambassadors (METRICS.md V4), in the shape every metric mart
    shares: at the end of each period holding an NPS answer (cx_period_ends),
    the distinct respondents whose latest NPS answer given before that end
    is a promoter's (int_survey_responses_scored), out of the respondents
    who have answered by then. A respondent answering twice counts once,
    with the later answer. Invitations are left out: the measure is a
    stock at the period's end, not a flow of answers (net_promoter_score
    publishes them). Grain: one row per period grain, period start and
    segment (`all` on a total row). -#}

{%- set breakdowns = ['segment'] %}

with

answers as (

    select * from {{ ref('int_survey_responses_scored') }}
    where survey_type = 'nps' and normalised_score is not null

),

period_ends as (

    select * from {{ cx_period_ends('answers', 'answered_at') }} as ends

),

answers_before_end as (

    select
        period_ends.period_grain,
        period_ends.period_end_epoch,
        answers.respondent_id,
        answers.segment,
        answers.nps_group,
        row_number() over (
            partition by period_ends.period_grain, period_ends.period_end_epoch, answers.respondent_id
            order by answers.answered_at desc, answers.response_id desc
        ) as answer_rank
    from period_ends
    inner join answers
        on {{ cx_epoch_seconds('answers.answered_at') }} < period_ends.period_end_epoch  -- noqa: LT05

),

latest_answers as (

    select
        period_grain,
        respondent_id,
        segment,
        nps_group,
        {{ cx_add_seconds(cx_epoch_start(), 'period_end_epoch - 1') }} as last_second_of_period
    from answers_before_end
    where answer_rank = 1

),

ambassador_rows as (

    {{ cx_metric_rows('latest_answers', 'last_second_of_period', breakdowns, "
        count(*) as respondents,
        sum(case when nps_group = 'promoter' then 1 else 0 end) as brand_ambassadors", grain_column='period_grain') }}

),

final as (

    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    select
        cast(period_grain as {{ text }}) as period_grain,
        period_start,
        cast(segment as {{ text }}) as segment,
        cast(respondents as {{ bigint }}) as respondents,
        cast(brand_ambassadors as {{ bigint }}) as brand_ambassadors,
        {{ cx_percent('brand_ambassadors', 'respondents') }} as percent_brand_ambassadors
    from ambassador_rows

)

select * from final
