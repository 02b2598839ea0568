{#- Text without its leading and trailing space separators: the characters
    of Unicode category Zs (cx_space_separators) - the space, the no-break
    space, the en, em and ideographic spaces and the others - and never a
    tab or a line break. The same characters on every engine: DuckDB's
    `trim` takes exactly these (cx_metrics/tests/test_trim.py holds it to
    the list over every character of the Basic Multilingual Plane, where
    all of them lie), PostgreSQL's and Spark's the space alone, so those are
    given the list. -#}
{% macro cx_trim(expr) -%}
    {{ return(adapter.dispatch('cx_trim', 'cx_metrics')(expr)) }}
{%- endmacro %}

{% macro default__cx_trim(expr) -%}
    trim(both {{ cx_string_literal(cx_space_separators()) }} from {{ expr }})
{%- endmacro %}

{% macro duckdb__cx_trim(expr) -%}
    trim({{ expr }})
{%- endmacro %}

{#- The characters of Unicode category Zs, as one string: the space first. -#}
{% macro cx_space_separators() -%}
    {{ return(" \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000") }}
{%- endmacro %}
