{#- Load raw files into the raw schema on Spark (used by `cx_metrics load
    --target spark`, which checks the files against the contract first).
    `tables` maps each table name to {path, format, columns}. Every column
    is stored as text. -#}
{% macro cx_load_raw_files(tables, schema='raw') %}
    {% if target.type != 'spark' %}
        {{ exceptions.raise_compiler_error("cx_load_raw_files is the Spark loader; DuckDB and PostgreSQL load through `python -m cx_metrics load`") }}
    {% endif %}
    {% do run_query('create database if not exists ' ~ schema) %}
    {% for name, spec in tables.items() %}
        {% set view = '_cx_raw_' ~ name %}
        {% if spec.format == 'parquet' %}
            {% do run_query("create or replace temporary view " ~ view ~ " using parquet options (path '" ~ spec.path ~ "')") %}
        {% else %}
            {% do run_query("create or replace temporary view " ~ view ~ " using csv options (path '" ~ spec.path ~ "', header 'true', multiLine 'true', escape '\"')") %}
        {% endif %}
        {% do run_query('drop table if exists ' ~ schema ~ '.' ~ name) %}
        {% set columns = [] %}
        {% for column in spec.columns %}
            {% do columns.append('cast(`' ~ column ~ '` as string) as `' ~ column ~ '`') %}
        {% endfor %}
        {% do run_query('create table ' ~ schema ~ '.' ~ name ~ ' using parquet as select ' ~ columns | join(', ') ~ ' from ' ~ view) %}
        {% set count = run_query('select count(*) from ' ~ schema ~ '.' ~ name).columns[0].values()[0] %}
        {{ print('cx_loaded ' ~ name ~ ' ' ~ count) }}
    {% endfor %}
{% endmacro %}
