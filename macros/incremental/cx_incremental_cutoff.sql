{#- SQL text of a scalar subquery: the instant from which an incremental
    run re-reads raw rows, var `incremental_lookback_days` before the latest
    `updated_at` that `relation` (the model as built, or a CTE over it)
    holds; null when it holds none. Instants after the build's own clock (a
    mistyped year) are left out of that latest, so that one such row cannot
    move the window past every later record. The clock is the run's start
    (cx_run_stamp): comparing `updated_at` with the engine's
    `current_timestamp` (with a zone) cast every value to the session's
    zone first. -#}
{% macro cx_incremental_cutoff(relation) -%}
    (
        select {{ dbt.dateadd('day', -1 * var('incremental_lookback_days'), 'max(updated_at)') }}
        from {{ relation }}
        where updated_at <= {{ cx_run_stamp() }}
    )
{%- endmacro %}
