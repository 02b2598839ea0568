"""Entry points of the generator: ``generate()`` and the command line.

Contacts come first, chunk by chunk, with their subscriptions and contact
surveys; then tickets with their messages, calls and ticket surveys; last the
employee surveys and the marketing spend.
"""

from __future__ import annotations

import argparse
import math
import time
from pathlib import Path

import numpy as np
from tqdm import tqdm

from cx_metrics.generate import billing, crm, helpdesk, survey
from cx_metrics.generate.defects import DefectInjector
from cx_metrics.generate.world import WINDOW, World
from cx_metrics.generate.writer import FORMATS, Sink

SIZES = {"tiny": 300, "ci": 2_000, "demo": 20_000}
DEFAULT_END_DATE = "2026-10-31"
DEFAULT_CHUNK_SIZE = 50_000
PROGRESS_THRESHOLD = 200_000


def generate(
    out_dir: str | Path,
    *,
    tickets: int,
    seed: int = 42,
    fmt: str = "csv",
    defect_rate: float = 0.02,
    end_date: str = DEFAULT_END_DATE,
    progress: bool | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> dict[str, int]:
    """Write the seven raw tables and ``_defects.csv`` into ``out_dir``.

    ``tickets`` sets the scale (contacts are a quarter of it; the other tables
    follow). ``fmt`` is ``csv`` or ``parquet``. ``chunk_size`` (rounded up to a
    multiple of ``WINDOW``) bounds memory and does not change the output.
    Returns the number of rows written per table, duplicates included.
    """
    if tickets < 1:
        raise ValueError("tickets must be at least 1")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use csv or parquet")
    if not 0 <= defect_rate <= 0.5:
        raise ValueError("defect_rate must be between 0 and 0.5")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    world = World(tickets, seed, end_date)
    chunk = max(WINDOW, math.ceil(chunk_size / WINDOW) * WINDOW)
    if progress is None:
        progress = tickets > PROGRESS_THRESHOLD

    sink = Sink(out, fmt, DefectInjector(world, defect_rate))
    next_row = {"subscriptions": 0, "responses": 0, "ticket_messages": 0, "phone_calls": 0}
    bar = tqdm(total=world.n_contacts + tickets, unit="record", disable=not progress, desc="generating")
    try:
        for first in range(0, world.n_contacts, chunk):
            c = np.arange(first, min(first + chunk, world.n_contacts), dtype=np.int64)
            contacts, facts = crm.contacts(world, c)
            sink.put(contacts)
            customers = np.nonzero(facts["converted"] >= 0)[0]
            subscriptions, starts, ends = billing.subscriptions(
                world, c[customers], facts["segment"][customers], facts["converted"][customers],
                next_row["subscriptions"],
            )
            next_row["subscriptions"] += len(subscriptions.rows)
            sink.put(subscriptions)
            surveys = survey.contact_surveys(world, c, facts["created"], customers, starts, ends)
            _put_responses(world, sink, surveys, surveys["respondent"] // WINDOW, next_row)
            bar.update(len(c))

        for first in range(0, tickets, chunk):
            t = np.arange(first, min(first + chunk, tickets), dtype=np.int64)
            batches = helpdesk.tickets(world, t, next_row["ticket_messages"], next_row["phone_calls"])
            for name in ("tickets", "ticket_messages", "phone_calls"):
                sink.put(batches[name])
            next_row["ticket_messages"] += len(batches["ticket_messages"].rows)
            next_row["phone_calls"] += len(batches["phone_calls"].rows)
            surveys = batches["surveys"]
            _put_responses(world, sink, surveys, surveys["ticket"] // WINDOW, next_row)
            bar.update(len(t))

        surveys = survey.employee_surveys(world)
        _put_responses(world, sink, surveys, surveys["respondent"] // WINDOW, next_row)
        sink.put(billing.marketing_spend(world))
    finally:
        bar.close()
        sink.close()
    return dict(sink.counts)


def _put_responses(world: World, sink: Sink, surveys: dict, window: np.ndarray, next_row: dict) -> None:
    batch = survey.responses(world, surveys, next_row["responses"], window)
    next_row["responses"] += len(batch.rows)
    sink.put(batch)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cx_metrics.generate",
        description="Generate the raw helpdesk, CRM, survey and billing extracts of cx_metrics.",
    )
    parser.add_argument("--out", type=Path, default=Path("data/raw"), help="output folder (default: data/raw)")
    scale = parser.add_mutually_exclusive_group()
    scale.add_argument("--tickets", type=int, help="number of tickets (sets the scale)")
    scale.add_argument("--size", choices=sorted(SIZES, key=SIZES.get),
                       help=", ".join(f"{k}={v}" for k, v in SIZES.items()) + " tickets (default: demo)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--format", dest="fmt", choices=FORMATS, default="csv")
    parser.add_argument("--defect-rate", type=float, default=0.02,
                        help="share of rows of each table given one defect (default: 0.02; 0: clean)")
    parser.add_argument("--end-date", default=DEFAULT_END_DATE, help="last day of the data (YYYY-MM-DD)")
    parser.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE,
                        help="tickets or contacts generated per chunk (memory only; output unchanged)")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help=f"progress bar (default: on above {PROGRESS_THRESHOLD:,} tickets)")
    args = parser.parse_args(argv)
    tickets = args.tickets if args.tickets is not None else SIZES[args.size or "demo"]

    began = time.perf_counter()
    counts = generate(args.out, tickets=tickets, seed=args.seed, fmt=args.fmt, defect_rate=args.defect_rate,
                      end_date=args.end_date, progress=args.progress, chunk_size=args.chunk_size)
    elapsed = time.perf_counter() - began
    for name, rows in counts.items():
        print(f"{name:<16} {rows:>12,} rows")
    print(f"wrote {args.out}/ ({args.fmt}) in {elapsed:.1f} s")
    return 0
