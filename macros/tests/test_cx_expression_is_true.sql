{#- Generic test: fails on every row where `expression` is not true. On a
    column, the expression is appended to the column name (e.g. ">= 0"); on
    a model it stands alone. Nulls in a column test are not failures. -#}
{% test cx_expression_is_true(model, expression, column_name=none) %}

select *
from {{ model }}
where
    {% if column_name is none -%}
    not coalesce({{ expression }}, false)
    {%- else -%}
    {{ column_name }} is not null
    and not coalesce({{ column_name }} {{ expression }}, false)
    {%- endif %}

{% endtest %}
