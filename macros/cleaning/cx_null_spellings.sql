{#- The spellings of a missing value, as a SQL list of lower-case literals
    such as `('', 'null', 'n/a', '\n')`: the empty string and every entry of
    var `null_spellings` (dbt_project.yml). A raw value whose trimmed,
    lower-cased text is in the list reads as empty (cx_read_null). -#}
{% macro cx_null_spellings() -%}
    {%- set spellings = [''] -%}
    {%- for spelling in var('null_spellings') -%}
        {%- if (spelling | string | trim | lower) not in spellings -%}
            {%- do spellings.append(spelling | string | trim | lower) -%}
        {%- endif -%}
    {%- endfor -%}
    ({%- for spelling in spellings -%}{{ cx_string_literal(spelling) }}{{ ", " if not loop.last }}{%- endfor -%})
{%- endmacro %}
