{#- True when the text holds something shaped like an email address
    (name@domain.tld) anywhere in it. Staging pseudonymises such author ids,
    and assert_no_personal_data_past_staging fails on any such value past
    staging: both use this one definition. -#}
{% macro cx_looks_like_email(expr) -%}
    {{ cx_regex_matches(expr, '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+([.][A-Za-z0-9-]+)*[.][A-Za-z]{2,}') }}
{%- endmacro %}
