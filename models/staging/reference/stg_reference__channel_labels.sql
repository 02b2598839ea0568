{#- One row per matching key of a channel label (seed channel_synonyms):
    the key is the label lower-cased without spaces, hyphens, underscores or
    dots, so staging can match any spelling of a channel with one equi-join.
    A key claimed by two channels fails the unique test on label_key. -#}

with

channel_synonyms as (

    select * from {{ ref('channel_synonyms') }}

),

channels as (

    select channel from {{ ref('channels') }}

),

labels as (

    select
        {{ cx_normalise_label('label') }} as label_key,
        channel
    from channel_synonyms

    union all

    -- every canonical name matches itself
    select
        {{ cx_normalise_label('channel') }} as label_key,
        channel
    from channels

),

final as (

    select distinct
        label_key,
        channel
    from labels

)

select * from final
