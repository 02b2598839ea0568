-- Every month a paid subscription billed in a currency other than the
-- reporting currency (var reporting_currency) touches needs a rate in seed
-- currency_rates; without one its MRR would be empty. One row per missing
-- currency and month.
select
    currency,
    month_start,
    count(*) as subscriptions
from {{ ref('int_subscription_months_converted') }}
where rate is null
group by currency, month_start
