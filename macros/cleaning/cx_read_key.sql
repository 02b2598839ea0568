{#- SQL text of a raw key as base models read it - the same value as
    cx_clean_text(cx_read_null(expr)) - with the costly part tried only
    where it can change something. A key that begins and ends with a
    printable ASCII character other than the space (codes 33 to 126), and
    whose first character starts no null spelling, is read as it is:
    cx_trim takes no such edge (the space separators besides the space are
    all outside ASCII), and it is neither empty nor a spelling. Every other
    value (null, empty, edged with a space or any non-ASCII character, or
    starting like a spelling) goes through the whole reading. Keys are read
    so on every raw row of the largest tables, several times per build. -#}
{% macro cx_read_key(expr) -%}
    {#- one line: it is read inside other expressions, whose layout sqlfluff checks -#}
    case when ascii({{ expr }}) between 33 and 126 and ascii(right({{ expr }}, 1)) between 33 and 126 and left({{ expr }}, 1) not in {{ cx_null_spelling_starts() }} then {{ expr }} else {{ cx_clean_text(cx_read_null(expr)) }} end
{%- endmacro %}
