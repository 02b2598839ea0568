{#- The keyword that keeps a CTE read more than once from being computed
    once and stored: placed between `as` and the CTE's parenthesis. A base
    model reads its raw rows in two branches (cx_ranked_versions); stored,
    they would be a copy of the whole raw table. DuckDB and PostgreSQL store
    such a CTE unless told `not materialized`; Spark inlines every CTE and
    knows no such keyword. -#}
{% macro cx_inline_cte() -%}
    {{ return(adapter.dispatch('cx_inline_cte', 'cx_metrics')()) }}
{%- endmacro %}

{% macro default__cx_inline_cte() -%}
    not materialized
{%- endmacro %}

{% macro spark__cx_inline_cte() -%}
{%- endmacro %}
