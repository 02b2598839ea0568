{#- True when the text holds something shaped like an email address
    (name@domain.tld) anywhere in it. Staging pseudonymises such author ids,
    and assert_no_personal_data_past_staging fails on any such value past
    staging: both use this one definition. The `@` is looked for first: a
    plain search, where the pattern has to be tried at every character. -#}
{% macro cx_looks_like_email(expr) -%}
    ({{ expr }} like '%@%' and {{ cx_regex_matches(expr, '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+([.][A-Za-z0-9-]+)*[.][A-Za-z]{2,}') }})
{%- endmacro %}
