{#- The Spark side of `python -m cx_metrics load --target spark`, which has
    read and checked every file first. Spark has no transactions, so the
    load is made all or nothing by hand: every unit is loaded into a new
    table `<name>__incoming` beside the old one and its row count checked;
    only when all are right is the old raw data replaced, with
    `cx_load_state` saying `swapping` until the last table is in place
    (cx_check_raw_load refuses to build on a raw schema left that way).

    `units`: a list of {name, path, format (csv|parquet), columns: [[name,
    type]], expected_rows}. CSV files are read in the contract's dialect
    (header, comma, double quotes doubled inside quoted values, values over
    several lines, UTF-8, no comment character); a line Spark cannot read
    fails the load instead of being dropped. -#}
{% macro cx_load_raw_files(units, schema, load_id) %}
    {% if target.type != 'spark' %}
        {{ exceptions.raise_compiler_error("cx_load_raw_files is the Spark loader; DuckDB and PostgreSQL load through `python -m cx_metrics load`") }}
    {% endif %}
    {% do run_query('create database if not exists ' ~ schema) %}
    {% set wrong = [] %}
    {% for unit in units %}
        {% set view = '_cx_raw_' ~ unit.name %}
        {% set incoming = schema ~ '.' ~ unit.name ~ '__incoming' %}
        {% if unit.format == 'parquet' %}
            {% do run_query("create or replace temporary view " ~ view ~ " using parquet options (path '" ~ unit.path ~ "')") %}
        {% else %}
            {% do run_query("create or replace temporary view " ~ view ~ " using csv options (path '" ~ unit.path ~ "', header 'true', sep ',', quote '\"', escape '\"', multiLine 'true', encoding 'UTF-8', mode 'FAILFAST')") %}
        {% endif %}
        {% set columns = [] %}
        {% for column in unit.columns %}
            {% do columns.append('cast(`' ~ column[0] ~ '` as ' ~ column[1] ~ ') as `' ~ column[0] ~ '`') %}
        {% endfor %}
        {% do run_query('drop table if exists ' ~ incoming) %}
        {% do run_query('create table ' ~ incoming ~ ' using parquet as select ' ~ columns | join(', ') ~ ' from ' ~ view) %}
        {% set count = run_query('select count(*) from ' ~ incoming).columns[0].values()[0] %}
        {% if count | int != unit.expected_rows | int %}
            {% do wrong.append(unit.name ~ ': Spark read ' ~ count ~ ' rows, the file holds ' ~ unit.expected_rows) %}
        {% endif %}
    {% endfor %}
    {% if wrong %}
        {% for unit in units %}
            {% do run_query('drop table if exists ' ~ schema ~ '.' ~ unit.name ~ '__incoming') %}
        {% endfor %}
        {{ exceptions.raise_compiler_error("the load lost or added rows; the previous raw data is unchanged: " ~ wrong | join('; ')) }}
    {% endif %}
    {{ cx_write_load_state(schema, load_id, 'swapping') }}
    {% for unit in units %}
        {% do run_query('drop table if exists ' ~ schema ~ '.' ~ unit.name) %}
        {% do run_query('alter table ' ~ schema ~ '.' ~ unit.name ~ '__incoming rename to ' ~ schema ~ '.' ~ unit.name) %}
    {% endfor %}
    {{ cx_write_load_state(schema, load_id, 'complete') }}
{% endmacro %}

{% macro cx_write_load_state(schema, load_id, state) %}
    {% do run_query('drop table if exists ' ~ schema ~ '.cx_load_state') %}
    {% do run_query("create table " ~ schema ~ ".cx_load_state using parquet as select '" ~ load_id ~ "' as load_id, '" ~ state ~ "' as state, current_timestamp() as changed_at") %}
{% endmacro %}
