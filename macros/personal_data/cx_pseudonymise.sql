{#- A keyed pseudonym of a text that identifies a person (an email
    address): the lower-case hex SHA-256 of the pseudonymisation key
    followed by the normalised text; null when the text is empty. Normalised:
    leading and trailing space separators removed (cx_trim: the space, the
    no-break space and the other Unicode Zs characters, on every engine)
    and the ASCII letters A-Z lowered;
    every other character is kept as written, because lower() does not lower
    the same letters on every engine (PostgreSQL under the C locale leaves
    É alone). The same text and key give the same 64 hex digits on DuckDB,
    PostgreSQL and Spark.

    The key is never written into the SQL: each engine reads it from its
    session, where the tooling put it (docs/decisions.md, "Personal data").
    Unit tests hash with var pseudonym_unit_test_key instead, so that their
    expected digests are fixed. -#}
{% macro cx_pseudonymise(expression) -%}
    {%- set text = "translate(" ~ cx_trim(expression) ~ ", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')" -%}
    {%- if model is mapping and model.get('resource_type') == 'unit_test' -%}
        {%- set key = cx_string_literal(var('pseudonym_unit_test_key')) -%}
    {%- else -%}
        {%- do cx_uses_development_pseudonym_key() -%}
        {%- set key = none -%}
    {%- endif -%}
    case
        when {{ cx_clean_text(expression) }} is not null
            then {{ adapter.dispatch('cx_pseudonymise', 'cx_metrics')(text, key) }}
    end
{%- endmacro %}

{#- `key`: an SQL string literal (unit tests), or none for the session's key. -#}
{% macro default__cx_pseudonymise(text, key) -%}
    {{ exceptions.raise_compiler_error("cx_pseudonymise has no implementation for adapter " ~ adapter.type()) }}
{%- endmacro %}

{#- DuckDB: the variable cx_pseudonym_key, set on every cursor by the dbt-duckdb
    plugin cx_metrics.duckdb_session. -#}
{% macro duckdb__cx_pseudonymise(text, key) -%}
    sha256(
        {{ key or "coalesce(nullif(getvariable('cx_pseudonym_key'), ''), error('no pseudonymisation key in this DuckDB session: the profile loads it with the plugin cx_metrics.duckdb_session'))" }}
        || {{ text }}
    )
{%- endmacro %}

{#- PostgreSQL: the connection setting cx.pseudonym_key (PGOPTIONS); reading
    it fails when the connection was opened without it. -#}
{% macro postgres__cx_pseudonymise(text, key) -%}
    encode(sha256(convert_to({{ key or "current_setting('cx.pseudonym_key')" }} || {{ text }}, 'UTF8')), 'hex')
{%- endmacro %}

{#- Spark: the session configuration value spark.cx.pseudonym_key, which
    Spark's variable substitution puts in place of ${...} when it parses the
    query. An unset value reads as empty, and one whose name or text
    matches spark.redaction.regex as Spark's redaction text: both stop the
    query. -#}
{% macro spark__cx_pseudonymise(text, key) -%}
    sha2(
        concat(
            {{ key or "coalesce(nullif(nullif('${spark.cx.pseudonym_key}', ''), '*********(redacted)'), raise_error('no pseudonymisation key in this Spark session: the profile sets spark.cx.pseudonym_key, and its value must not match spark.redaction.regex'))" }},
            {{ text }}
        ),
        256
    )
{%- endmacro %}
