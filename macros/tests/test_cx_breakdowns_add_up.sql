{#- Generic test for the metric marts' shape: for every period, the rows
    of one breakdown (its values, the other breakdowns `all`) add up to the
    period's total row (every breakdown `all`), for each count or sum in
    `measures`. Fails on every period, breakdown and measure where they do
    not. (Only additive measures: counts and totals, never means or
    percentiles.) `keys` are further columns every row carries a real value
    of (e.g. a target type), compared within. -#}
{% test cx_breakdowns_add_up(model, measures, breakdowns, keys=[]) %}

with

mart_rows as (

    select * from {{ model }}

),

totals as (

    select *
    from mart_rows
    where
        {%- for column in breakdowns %}
            {{ column }} = 'all'{{ ' and' if not loop.last }}
        {%- endfor %}

),

breakdown_sums as (

    {%- for breakdown in breakdowns %}
        select
            period_grain,
            period_start,
            {%- for key in keys %}
                {{ key }},
            {%- endfor %}
            '{{ breakdown }}' as breakdown,
            {%- for measure in measures %}
                sum({{ measure }}) as {{ measure }}{{ ',' if not loop.last }}
            {%- endfor %}
        from mart_rows
        where
            {{ breakdown }} != 'all'
            {%- for column in breakdowns if column != breakdown %}
                and {{ column }} = 'all'
            {%- endfor %}
        group by period_grain, period_start{% for key in keys %}, {{ key }}{% endfor %}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

final as (

    {%- for measure in measures %}
        select
            totals.period_grain,
            totals.period_start,
            breakdown_sums.breakdown,
            '{{ measure }}' as measure,
            totals.{{ measure }} as total_row_value,
            breakdown_sums.{{ measure }} as sum_of_breakdown_rows
        from totals
        inner join breakdown_sums
            on
                totals.period_grain = breakdown_sums.period_grain
                and totals.period_start = breakdown_sums.period_start
                {%- for key in keys %}
                    and totals.{{ key }} = breakdown_sums.{{ key }}
                {%- endfor %}
        where totals.{{ measure }} != breakdown_sums.{{ measure }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

)

select * from final

{% endtest %}
