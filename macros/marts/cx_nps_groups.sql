{#- The promoter, passive and detractor counts of a Net Promoter Score
    (customers' NPS or employees' eNPS), as aggregates over rows of
    int_survey_responses_scored (column nps_group): a select list for
    cx_metric_rows' measures. -#}
{% macro cx_nps_group_counts() -%}
    count(*) as responses,
        sum(case when nps_group = 'promoter' then 1 else 0 end) as promoters,
        sum(case when nps_group = 'passive' then 1 else 0 end) as passives,
        sum(case when nps_group = 'detractor' then 1 else 0 end) as detractors
{%- endmacro %}

{#- The Net Promoter Score columns of a mart's `final`, from the counts of
    cx_nps_group_counts (empty on a row without answers, hence the
    coalesce): responses, the three groups, the shares of promoters and
    detractors, and the score, % promoters - % detractors, from -100 to
    +100.

    score_column  name of the score column (e.g. net_promoter_score) -#}
{% macro cx_nps_group_columns(score_column) -%}
    {%- set bigint = dbt.type_bigint() %}
    cast(coalesce(responses, 0) as {{ bigint }}) as responses,
        cast(coalesce(promoters, 0) as {{ bigint }}) as promoters,
        cast(coalesce(passives, 0) as {{ bigint }}) as passives,
        cast(coalesce(detractors, 0) as {{ bigint }}) as detractors,
        {{ cx_percent('promoters', 'responses') }} as percent_promoters,
        {{ cx_percent('detractors', 'responses') }} as percent_detractors,
        {{ cx_percent('(promoters - detractors)', 'responses') }} as {{ score_column }}
{%- endmacro %}
