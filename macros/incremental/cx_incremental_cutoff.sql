{#- SQL text of a scalar subquery: the instant from which an incremental
    run re-reads raw rows, var `incremental_lookback_days` before the latest
    `updated_at` that `relation` (the model as built, or a CTE over it)
    holds; null when it holds none. Instants after the build's own clock (a
    mistyped year) are left out of that latest, so that one such row cannot
    move the window past every later record. -#}
{% macro cx_incremental_cutoff(relation) -%}
    (
        select {{ dbt.dateadd('day', -1 * var('incremental_lookback_days'), 'max(updated_at)') }}
        from {{ relation }}
        where updated_at <= {{ dbt.current_timestamp() }}
    )
{%- endmacro %}
