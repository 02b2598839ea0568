{#- Text to an integer: optional sign and digits, or a whole number written
    with a zero fraction ("4.0"). Anything else (text such as "nine",
    fractions) is null. -#}
{% macro cx_parse_integer(expr) -%}
    case
        when {{ cx_regex_matches(cx_trim(expr), '^[+-]?[0-9]{1,9}([.,]0+)?$') }}
            then cast({{ cx_regex_extract(cx_trim(expr), '^([+-]?[0-9]+)') }} as {{ dbt.type_int() }})
    end
{%- endmacro %}
