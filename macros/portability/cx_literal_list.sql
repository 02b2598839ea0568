{#- A list of text values (a var, a seed's column read at compile time) as
    a parenthesised SQL list of string literals, for `in`. -#}
{% macro cx_literal_list(values) -%}
    ({%- for value in values -%}{{ cx_string_literal(value) }}{{ ", " if not loop.last }}{%- endfor -%})
{%- endmacro %}
