{#- The rows of a metric mart in the shape every mart shares (METRICS.md,
    "Conventions for every metric mart"): for each period grain (day, week,
    month) one total row per period and one row per value of each breakdown
    on its own, the other breakdowns holding the literal `all`. A real
    value that is missing reads `unknown`, so a filter on a value never
    picks up a total. Columns: period_grain, period_start, the breakdowns in
    the order given, then `measures` (a select list of aggregates over the
    rows of `events`).

    events       CTE or relation, one row per event
    timestamp    its column holding the event's UTC timestamp (the period
                 the event belongs to)
    breakdowns   list of its columns to break down by
    measures     SQL select list of aggregate expressions
    grain_column when given, a column of `events` naming the one grain
                 each row counts in (rows already cut by period)
    keys         list of further columns of `events` kept on every row and
                 grouped by (e.g. a customer, to measure a distribution
                 over customers in a second step)
    grains       the grains to publish (default day, week and month)
    local_dates  `timestamp` holds dates already in the reporting time zone
                 (billing dates, month starts): not converted from UTC -#}
{% macro cx_metric_rows(events, timestamp, breakdowns, measures, grain_column=none, keys=[],
    grains=['day', 'week', 'month'], local_dates=false) -%}
    {%- for grain in grains %}
        {%- set grain_loop = loop %}
        {%- for breakdown in [none] + breakdowns %}
            select
                '{{ grain }}' as period_grain,
                {{ cx_period_start(grain, timestamp, local_dates) }} as period_start,
                {%- for column in breakdowns %}
                    {%- if column == breakdown %}
                        coalesce(cast({{ column }} as {{ dbt.type_string() }}), 'unknown') as {{ column }},
                    {%- else %}
                        'all' as {{ column }},
                    {%- endif %}
                {%- endfor %}
                {%- for key in keys %}
                    {{ key }},
                {%- endfor %}
                {{ measures }}
            from {{ events }}
            {%- if grain_column is not none %}
            where {{ grain_column }} = '{{ grain }}'
            {%- endif %}
            group by
                {{ cx_period_start(grain, timestamp, local_dates) }}
                {%- if breakdown is not none %},
                    coalesce(cast({{ breakdown }} as {{ dbt.type_string() }}), 'unknown')
                {%- endif %}
                {%- for key in keys %},
                    {{ key }}
                {%- endfor %}
            {%- if not (grain_loop.last and loop.last) %}
                union all
            {%- endif %}
        {%- endfor %}
    {%- endfor %}
{%- endmacro %}
