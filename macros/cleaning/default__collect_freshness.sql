{#- Source freshness for raw tables whose timestamps arrive as text in
    several formats: the loaded-at field is parsed with cx_parse_timestamp
    before taking its maximum. Overrides dbt's default for this project's
    sources (all of them raw, all text). -#}
{% macro default__collect_freshness(source, loaded_at_field, filter) %}
    {% call statement('collect_freshness', fetch_result=True, auto_begin=False) -%}
        select
            max({{ cx_parse_timestamp(loaded_at_field) }}) as max_loaded_at,
            {{ current_timestamp() }} as snapshotted_at
        from {{ source }}
        {% if filter %}
        where {{ filter }}
        {% endif %}
    {%- endcall %}
    {{ return(load_result('collect_freshness')) }}
{% endmacro %}
