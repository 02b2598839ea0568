{#- SQL text of the run's start in UTC as a timestamp literal (dbt's
    `run_started_at`): the build's own clock. `updated_at` and every other
    raw instant are UTC without a zone, and so is this. An incremental
    model's cutoff leaves out the instants after it; the rows an incremental
    model writes carry it as their run stamp (`classified_at`, `built_at`),
    so that a later model can tell the rows rewritten since it last ran. -#}
{% macro cx_run_stamp() -%}
    cast('{{ run_started_at.strftime('%Y-%m-%d %H:%M:%S') }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}
