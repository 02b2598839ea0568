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

{#- DuckDB: exact, in memory that does not grow with the window. Listing
    every sample of each day's window holds window_days times the samples
    (about 900 million values for a 90-day window at 10 million tickets:
    DuckDB ran out of memory), and a moving quantile over the sample rows
    ran past ten minutes on the same data. So the samples are counted per
    value bucket (a log scale, buckets in the order of their values); a
    window of bucket counts per day tells in which bucket the percentile's
    two neighbouring ranks fall; then only that bucket's samples in the
    window are listed, sorted and read at those ranks. The width is a
    balance, not a reading: every day asked for takes a row per bucket of
    its partition (narrow buckets, many rows), and the bucket found lists
    its samples (wide buckets, long lists); 30 buckets per factor e, each
    about 3.4 % wide, was the fastest measured (docs/decisions.md). The
    percentile is interpolated between them as quantile_cont does: position
    1 + fraction × (count − 1), the lower value plus the position's
    fraction of the gap to the upper. -#}
{% macro duckdb__cx_trailing_percentile(samples, days, partition_column, day_column, value_column, fraction, window_days) -%}
    {%- set buckets_per_e = 30 -%}
    {%- set bucket = 'sign(' ~ value_column ~ ') * floor(ln(abs(' ~ value_column ~ ') + 1) * ' ~ buckets_per_e ~ ')' -%}
    (
        with

        sample_buckets as (

            select
                {{ partition_column }} as partition_key,
                {{ day_column }} as day_number,
                {{ bucket }} as value_bucket,
                list(cast({{ value_column }} as double)) as bucket_values,
                count(*) as bucket_count
            from {{ samples }}
            where {{ value_column }} is not null
            group by {{ partition_column }}, {{ day_column }}, {{ bucket }}

        ),

        days_asked as (

            select distinct
                {{ partition_column }} as partition_key,
                {{ day_column }} as day_number
            from {{ days }}

        ),

        partition_buckets as (

            select distinct
                partition_key,
                value_bucket
            from sample_buckets

        ),

        bucket_rows as (

            -- a row per bucket and day with samples, and one per bucket and
            -- day asked for (no count of its own: the window gives it one)
            select
                partition_key,
                value_bucket,
                day_number,
                bucket_count,
                false as is_day
            from sample_buckets
            union all
            select
                days_asked.partition_key,
                partition_buckets.value_bucket,
                days_asked.day_number,
                0 as bucket_count,
                true as is_day
            from days_asked
            inner join partition_buckets
                on days_asked.partition_key = partition_buckets.partition_key

        ),

        bucket_windows as (

            select
                partition_key,
                value_bucket,
                day_number,
                is_day,
                cast(sum(bucket_count) over (
                    partition by partition_key, value_bucket
                    order by day_number
                    range between {{ window_days - 1 }} preceding and current row
                ) as bigint) as window_count
            from bucket_rows

        ),

        day_buckets as (

            select
                partition_key,
                day_number,
                value_bucket,
                window_count,
                sum(window_count) over (
                    partition by partition_key, day_number
                    order by value_bucket
                    rows between unbounded preceding and current row
                ) as count_through_bucket,
                cast(sum(window_count) over (partition by partition_key, day_number) as bigint) as window_total
            from bucket_windows
            where is_day and window_count > 0

        ),

        ranks_sought as (

            select
                *,
                1 + {{ fraction }} * (window_total - 1) as position
            from day_buckets

        ),

        rank_buckets as (

            -- the bucket of the rank below the position and of the one above
            -- (the same rank when the position is whole), and the rank
            -- within the bucket
            select
                partition_key,
                day_number,
                window_total,
                position,
                is_upper,
                value_bucket,
                sought_rank - (count_through_bucket - window_count) as rank_in_bucket
            from (
                select
                    *,
                    false as is_upper,
                    floor(position) as sought_rank
                from ranks_sought
                union all
                select
                    *,
                    true as is_upper,
                    ceil(position) as sought_rank
                from ranks_sought
            ) as both_ranks
            where
                sought_rank > count_through_bucket - window_count
                and sought_rank <= count_through_bucket

        ),

        rank_values as (

            select
                rank_buckets.partition_key,
                rank_buckets.day_number,
                rank_buckets.window_total,
                rank_buckets.position,
                rank_buckets.is_upper,
                list_sort(flatten(list(sample_buckets.bucket_values)))[
                    cast(rank_buckets.rank_in_bucket as bigint)
                ] as rank_value
            from rank_buckets
            inner join sample_buckets
                on
                    rank_buckets.partition_key = sample_buckets.partition_key
                    and rank_buckets.value_bucket = sample_buckets.value_bucket
                    and sample_buckets.day_number <= rank_buckets.day_number
                    and sample_buckets.day_number > rank_buckets.day_number - {{ window_days }}
            group by
                rank_buckets.partition_key,
                rank_buckets.day_number,
                rank_buckets.window_total,
                rank_buckets.position,
                rank_buckets.is_upper,
                rank_buckets.rank_in_bucket

        ),

        percentiles as (

            select
                partition_key,
                day_number,
                window_total,
                max(case when not is_upper then rank_value end)
                + (max(position) - floor(max(position)))
                * (max(case when is_upper then rank_value end) - max(case when not is_upper then rank_value end))
                    as percentile_value
            from rank_values
            group by partition_key, day_number, window_total

        )

        select
            days_asked.partition_key as {{ partition_column }},
            days_asked.day_number as {{ day_column }},
            percentiles.percentile_value as trailing_percentile,
            coalesce(percentiles.window_total, 0) as trailing_samples
        from days_asked
        left join percentiles
            on
                days_asked.partition_key = percentiles.partition_key
                and days_asked.day_number = percentiles.day_number
    )
{%- endmacro %}
