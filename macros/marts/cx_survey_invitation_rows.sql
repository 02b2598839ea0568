{#- The invitation counts every survey mart publishes next to its score,
    in the shape of cx_metric_rows: the invitations sent in each period
    (sent_at) and, of those, the ones answered since (is_answered) - the
    two parts of the response rate. An unanswered invitation counts here
    and never in a score.

    invitations  CTE or relation with one row per invitation (columns
                 sent_at, is_answered and the breakdowns)
    breakdowns   its columns to break down by, in the mart's order -#}
{% macro cx_survey_invitation_rows(invitations, breakdowns) -%}
    {{ cx_metric_rows(invitations, 'sent_at', breakdowns, '
        count(*) as invitations_sent,
        sum(case when is_answered then 1 else 0 end) as invitations_answered') }}
{%- endmacro %}

{#- The response-rate columns of a survey mart's `final`, from the
    invitation counts of cx_survey_invitation_rows joined to the answers
    (empty on a row with answers only, hence the coalesce): invitations
    sent, answered, and the response rate as a percent. -#}
{% macro cx_survey_invitation_columns() -%}
    cast(coalesce(invitations_sent, 0) as {{ dbt.type_bigint() }}) as invitations_sent,
    cast(coalesce(invitations_answered, 0) as {{ dbt.type_bigint() }}) as invitations_answered,
    {{ cx_percent('invitations_answered', 'invitations_sent') }} as percent_response_rate
{%- endmacro %}
