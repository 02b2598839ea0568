{#- Whether this build pseudonymises with the public development key, i.e.
    no key of one's own is set (the tooling says CX_PSEUDONYM_KEY_CONFIGURED=yes
    when CX_PSEUDONYM_KEY is; the key itself never reaches dbt's Jinja). On a
    target outside var pseudonym_development_targets that is a compile
    error: real data is never hashed with a key anyone can read. -#}
{% macro cx_uses_development_pseudonym_key() -%}
    {%- set configured = env_var('CX_PSEUDONYM_KEY_CONFIGURED', 'no') == 'yes' -%}
    {%- set development_targets = var('pseudonym_development_targets') -%}
    {%- if execute and not configured and target.name not in development_targets -%}
        {{ exceptions.raise_compiler_error(
            "No pseudonymisation key for target " ~ target.name ~ ": set CX_PSEUDONYM_KEY to a secret of your "
            ~ "own (at least 16 letters, digits or + / = _ . ~ -, e.g. `openssl rand -base64 32`) and build "
            ~ "through `python -m cx_metrics` or make, which hand it to the engine. Only the targets "
            ~ development_targets | join(', ') ~ " may use the public development key.") }}
    {%- endif -%}
    {{ return(not configured) }}
{%- endmacro %}
