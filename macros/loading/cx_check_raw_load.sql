{#- Run before every `dbt build` and `dbt run` (on-run-start): refuse to
    build on a raw schema whose last load did not finish. The loader marks
    a load `complete` only once every raw table is in place (in the same
    transaction on DuckDB and PostgreSQL, after the swap on Spark), so any
    other state means the raw tables may mix two loads. -#}
{% macro cx_check_raw_load() %}
    {% if execute and flags.WHICH in ('build', 'run') %}
        {% set schema = cx_layer_schema('raw') %}
        {% set relation = adapter.get_relation(
            database=(none if target.type == 'spark' else target.database),
            schema=schema,
            identifier='cx_load_state') %}
        {% if relation is none %}
            {{ exceptions.raise_compiler_error(
                "The raw schema `" ~ schema ~ "` has no cx_load_state table: load the raw files with "
                ~ "`python -m cx_metrics load` (or `make run`) before building.") }}
        {% endif %}
        {% set state = run_query('select state, load_id from ' ~ relation).rows %}
        {% if state | length != 1 or state[0][0] != 'complete' %}
            {{ exceptions.raise_compiler_error(
                "The last load of the raw schema `" ~ schema ~ "` did not finish (state: "
                ~ (state[0][0] if state else 'none') ~ "): its tables may mix two loads. "
                ~ "Load the raw files again before building.") }}
        {% endif %}
    {% endif %}
{% endmacro %}
