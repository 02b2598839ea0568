{#- True when the text holds a phone number: an international number (`+`
    and at least 8 digits, single spaces, dots, dashes or parentheses
    between them) anywhere in it, or a whole value made of 3 or more groups
    of 2 to 5 digits (the first may be in parentheses) with at least 9
    digits in all, as national numbers are written (`01 23 45 67 89`,
    `(555) 123-4567`). Dates (8 digits), amounts and plain numeric ids (no
    separators) are not phone numbers by this rule; a national number written
    without any separator is missed. The `+` is looked for first, as the
    `@` of cx_looks_like_email; a value that begins with a letter A-Z or a-z
    (most ids and labels), which trimming never removes, cannot be a
    national number, and is not searched for one. -#}
{% macro cx_looks_like_phone(expr) -%}
    (
        ({{ expr }} like '%+%' and {{ cx_regex_matches(expr, '[+][0-9]([ ().-]?[0-9]){7,}') }})
        or (
            not (ascii({{ expr }}) between 65 and 90 or ascii({{ expr }}) between 97 and 122)
            and {{ cx_regex_matches(cx_trim(expr), '^[(]?[0-9]{2,5}[)]?([ .-][0-9]{2,5}){2,}$') }}
            and length(translate({{ expr }}, ' ().-', '')) >= 9
        )
    )
{%- endmacro %}
