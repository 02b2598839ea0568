-- Every month a paid subscription or a spend record in a currency other
-- than the reporting currency (var reporting_currency) falls in needs a
-- rate in seed currency_rates; without one its amount would be empty. One
-- row per missing currency and month.
with

subscription_months as (

    select * from {{ ref('int_subscription_months_converted') }}

),

spend as (

    select * from {{ ref('int_marketing_spend_converted') }}

),

missing as (

    select
        'subscriptions' as billed_source,
        currency,
        month_start
    from subscription_months
    where rate is null
    union all
    select
        'marketing_spend' as billed_source,
        currency,
        month_start
    from spend
    where amount is null

)

select
    billed_source,
    currency,
    month_start,
    count(*) as records
from missing
group by billed_source, currency, month_start
