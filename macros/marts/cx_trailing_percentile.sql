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

{#- DuckDB: one window function over the samples and the days together
    (a day contributes no value, only the frame it ends), so nothing is
    multiplied by the window; DuckDB computes quantiles over moving frames
    without re-sorting each one. -#}
{% macro duckdb__cx_trailing_percentile(samples, days, partition_column, day_column, value_column, fraction, window_days) -%}
    (
        select
            framed.{{ partition_column }},
            framed.{{ day_column }},
            framed.trailing_percentile,
            framed.trailing_samples
        from (
            select
                stacked.{{ partition_column }},
                stacked.{{ day_column }},
                stacked.is_day,
                quantile_cont(stacked.sample_value, {{ fraction }}) over trailing_window as trailing_percentile,
                count(stacked.sample_value) over trailing_window as trailing_samples
            from (
                select
                    {{ partition_column }},
                    {{ day_column }},
                    {{ value_column }} as sample_value,
                    false as is_day
                from {{ samples }}
                union all
                select
                    {{ partition_column }},
                    {{ day_column }},
                    null as sample_value,
                    true as is_day
                from {{ days }}
            ) as stacked
            window trailing_window as (
                partition by stacked.{{ partition_column }}
                order by stacked.{{ day_column }}
                range between {{ window_days - 1 }} preceding and current row
            )
        ) as framed
        where framed.is_day
    )
{%- endmacro %}
