{#- Raw text as it should be read: null when it is empty after trimming or
    spells a missing value (`NULL`, `N/A`, `\N`, any case, and the other
    spellings of var `null_spellings`), else the text unchanged. Most raw
    values cannot be a spelling: their first character is none of a
    spelling's first characters (in either case), nor a space separator
    (cx_trim takes those alone), nor missing (the empty text). Only the others are trimmed
    and lower-cased, the costly part, on every raw column of every base
    model. -#}
{% macro cx_read_null(expr) -%}
    {#- one line: it is read inside other expressions, whose layout sqlfluff checks -#}
    case when left({{ expr }}, 1) in {{ cx_null_spelling_starts() }} and lower({{ cx_trim(expr) }}) in {{ cx_null_spellings() }} then null else {{ expr }} end
{%- endmacro %}
