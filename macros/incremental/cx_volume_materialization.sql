{#- The materialization of a model where volume lives: incremental
    (delete+insert on the model's unique_key) on DuckDB and PostgreSQL, a
    table on Spark, whose session warehouse writes Parquet tables that can
    neither delete nor merge rows. -#}
{% macro cx_volume_materialization() -%}
    {{ return('table' if target.type == 'spark' else 'incremental') }}
{%- endmacro %}
