{#- Sales and marketing spend (METRICS.md C7), one row per spend record,
    with its amount in the reporting currency (var reporting_currency; seed
    currency_rates for the others, at the rate of the spend's month). The
    channel is an acquisition channel, as in the CRM. Grain: one row per
    spend record (spend_id). -#}

with

spend as (

    select * from {{ ref('stg_billing__marketing_spend') }}

),

currency_rates as (

    select * from {{ ref('currency_rates') }}

),

dated as (

    select
        *,
        cast({{ dbt.date_trunc('month', 'spend_date') }} as date) as month_start
    from spend

),

final as (

    select
        dated.spend_id,
        dated.channel as acquisition_channel,
        dated.spend_type,
        dated.spend_date,
        dated.month_start,
        dated.currency,
        cast(
            dated.amount * {{ cx_reporting_rate('dated.currency', 'currency_rates.rate_to_reporting_currency') }}
            as decimal(18, 4)
        ) as amount
    from dated
    left join currency_rates
        on
            dated.currency = currency_rates.currency
            and dated.month_start = currency_rates.month_start

)

select * from final
