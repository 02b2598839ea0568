{#- Text to a UTC timestamp (second precision), or null when the text is
    empty or not a valid instant. Accepted forms:
      - ISO 8601: `2024-03-10 08:15:00`, `2024-03-10T08:15`, optional
        fraction (dropped), optional `Z`/`UTC` or UTC offset `+02:00`,
        `-0500`, `+02`; a date alone means midnight;
      - day first: `10/03/2024 08:15:00`, `10/03/2024`;
      - Unix epoch seconds (9-10 digits) or milliseconds (13 digits), with
        an optional fraction (`1741594500.0`, `1741594500.123`: dropped).
    A time without an offset is UTC. Impossible dates (2024-02-30) and times
    (25:61) are null.

    The same SQL runs on every engine: the shape is checked by one regular
    expression, the parts are cut with substring (cheap, and small enough for
    Spark's optimizer), and the offset is applied with arithmetic rather than
    the engine's own offset parsing, which differs between engines
    (docs/decisions.md). The nested case keeps engines from casting parts of
    text that failed the shape check.

    DuckDB reads the plain second-precision forms (`2024-03-10 08:15:00`,
    `2024-03-10T08:15:00`, `10/03/2024 08:15:00`), which nearly every raw
    timestamp takes, with its own strptime after one shape check, and only
    the rest through the portable expression; a pytest holds both to the
    same result on every form (test_timestamp_parsing.py). -#}
{% macro cx_parse_timestamp(expr) -%}
    {{ return(adapter.dispatch('cx_parse_timestamp', 'cx_metrics')(expr)) }}
{%- endmacro %}

{% macro duckdb__cx_parse_timestamp(expr) -%}
    {%- set s = cx_trim(expr) -%}
    case
        when regexp_full_match({{ s }}, '[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}|[0-9]{2}/[0-9]{2}/[0-9]{4}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}')
            then try_strptime({{ s }}, ['%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%d/%m/%Y %H:%M:%S', '%d/%m/%YT%H:%M:%S'])
        else {{ default__cx_parse_timestamp(expr) }}
    end
{%- endmacro %}

{% macro default__cx_parse_timestamp(expr) -%}
    {%- set s = cx_trim(expr) -%}
    {%- set int = dbt.type_int() -%}
    {%- set iso = '^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?[ ]*(?:Z|z|UTC|[+-][0-9]{2}(?::?[0-9]{2})?)?)?$' -%}
    {%- set dmy = '^[0-9]{2}/[0-9]{2}/[0-9]{4}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2})?)?$' -%}
    {#- parts, valid only once the shape matched -#}
    {%- set is_iso = "substring(" ~ s ~ ", 5, 1) = '-'" -%}
    {%- set y = "cast(case when " ~ is_iso ~ " then substring(" ~ s ~ ", 1, 4) else substring(" ~ s ~ ", 7, 4) end as " ~ int ~ ")" -%}
    {%- set m = "cast(case when " ~ is_iso ~ " then substring(" ~ s ~ ", 6, 2) else substring(" ~ s ~ ", 4, 2) end as " ~ int ~ ")" -%}
    {%- set d = "cast(case when " ~ is_iso ~ " then substring(" ~ s ~ ", 9, 2) else substring(" ~ s ~ ", 1, 2) end as " ~ int ~ ")" -%}
    {%- set has_time = "length(" ~ s ~ ") >= 16" -%}
    {%- set has_seconds = "substring(" ~ s ~ ", 17, 1) = ':'" -%}
    {%- set hh = "case when " ~ has_time ~ " then cast(substring(" ~ s ~ ", 12, 2) as " ~ int ~ ") else 0 end" -%}
    {%- set mi = "case when " ~ has_time ~ " then cast(substring(" ~ s ~ ", 15, 2) as " ~ int ~ ") else 0 end" -%}
    {%- set ss = "case when " ~ has_seconds ~ " then cast(substring(" ~ s ~ ", 18, 2) as " ~ int ~ ") else 0 end" -%}
    {%- set date_text -%}
        case
            when {{ is_iso }} then substring({{ s }}, 1, 10)
            else {{ dbt.concat(["substring(" ~ s ~ ", 7, 4)", "'-'", "substring(" ~ s ~ ", 4, 2)", "'-'", "substring(" ~ s ~ ", 1, 2)"]) }}
        end
    {%- endset -%}
    {%- set time_text -%}
        case
            when {{ has_seconds }} then substring({{ s }}, 12, 8)
            when {{ has_time }} then {{ dbt.concat(["substring(" ~ s ~ ", 12, 5)", "':00'"]) }}
            else '00:00:00'
        end
    {%- endset -%}
    {%- set off_h = cx_regex_extract(s, '([+-][0-9]{2})(?::?[0-9]{2})?$', 1) -%}
    {%- set off_m = cx_regex_extract(s, '[+-][0-9]{2}:?([0-9]{2})$', 1) -%}
    {%- set offset_seconds -%}
        case
            when {{ has_time }} and {{ off_h }} is not null
                then case when substring({{ off_h }}, 1, 1) = '-' then -1 else 1 end
                    * (
                        abs(cast({{ off_h }} as {{ int }})) * 3600
                        + coalesce(cast({{ off_m }} as {{ int }}), 0) * 60
                    )
            else 0
        end
    {%- endset -%}
    {%- set epoch_start = cx_epoch_start() -%}
    case
        when {{ cx_regex_matches(s, '^[0-9]{9,10}([.][0-9]+)?$') }}
            then {{ cx_add_seconds(epoch_start, 'cast(' ~ cx_regex_extract(s, '^([0-9]+)', 1) ~ ' as ' ~ dbt.type_bigint() ~ ')') }}
        when {{ cx_regex_matches(s, '^[0-9]{13}([.][0-9]+)?$') }}
            then {{ cx_add_seconds(epoch_start, 'cast(substring(' ~ s ~ ', 1, 10) as ' ~ dbt.type_bigint() ~ ')') }}
        when {{ cx_regex_matches(s, iso) }} or {{ cx_regex_matches(s, dmy) }}
            then case
                when {{ m }} between 1 and 12
                    and {{ d }} between 1 and {{ cx_days_in_month(y, m) }}
                    and {{ hh }} between 0 and 23
                    and {{ mi }} between 0 and 59
                    and {{ ss }} between 0 and 59
                    then {{ cx_add_seconds(
                        'cast(' ~ dbt.concat([date_text, "' '", time_text]) ~ ' as ' ~ dbt.type_timestamp() ~ ')',
                        '-1 * (' ~ offset_seconds ~ ')'
                    ) }}
            end
    end
{%- endmacro %}
