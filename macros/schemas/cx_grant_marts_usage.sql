{#- Run after every build (on-run-end). dbt's `grants` config (set for the
    marts folder in dbt_project.yml) gives $CX_BI_ROLE `select` on each mart
    table; reading them also takes `usage` on their schema, which grants
    cannot express. This grants it on the marts schema and on no other: the
    BI role sees the marts and nothing else. PostgreSQL only; without
    $CX_BI_ROLE it does nothing. -#}
{% macro cx_grant_marts_usage(built_schemas) %}
    {% set role = env_var('CX_BI_ROLE', '') | trim %}
    {% set marts = cx_layer_schema('marts') %}
    {% if execute and target.type == 'postgres' and role and marts in built_schemas %}
        {{ return('grant usage on schema ' ~ adapter.quote(marts) ~ ' to ' ~ adapter.quote(role)) }}
    {% endif %}
    {{ return('') }}
{% endmacro %}
