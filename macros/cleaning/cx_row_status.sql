{#- The fate of a raw row: `quarantined` when a reason was found, else
    `duplicate` when a later version of the record exists, else `staged`.
    Every base model classifies each raw row with it, so that raw rows =
    staged + duplicate + quarantined (tests/staging/assert_no_raw_row_lost). -#}
{% macro cx_row_status(reason_column='quarantine_reason', rank_column='version_rank') -%}
    case
        when {{ reason_column }} is not null then 'quarantined'
        when {{ rank_column }} > 1 then 'duplicate'
        else 'staged'
    end
{%- endmacro %}
