with

base as (

    select * from {{ ref('base_survey__responses') }}
    where row_status = 'staged'

),

final as (

    select
        response_id,
        respondent_id,
        ticket_id,
        session_id,
        team,
        survey_type,
        scale,
        respondent_type,
        answer_kind,
        answer,
        score,
        scale_min_score,
        scale_max_score,
        metric_scale_min,
        metric_scale_max,
        one_based_scale_as_given,
        answered_at is not null as is_answered,
        sent_at,
        answered_at,
        updated_at
    from base

)

select * from final
