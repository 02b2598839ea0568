{#- Text to boolean: true/false, t/f, yes/no, y/n, 1/0 in any case; empty is
    null; anything else is null too (callers that must reject it compare the
    raw text with cx_is_boolean_text). -#}
{% macro cx_parse_boolean(expr) -%}
    case
        when lower(trim({{ expr }})) in ('true', 't', 'yes', 'y', '1') then true
        when lower(trim({{ expr }})) in ('false', 'f', 'no', 'n', '0') then false
    end
{%- endmacro %}
