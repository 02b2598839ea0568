-- A cohort's size (cohort_retention.cohort_customers) is the same in every
-- month since its start, for every breakdown value: customers never leave
-- the spine, they only stop being active. One row per cohort and breakdown
-- whose size changes.
select
    period_start,
    segment,
    plan,
    acquisition_channel,
    country,
    min(cohort_customers) as smallest_size,
    max(cohort_customers) as largest_size
from {{ ref('cohort_retention') }}
group by period_start, segment, plan, acquisition_channel, country
having min(cohort_customers) != max(cohort_customers)
