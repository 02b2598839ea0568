{#- The spellings of a missing value, as a SQL list of lower-case literals
    such as `('', 'null', 'n/a', '\n')`: the empty string and every entry of
    var `null_spellings` (dbt_project.yml). A raw value whose trimmed,
    lower-cased text is in the list reads as empty (cx_read_null). -#}
{% macro cx_null_spellings() -%}
    ({%- for spelling in cx_null_spelling_list() -%}{{ cx_string_literal(spelling) }}{{ ", " if not loop.last }}{%- endfor -%})
{%- endmacro %}

{#- The first characters a raw value spelling a missing value can start
    with, as a SQL list: '' (the empty text), each space separator (trimmed
    away, cx_trim), and the first character of each spelling in lower and
    upper case. -#}
{% macro cx_null_spelling_starts() -%}
    {%- set starts = [''] + cx_space_separators() | list -%}
    {%- for spelling in cx_null_spelling_list() if spelling -%}
        {%- for start in [spelling[0] | lower, spelling[0] | upper] if start not in starts -%}
            {%- do starts.append(start) -%}
        {%- endfor -%}
    {%- endfor -%}
    ({%- for start in starts -%}{{ cx_string_literal(start) }}{{ ", " if not loop.last }}{%- endfor -%})
{%- endmacro %}

{#- The spellings as a list of lower-case strings, the empty one first. -#}
{% macro cx_null_spelling_list() -%}
    {%- set spellings = [''] -%}
    {%- for spelling in var('null_spellings') -%}
        {%- if (spelling | string | trim | lower) not in spellings -%}
            {%- do spellings.append(spelling | string | trim | lower) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(spellings) }}
{%- endmacro %}
