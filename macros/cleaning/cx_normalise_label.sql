{#- A label reduced for matching against a seed of synonyms: lower case,
    without spaces, hyphens, underscores or dots ("E-mail " -> "email",
    "Live Chat" -> "livechat"). -#}
{% macro cx_normalise_label(expr) -%}
    replace(replace(replace(replace(lower(trim({{ expr }})), ' ', ''), '-', ''), '_', ''), '.', '')
{%- endmacro %}
