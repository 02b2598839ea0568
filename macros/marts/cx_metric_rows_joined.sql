{#- Several results of cx_metric_rows (each its own CTE, with measures
    attached to a different timestamp) joined into one row per period
    grain, period start and breakdown values, by full outer joins: a row
    present in one result only keeps its measures, the others' measures
    empty (coalesce counts to 0 in the model's `final`). Columns:
    period_grain, period_start, the breakdowns, then each result's measures
    in the order given.

    measures     mapping of each CTE (in join order) to the list of its
                 measure columns
    breakdowns   the breakdown columns all the CTEs share -#}
{% macro cx_metric_rows_joined(measures, breakdowns) -%}
    {%- set relations = measures.keys() | list %}
    {%- set keys = ['period_grain', 'period_start'] + breakdowns %}
    {%- set ns = namespace(joined=[]) %}
    select
        {%- for key in keys %}
            coalesce({% for relation in relations %}{{ relation }}.{{ key }}{{ ', ' if not loop.last }}{% endfor %})
                as {{ key }},
        {%- endfor %}
        {%- for relation in relations %}
            {%- set outer_loop = loop %}
            {%- for column in measures[relation] %}
                {{ relation }}.{{ column }}{{ ',' if not (outer_loop.last and loop.last) }}
            {%- endfor %}
        {%- endfor %}
    from {{ relations[0] }}
    {%- for relation in relations[1:] %}
        {%- do ns.joined.append(relations[loop.index0]) %}
        full outer join {{ relation }}
            on
            {%- for key in keys %}
                {%- if ns.joined | length == 1 %}
                    {{ ns.joined[0] }}.{{ key }} = {{ relation }}.{{ key }}
                {%- else %}
                    coalesce({% for joined in ns.joined %}{{ joined }}.{{ key }}{{ ', ' if not loop.last }}{% endfor %})
                        = {{ relation }}.{{ key }}
                {%- endif %}
                {{- ' and' if not loop.last }}
            {%- endfor %}
    {%- endfor %}
{%- endmacro %}
