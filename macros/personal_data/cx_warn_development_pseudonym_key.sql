{#- Run before every `dbt build` and `dbt run` (on-run-start): say, once per
    build, that email addresses are being hashed with the public development
    key (CX_PSEUDONYM_KEY not set, on a development target), so anyone can
    recompute the hashes. On any other target a missing key stops the build
    (cx_uses_development_pseudonym_key). -#}
{% macro cx_warn_development_pseudonym_key() %}
    {% if execute and flags.WHICH in ('build', 'run') and cx_uses_development_pseudonym_key() %}
        {% do exceptions.warn(
            "CX_PSEUDONYM_KEY is not set: email addresses are pseudonymised with the public development key, "
            ~ "so anyone can recompute their hashes from a list of addresses. Set CX_PSEUDONYM_KEY to a secret "
            ~ "of your own before building real data.") %}
    {% endif %}
    {{ return('') }}
{% endmacro %}
