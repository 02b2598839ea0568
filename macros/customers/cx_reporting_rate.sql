{#- The rate that turns an amount in `currency_column` into the reporting
    currency (var reporting_currency): 1 for the reporting currency itself,
    else `seed_rate_column` - the rate_to_reporting_currency of seed
    currency_rates joined on the currency and the month (empty when the
    seed has none, which tests/marts/assert_every_billed_currency_month_has_a_rate
    reports for subscriptions and the spend). -#}
{% macro cx_reporting_rate(currency_column, seed_rate_column) -%}
    case
        when {{ currency_column }} = {{ cx_string_literal(var('reporting_currency')) }} then 1
        else {{ seed_rate_column }}
    end
{%- endmacro %}
