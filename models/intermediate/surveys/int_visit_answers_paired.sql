{#- The invitations of the two visit questions (survey types visitor_intent
    and task_completion), answered or not, each answer paired with the other
    question's answer of the same visit: the visit is the session the
    survey tool records (session_id) or, without one, the respondent's day
    in the reporting time zone. Within a visit the first intent answer pairs
    with the first task answer, the second with the second, and so on (by
    answered_at), so an answer pairs at most once; an answer with no
    partner is kept unpaired. The respondent contact's segment comes from
    stg_crm__contacts. Grain: one row per invitation (response_id). -#}

with

responses as (

    select * from {{ ref('stg_survey__responses') }}
    where survey_type in ('visitor_intent', 'task_completion')

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

visit_answers as (

    {%- set answered_day = 'cast(' ~ cx_period_start('day', 'answered_at') ~ ' as ' ~ dbt.type_string() ~ ')' %}
    select
        response_id,
        survey_type,
        case
            when session_id is not null then 'session'
            when respondent_id is not null then 'respondent_day'
        end as pairing_method,
        case
            when session_id is not null then {{ dbt.concat(["'session '", 'session_id']) }}
            when respondent_id is not null
                then {{ dbt.concat(["'respondent '", 'respondent_id', "' '", answered_day]) }}
        end as visit_key,
        answered_at
    from responses
    where answer is not null

),

ranked as (

    select
        *,
        row_number() over (
            partition by visit_key, survey_type
            order by answered_at, response_id
        ) as visit_rank
    from visit_answers
    where visit_key is not null

),

pairs as (

    select
        intent_answers.response_id as intent_response_id,
        task_answers.response_id as task_response_id,
        intent_answers.pairing_method
    from ranked as intent_answers
    inner join ranked as task_answers
        on
            intent_answers.visit_key = task_answers.visit_key
            and intent_answers.visit_rank = task_answers.visit_rank
    where
        intent_answers.survey_type = 'visitor_intent'
        and task_answers.survey_type = 'task_completion'

),

paired as (

    select
        responses.*,
        coalesce(as_intent.task_response_id, as_task.intent_response_id) as paired_response_id,
        coalesce(as_intent.pairing_method, as_task.pairing_method) as pairing_method
    from responses
    left join pairs as as_intent
        on responses.response_id = as_intent.intent_response_id
    left join pairs as as_task
        on responses.response_id = as_task.task_response_id

),

joined as (

    select
        paired.*,
        contacts.segment,
        case when paired.survey_type = 'visitor_intent' then paired.answer else partners.answer end as intent,
        case when paired.survey_type = 'task_completion' then paired.answer else partners.answer end as task_answer
    from paired
    left join responses as partners
        on paired.paired_response_id = partners.response_id
    -- the respondent type inside the key, not beside it: DuckDB runs a
    -- left join with a condition on the left side alone as a nested loop
    left join contacts
        on case when paired.respondent_type = 'contact' then paired.respondent_id end = contacts.contact_id

),

final as (

    select
        response_id,
        respondent_id,
        respondent_type,
        survey_type,
        session_id,
        segment,
        is_answered,
        sent_at,
        answered_at,
        answer,
        paired_response_id,
        pairing_method,
        intent,
        task_answer,
        case task_answer
            when 'yes' then true
            when 'no' then false
        end as is_task_completed
    from joined

)

select * from final
