{#- The CTEs of a base model up to `extracts`, the raw rows it classifies,
    each followed by a comma, for the model's `with` list after a CTE
    `raw_rows` over its source and the CTEs of its parents. A full build
    reads every raw row where it lies (`extracts` inlined). An incremental
    run keeps once the raw rows of the records to classify again
    (cx_is_touched_raw_row), found through `previous` (the model as built),
    `cutoff` (cx_incremental_cutoff over it), `raw_texts` and `raw_stamps`
    (each raw row's key, read as cx_version_key reads it but null when
    empty, and its parsed `updated_at`), and `touched_records`: the keys of
    the raw rows updated since the cutoff, or without a readable
    `updated_at`, or every key when the model holds no row yet, and the
    records whose parent changed since they were classified: `parents`
    lists (parent CTE, column of the model, key of the parent) to join
    `previous` to, `held` maps each column the model keeps of its parents
    to the SQL expression over those CTEs it must still equal. Null
    spellings are read before parsing: the parser repeats its input many
    times, and DuckDB ran the spelling check once per repetition
    (docs/decisions.md); `updated_at` is parsed in a CTE of its own and
    compared after, kept out of the comparison with the cutoff, which an
    engine may run as a join condition. Rows without a key are read again
    on every run. -#}
{% macro cx_extracts_ctes(key_column, parents, held) -%}
{%- if is_incremental() -%}
previous as (

    select * from {{ this }}

),

cutoff as (

    select {{ cx_incremental_cutoff('previous') }} as cutoff_at

),

raw_texts as (

    select
        {{ cx_read_key('raw_rows.' ~ key_column) }} as record_key,
        {{ cx_read_null('raw_rows.updated_at') }} as updated_at_text
    from raw_rows

),

raw_stamps as (

    select
        raw_texts.record_key,
        {{ cx_parse_timestamp('raw_texts.updated_at_text') }} as updated_at
    from raw_texts

),

touched_records as (

    select raw_stamps.record_key
    from raw_stamps
    cross join cutoff
    where
        raw_stamps.record_key is not null
        and (
            raw_stamps.updated_at is null
            or cutoff.cutoff_at is null
            or raw_stamps.updated_at >= cutoff.cutoff_at
        )
    union
    select previous.record_key
    from previous
    {%- for parent, column, parent_key in parents %}
    left join {{ parent }}
        on previous.{{ column }} = {{ parent }}.{{ parent_key }}
    {%- endfor %}
    where
        {%- for column, expression in held.items() %}
        {% if not loop.first %}or {% endif %}previous.{{ column }} is distinct from ({{ expression }})
        {%- endfor %}

),

extracts as (

    -- the touched records' few raw rows, kept once
    select * from raw_rows
    where {{ cx_is_touched_raw_row(key_column) }}

),
{%- else -%}
extracts as {{ cx_inline_cte() }} (

    -- a full build reads every raw row where it lies
    select * from raw_rows

),
{%- endif -%}
{%- endmacro %}

{#- SQL condition on a raw row of `raw_rows` in an incremental run: its
    record is among `touched_records` (cx_extracts_ctes), or it has
    no key (such a row is a record of its own, known by its row identity,
    and is classified again on every run). -#}
{% macro cx_is_touched_raw_row(key_column) -%}
    {%- set raw_key = cx_read_key('raw_rows.' ~ key_column) -%}
    ({{ raw_key }} is null or {{ raw_key }} in (select touched_records.record_key from touched_records))
{%- endmacro %}

{#- The configuration of an incremental base model, for
    `config(**cx_base_incremental_config(...))`: incremental on DuckDB and
    PostgreSQL (a table on Spark, cx_volume_materialization), a record's
    rows replaced at once (delete+insert on record_key). With a source, a
    pre-hook first deletes the records whose key no raw row of that source
    holds any more (deleted at the source, as a complete snapshot shows):
    delete+insert alone replaces only the records that come back with rows.
    A row without a key is a record of its own ('row:' and its identity);
    one gone from the source is left to assert_no_raw_row_lost, which then
    fails and asks for a full refresh. -#}
{% macro cx_base_incremental_config(source_name=none, table_name=none, key_column=none) -%}
    {%- set config = {
        'materialized': cx_volume_materialization(),
        'unique_key': 'record_key',
        'incremental_strategy': 'delete+insert',
        'on_schema_change': 'fail',
    } -%}
    {%- if source_name -%}
        {%- do config.update({'pre_hook': "{{ cx_delete_records_gone('" ~ source_name ~ "', '"
            ~ table_name ~ "', '" ~ key_column ~ "') }}"}) -%}
    {%- endif -%}
    {{ return(config) }}
{%- endmacro %}

{#- Pre-hook of cx_base_incremental_config: on an incremental run, deletes
    the records of the model whose key `key_column` no raw row of the
    source holds (read as cx_version_key reads it); nothing on a full
    build. -#}
{% macro cx_delete_records_gone(source_name, table_name, key_column) -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where {{ key_column }} in (
            select {{ key_column }} from {{ this }}
            where {{ key_column }} is not null
            except
            select {{ cx_read_key('raw_rows.' ~ key_column) }}
            from {{ source(source_name, table_name) }} as raw_rows
        )
    {%- endif -%}
{%- endmacro %}
