"""Generate the raw extracts of cx_metrics: helpdesk, CRM, survey and billing.

The generator writes the seven raw tables of the data contract (the dbt source
files ``models/staging/<source>/_<source>__sources.yml``) as CSV or Parquet
files named after the tables. Every column is text, in contract order; a
missing value is an empty field (CSV) or a null (Parquet).

The data is synthetic but shaped like a real customer-service operation over
the 18 months that end on ``end_date``: ticket volume by weekday and hour with
slight growth, a channel mix, team opening hours, first replies near the
channel benchmarks, follow-ups, reopens, escalations, phone queues with a
service level near 80 % in 90 s, survey invitations and answers, leads that
convert, subscriptions that upgrade, downgrade, churn and come back, and daily
marketing and sales spend.

At ``defect_rate`` of the rows of each table, one defect of a known kind is
injected, and ``_defects.csv`` lists every injected defect as
``table,record_key,defect`` (see ``defects``). With ``defect_rate=0`` the
output is clean.

How it stays deterministic and scales:

* Counter-based randomness (``randomness``): every draw is a hash of (seed,
  stream name, entity number). An entity's attributes do not depend on which
  chunk produced it, so the same arguments give byte-identical files whatever
  the chunk size.
* Contacts, then tickets, are generated in chunks and appended to the output
  files (``writer``), so memory stays bounded.
* Within each window of ``WINDOW`` contacts or tickets, rows are written in a
  shuffled order: an extract is never sorted by time.

The modules:

* ``vocabulary``: the values of enumerated columns, read from the raw contract,
  and the reference data read from the seeds;
* ``world``: scale, time span, teams and agents, countries, arrival curves, ids;
* ``crm``, ``helpdesk``, ``survey``, ``billing``: one module per source system;
* ``randomness``, ``clock``, ``columns``: random draws, time arithmetic and the
  text of the columns;
* ``defects``: the defect injector; ``writer``: the output files;
* ``run``: ``generate()`` and the command line.

Usage::

    python -m cx_metrics.generate --out data/raw --size demo --seed 42 --format csv
"""

from cx_metrics.generate.defects import CHANNEL_VARIANTS, DEFECT_KINDS, INVALID_TIMESTAMPS, UNKNOWN_CHANNELS
from cx_metrics.generate.run import SIZES, generate, main
from cx_metrics.generate.vocabulary import CHANNELS
from cx_metrics.generate.writer import DEFECTS_FILE

__all__ = [
    "CHANNELS",
    "CHANNEL_VARIANTS",
    "DEFECTS_FILE",
    "DEFECT_KINDS",
    "INVALID_TIMESTAMPS",
    "SIZES",
    "UNKNOWN_CHANNELS",
    "generate",
    "main",
]
