{#- A label reduced for matching against a seed of synonyms: accents folded
    (common Latin letters, either case: "Téléphone" -> "telephone"), lower
    case, without spaces, hyphens, underscores or dots ("E-mail " -> "email",
    "Live Chat" -> "livechat"). The fold uses translate() over both cases
    because lower() may leave non-ASCII letters alone (PostgreSQL under the C
    locale); the letters are listed in cx_accent_fold. -#}
{% macro cx_normalise_label(expr) -%}
    replace(replace(replace(replace(lower({{ cx_accent_fold(cx_trim(expr)) }}), ' ', ''), '-', ''), '_', ''), '.', '')
{%- endmacro %}
