{#- Text to boolean: true/false, t/f, yes/no, y/n, 1/0 in any case; empty is
    null; anything else is null too (callers that must reject it use
    cx_is_unreadable_boolean on the raw text). -#}
{% macro cx_parse_boolean(expr) -%}
    case
        when lower({{ cx_trim(expr) }}) in {{ cx_boolean_spellings(true) }} then true
        when lower({{ cx_trim(expr) }}) in {{ cx_boolean_spellings(false) }} then false
    end
{%- endmacro %}

{#- The lower-case spellings cx_parse_boolean reads as `value`, as a SQL list. -#}
{% macro cx_boolean_spellings(value) -%}
    {%- if value -%}
        ('true', 't', 'yes', 'y', '1')
    {%- else -%}
        ('false', 'f', 'no', 'n', '0')
    {%- endif -%}
{%- endmacro %}
