{#- Survey invitations of the numeric survey types (seed survey_types:
    csat, nps, ces, employee), answered or not, each answer normalised onto
    its metric's scale and classified. An answer on another scale is
    rescaled linearly onto the metric's (METRICS.md), except an answer on
    1-b where the metric's scale is 0-b and the type's
    one_based_scale_as_given is set (NPS and eNPS on 1-10, used as given).
    Classified with vars csat_satisfied_min_score, nps_promoter_min_score,
    nps_detractor_max_score and ces_low_effort_max_score. A survey about a
    merged ticket rates the ticket it was merged into (fct_tickets'
    merged_into_ticket_id): channel, team and assignee agent come from
    that one. A contact's segment comes from stg_crm__contacts. Grain: one
    row per invitation (response_id). -#}

with

responses as (

    select * from {{ ref('stg_survey__responses') }}
    where answer_kind = 'numeric'

),

tickets as (

    select * from {{ ref('fct_tickets') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

normalised as (

    select
        *,
        case
            when score is null then null
            when
                one_based_scale_as_given
                and scale_min_score = 1
                and metric_scale_min = 0
                and scale_max_score = metric_scale_max
                then cast(score as decimal(18, 4))
            else cast(
                    metric_scale_min
                    + (score - scale_min_score) * 1.0 * (metric_scale_max - metric_scale_min)
                    / nullif(scale_max_score - scale_min_score, 0)
                    as decimal(18, 4)
                )
        end as normalised_score
    from responses

),

rated as (

    -- each response once, read in one pass: a self-join on response_id
    -- made DuckDB store the normalised responses first
    select
        normalised.*,
        coalesce(surveyed_tickets.merged_into_ticket_id, normalised.ticket_id) as rated_ticket_id
    from normalised
    left join tickets as surveyed_tickets
        on normalised.ticket_id = surveyed_tickets.ticket_id

),

joined as (

    select
        rated.*,
        tickets.channel,
        tickets.assignee_agent_id,
        coalesce(tickets.team, rated.team) as rated_team,
        contacts.segment
    from rated
    left join tickets
        on rated.rated_ticket_id = tickets.ticket_id
    -- the respondent type inside the key, not beside it: DuckDB runs a
    -- left join with a condition on the left side alone as a nested loop
    left join contacts
        on case when rated.respondent_type = 'contact' then rated.respondent_id end = contacts.contact_id

),

final as (

    select
        response_id,
        respondent_id,
        respondent_type,
        survey_type,
        ticket_id as surveyed_ticket_id,
        rated_ticket_id,
        channel,
        rated_team as team,
        assignee_agent_id,
        segment,
        is_answered,
        sent_at,
        answered_at,
        score,
        scale,
        normalised_score,
        case
            when survey_type = 'csat' and normalised_score is not null
                then normalised_score >= {{ var('csat_satisfied_min_score') }}
        end as is_satisfied,
        case
            when survey_type not in ('nps', 'employee') or normalised_score is null then null
            when normalised_score >= {{ var('nps_promoter_min_score') }} then 'promoter'
            when normalised_score <= {{ var('nps_detractor_max_score') }} then 'detractor'
            else 'passive'
        end as nps_group,
        case
            when survey_type = 'ces' and normalised_score is not null
                then normalised_score <= {{ var('ces_low_effort_max_score') }}
        end as is_low_effort
    from joined

)

select * from final
