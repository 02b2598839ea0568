{#- Where dbt puts every model and seed: the schema of its layer, named by
    cx_layer_schema (`<base>_<layer>`, e.g. analytics_marts). The layer is
    the `schema` config set per folder in dbt_project.yml (staging,
    quarantine, intermediate, marts, seeds). A model or seed with no layer,
    or with a layer not in var('schema_layers'), is an error rather than a
    table where no reader would look for it. Other nodes (tests storing their
    failures) keep dbt's default naming, `<base>_<custom schema>`. -#}
{% macro generate_schema_name(custom_schema_name, node) %}
    {% set is_relation = node is not none and node.resource_type in ('model', 'seed', 'snapshot') %}
    {% if not is_relation %}
        {{ return(target.schema ~ ('_' ~ custom_schema_name | trim if custom_schema_name is not none else '')) }}
    {% endif %}
    {% if custom_schema_name is none %}
        {{ exceptions.raise_compiler_error(
            "`" ~ node.name ~ "` has no layer: set `+schema` for its folder in dbt_project.yml to one of "
            ~ var('schema_layers') | join(', ') ~ ".") }}
    {% endif %}
    {{ return(cx_layer_schema(custom_schema_name | trim)) }}
{% endmacro %}
