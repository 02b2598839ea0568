{#- Print, for every raw table, how many rows were staged, dropped as older
    duplicates and quarantined by reason, plus a checksum of the staged
    `updated_at` values (seconds since 1970). `cx_metrics accounts` reads
    these lines to check that every engine cleans the same data the same way. -#}
{% macro cx_print_staging_accounts() %}
    {% for source_name, table_name in cx_raw_table_list() %}
        {% set entity = source_name ~ '__' ~ table_name %}
        {% set sql %}
            select
                row_status,
                coalesce(quarantine_reason, '-') as reason,
                count(*) as n,
                coalesce(sum(
                    case when row_status = 'staged' then
                        {{ dbt.datediff("cast('1970-01-01 00:00:00' as " ~ dbt.type_timestamp() ~ ")", 'updated_at', 'second') }}
                    end
                ), 0) as updated_at_checksum
            from {{ ref('base_' ~ entity) }}
            group by row_status, coalesce(quarantine_reason, '-')
        {% endset %}
        {% for row in run_query(sql).rows %}
            {{ print('cx_account|' ~ source_name ~ '.' ~ table_name ~ '|' ~ row[0] ~ '|' ~ row[1] ~ '|' ~ row[2] ~ '|' ~ row[3]) }}
        {% endfor %}
    {% endfor %}
{% endmacro %}
