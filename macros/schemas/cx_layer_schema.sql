{#- The schema (Spark: database) of one layer of the warehouse:
    `<base>_<layer>`, where the base is the target's schema ($CX_SCHEMA,
    default `analytics`) and the layer one of var('schema_layers'). The raw
    layer may be pointed elsewhere with $CX_RAW_SCHEMA, for raw tables landed
    by another loader. cx_metrics/settings.py names the schemas by the same
    rule for the Python tooling. -#}
{% macro cx_layer_schema(layer) %}
    {% set layers = var('schema_layers') %}
    {% if layer not in layers %}
        {{ exceptions.raise_compiler_error(
            "Unknown layer `" ~ layer ~ "`: a model's or seed's `schema` config must be one of "
            ~ layers | join(', ') ~ " (var schema_layers in dbt_project.yml).") }}
    {% endif %}
    {% if layer == 'raw' and env_var('CX_RAW_SCHEMA', '') | trim %}
        {{ return(env_var('CX_RAW_SCHEMA') | trim) }}
    {% endif %}
    {{ return(target.schema ~ '_' ~ layer) }}
{% endmacro %}
