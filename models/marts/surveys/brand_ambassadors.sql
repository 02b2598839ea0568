{#- Brand ambassadors (METRICS.md V4), in the shape every metric mart
    shares: at the end of each period holding an NPS answer (cx_period_ends),
    the distinct respondents whose latest NPS answer given before that end
    is a promoter's (int_survey_responses_scored), out of the respondents
    who have answered by then. A respondent answering twice counts once,
    with the later answer. Invitations are left out: the measure is a
    stock at the period's end, not a flow of answers (net_promoter_score
    publishes them). Grain: one row per period grain, period start and
    segment (`all` on a total row).

    A stock read at each period end: every answer stands for its
    respondent from the second it was given until the respondent's next
    answer replaces it, so the stock at an end is the running sum of +1
    (an answer given) and -1 (an answer replaced) before that end. Each
    answer is sorted once, however many periods follow it (a join of each
    period end to every answer before it grew with periods x answers). -#}

{%- set text = dbt.type_string() %}
{%- set bigint = dbt.type_bigint() %}

with

answers as (

    select * from {{ ref('int_survey_responses_scored') }}
    where survey_type = 'nps' and normalised_score is not null

),

period_ends as (

    select * from {{ cx_period_ends('answers', 'answered_at') }} as ends

),

answer_spans as (

    -- the answer stands from given_epoch until replaced_epoch (null: still
    -- the respondent's latest); the segment as the mart publishes it
    select
        coalesce(cast(segment as {{ text }}), 'unknown') as segment,
        case when nps_group = 'promoter' then 1 else 0 end as is_promoter,
        cast({{ cx_epoch_seconds('answered_at') }} as {{ bigint }}) as given_epoch,
        cast(lead({{ cx_epoch_seconds('answered_at') }}) over (
            partition by respondent_id order by answered_at, response_id
        ) as {{ bigint }}) as replaced_epoch
    from answers

),

changes as (

    select
        segment,
        given_epoch as change_epoch,
        1 as respondents_change,
        is_promoter as ambassadors_change
    from answer_spans
    union all
    select
        segment,
        replaced_epoch as change_epoch,
        -1 as respondents_change,
        -is_promoter as ambassadors_change
    from answer_spans
    where replaced_epoch is not null

),

breakdown_changes as (

    -- one row per breakdown value (the total `all`, each segment) and second
    select
        'all' as segment,
        change_epoch,
        sum(respondents_change) as respondents_change,
        sum(ambassadors_change) as ambassadors_change
    from changes
    group by change_epoch
    union all
    select
        segment,
        change_epoch,
        sum(respondents_change) as respondents_change,
        sum(ambassadors_change) as ambassadors_change
    from changes
    group by segment, change_epoch

),

segments as (

    select distinct segment from breakdown_changes

),

readings as (

    -- the instants the stock is read at: each period end, for each value
    select distinct
        segments.segment,
        period_ends.period_end_epoch
    from period_ends
    cross join segments

),

steps as (

    -- a reading sorts before a change of the same second: an answer given
    -- at a period's end is not before it
    select
        segment,
        change_epoch as step_epoch,
        1 as is_change,
        respondents_change,
        ambassadors_change
    from breakdown_changes
    union all
    select
        segment,
        period_end_epoch as step_epoch,
        0 as is_change,
        0 as respondents_change,
        0 as ambassadors_change
    from readings

),

stocks as (

    select
        segment,
        step_epoch,
        is_change,
        sum(respondents_change) over (
            partition by segment order by step_epoch, is_change rows between unbounded preceding and current row
        ) as respondents,
        sum(ambassadors_change) over (
            partition by segment order by step_epoch, is_change rows between unbounded preceding and current row
        ) as brand_ambassadors
    from steps

),

final as (

    select
        cast(period_ends.period_grain as {{ text }}) as period_grain,
        period_ends.period_start,
        cast(stocks.segment as {{ text }}) as segment,
        cast(stocks.respondents as {{ bigint }}) as respondents,
        cast(stocks.brand_ambassadors as {{ bigint }}) as brand_ambassadors,
        {{ cx_percent('stocks.brand_ambassadors', 'stocks.respondents') }} as percent_brand_ambassadors
    from period_ends
    inner join stocks
        on
            period_ends.period_end_epoch = stocks.step_epoch
            and stocks.is_change = 0
    where stocks.respondents > 0

)

select * from final
