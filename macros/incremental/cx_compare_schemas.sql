{#- Compares every model of this build (the schemas of the target's base,
    $CX_SCHEMA) with the same model in the schemas of base `other_base`,
    row for row in both directions (EXCEPT ALL: a row twice here and once
    there differs), and stops with the list of models that differ and by
    how many rows. The run stamps (var run_stamp_columns) are left out:
    they tell when a row was written. Used by `python -m cx_metrics
    incremental-check` to hold an incremental build to a full refresh of
    the same data. -#}
{% macro cx_compare_schemas(other_base) %}
    {% if not execute %}{{ return('') }}{% endif %}
    {% set differences = [] %}
    {% set compared = [] %}
    {% for node in graph.nodes.values()
        if node.resource_type == 'model' and node.config.enabled and node.config.materialized != 'ephemeral' %}
        {% set here = api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias) %}
        {% set there = api.Relation.create(
            database=node.database,
            schema=other_base ~ node.schema[target.schema | length:],
            identifier=node.alias
        ) %}
        {% set columns = [] %}
        {% for column in adapter.get_columns_in_relation(here) if column.name | lower not in var('run_stamp_columns') %}
            {% do columns.append(adapter.quote(column.name)) %}
        {% endfor %}
        {% set compared_columns = columns | join(', ') %}
        {% set query %}
            select
                (select count(*) from (
                    select {{ compared_columns }} from {{ here }}
                    except all
                    select {{ compared_columns }} from {{ there }}
                ) as only_here),
                (select count(*) from (
                    select {{ compared_columns }} from {{ there }}
                    except all
                    select {{ compared_columns }} from {{ here }}
                ) as only_there)
        {% endset %}
        {% set counts = run_query(query).rows[0] %}
        {% do compared.append(node.alias) %}
        {% if counts[0] | int > 0 or counts[1] | int > 0 %}
            {% do differences.append(node.alias ~ ': ' ~ counts[0] ~ ' rows only in ' ~ here.schema ~ ', '
                ~ counts[1] ~ ' only in ' ~ there.schema) %}
        {% endif %}
    {% endfor %}
    {% if differences %}
        {{ exceptions.raise_compiler_error(differences | length ~ ' of ' ~ compared | length
            ~ ' models differ:\n' ~ differences | join('\n')) }}
    {% endif %}
    {{ log(compared | length ~ ' models compared, all equal', info=true) }}
{% endmacro %}
