{#- Text to a decimal number: optional sign, digits, optional fraction with a
    dot or a comma ("12,50"). Anything else is null. -#}
{% macro cx_parse_decimal(expr, precision=18, scale=4) -%}
    case
        when {{ cx_regex_matches(cx_trim(expr), '^[+-]?[0-9]+([.,][0-9]+)?$') }}
            then cast(replace({{ cx_trim(expr) }}, ',', '.') as {{ dbt.type_numeric() }})
    end
{%- endmacro %}
