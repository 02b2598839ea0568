{#- A subquery: each row of `spans` once for every period end of `ends` at
    which it is open - after its start, at or before its end (tickets open
    at a day's end). Columns: `span_columns` of `spans`, then `end_columns`
    of `ends`.

    An end is the first instant of a day in the reporting time zone (var
    reporting_time_zone), so a span is open at the end that begins day D
    exactly when its start falls on a local day before D and its end on D
    or later: the ends are found by their day number (`end_day`, days since
    1970-01-01), one equality join, instead of comparing every span with
    every end. A span without an end is open at every end after its start;
    ends outside those of `ends` are not listed.

    DuckDB cannot estimate the rows of that join (it guesses billions), and
    aggregates planned above it took far more memory than the rows needed:
    keep its result a table's (int_open_tickets_aged_at_day_ends), not the
    input of further aggregation in the same query.

    ends          CTE with one row per end and the integer column `end_day`
    end_day       its column holding the day number of the day an end begins
    spans         CTE with one row per span
    start_at      its UTC timestamp column of the span's start
    end_at        its UTC timestamp column of the span's end (null: open)
    span_columns  list of its columns to keep
    end_columns   list of the columns of `ends` to keep -#}
{% macro cx_spans_at_period_ends(ends, end_day, spans, start_at, end_at, span_columns, end_columns) -%}
    {%- set first_day = "cast('1970-01-01' as date)" -%}
    (
        select
            {%- for column in span_columns %}
                days_open.{{ column }},
            {%- endfor %}
            {%- for column in end_columns %}
                open_at_ends.{{ column }}{{ ',' if not loop.last }}
            {%- endfor %}
        from (
            select
                bounded.*,
                {{ cx_unnest_range('bounded.first_end_day', 'bounded.past_last_end_day') }} as end_day_number
            from (
                select
                    {%- for column in span_columns %}
                        open_spans.{{ column }},
                    {%- endfor %}
                    greatest(
                        {{ dbt.datediff(first_day, cx_period_start('day', 'open_spans.' ~ start_at), 'day') }} + 1,
                        end_day_bounds.first_end_day
                    ) as first_end_day,
                    least(
                        coalesce(
                            {{ dbt.datediff(first_day, cx_period_start('day', 'open_spans.' ~ end_at), 'day') }} + 1,
                            end_day_bounds.last_end_day + 1
                        ),
                        end_day_bounds.last_end_day + 1
                    ) as past_last_end_day
                from (
                    select
                        min({{ end_day }}) as first_end_day,
                        max({{ end_day }}) as last_end_day
                    from {{ ends }}
                ) as end_day_bounds
                cross join {{ spans }} as open_spans
                where open_spans.{{ start_at }} is not null
            ) as bounded
            where bounded.past_last_end_day > bounded.first_end_day
        ) as days_open
        inner join {{ ends }} as open_at_ends
            on days_open.end_day_number = open_at_ends.{{ end_day }}
    )
{%- endmacro %}
