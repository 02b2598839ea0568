{#- A bound of a numeric survey scale written `a-b` (whole numbers): `a` for
    part 1, `b` for part 2, as an integer; null when the scale is not of
    that form. Takes a scale already in canonical form (cx_survey_scale). -#}
{% macro cx_scale_bound(scale_expr, part) -%}
    {%- set pattern = '^([0-9]{1,6})-[0-9]{1,6}$' if part == 1 else '^[0-9]{1,6}-([0-9]{1,6})$' -%}
    cast({{ cx_regex_extract(scale_expr, pattern, 1) }} as {{ dbt.type_int() }})
{%- endmacro %}
