{#- A subquery: for each row of `days` (a relation with `partition_column`
    and `day_column`, a day number), the `fraction` percentile (as
    cx_percentile) of `value_column` over the rows of `samples` (a relation
    with the same two columns) of the same partition whose day falls in the
    `window_days` days ending that day (day_column - window_days < sample
    day <= day_column), as trailing_percentile, and how many samples that
    was, as trailing_samples. Without a sample in the window the percentile
    is empty and the count 0. Columns: partition_column, day_column,
    trailing_percentile, trailing_samples. -#}
{% macro cx_trailing_percentile(samples, days, partition_column, day_column, value_column, fraction, window_days) -%}
    {{ return(adapter.dispatch('cx_trailing_percentile', 'cx_metrics')(
        samples, days, partition_column, day_column, value_column, fraction, window_days)) }}
{%- endmacro %}

{#- Each day joined to the samples of its window: portable; the join holds
    window_days times the samples, which PostgreSQL and Spark take at the
    sizes they are tested on. -#}
{% macro default__cx_trailing_percentile(samples, days, partition_column, day_column, value_column, fraction, window_days) -%}
    (
        select
            trailing_days.{{ partition_column }},
            trailing_days.{{ day_column }},
            {{ cx_percentile('trailing_samples.' ~ value_column, fraction) }} as trailing_percentile,
            count(trailing_samples.{{ value_column }}) as trailing_samples
        from {{ days }} as trailing_days
        left join {{ samples }} as trailing_samples
            on
                trailing_days.{{ partition_column }} = trailing_samples.{{ partition_column }}
                and trailing_samples.{{ day_column }} <= trailing_days.{{ day_column }}
                and trailing_samples.{{ day_column }} > trailing_days.{{ day_column }} - {{ window_days }}
        group by
            trailing_days.{{ partition_column }},
            trailing_days.{{ day_column }}
    )
{%- endmacro %}

{#- DuckDB: the samples gathered into one list per partition and day, the
    days joined to them, and a window with a range frame concatenating the
    lists of the window's days; the percentile is taken of that list. Rows
    are one per partition and day, so nothing is multiplied by the samples,
    and each window's values are sorted once (a moving quantile over every
    sample row costs ten times more at a million tickets). -#}
{% macro duckdb__cx_trailing_percentile(samples, days, partition_column, day_column, value_column, fraction, window_days) -%}
    (
        select
            framed.{{ partition_column }},
            framed.{{ day_column }},
            list_aggregate(framed.window_values, 'quantile_cont', {{ fraction }}) as trailing_percentile,
            coalesce(len(framed.window_values), 0) as trailing_samples
        from (
            select
                stacked.{{ partition_column }},
                stacked.{{ day_column }},
                stacked.is_day,
                flatten(list(stacked.day_values) over (
                    partition by stacked.{{ partition_column }}
                    order by stacked.{{ day_column }}
                    range between {{ window_days - 1 }} preceding and current row
                )) as window_values
            from (
                select
                    coalesce(trailing_days.{{ partition_column }}, day_samples.{{ partition_column }})
                        as {{ partition_column }},
                    coalesce(trailing_days.{{ day_column }}, day_samples.{{ day_column }}) as {{ day_column }},
                    day_samples.day_values,
                    trailing_days.{{ day_column }} is not null as is_day
                from (select distinct {{ partition_column }}, {{ day_column }} from {{ days }}) as trailing_days
                full outer join (
                    select
                        {{ partition_column }},
                        {{ day_column }},
                        list({{ value_column }}) as day_values
                    from {{ samples }}
                    where {{ value_column }} is not null
                    group by {{ partition_column }}, {{ day_column }}
                ) as day_samples
                    on
                        trailing_days.{{ partition_column }} = day_samples.{{ partition_column }}
                        and trailing_days.{{ day_column }} = day_samples.{{ day_column }}
            ) as stacked
        ) as framed
        where framed.is_day
    )
{%- endmacro %}
