{#- Generic test: no two rows share the same values of `columns` (the
    model's grain). Returns each repeated combination with its count. -#}
{% test cx_unique_combination(model, columns) %}

select
    {{ columns | join(', ') }},
    count(*) as n_rows
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1

{% endtest %}
