"""Seed files load on every engine.

dbt-spark writes seed values into an INSERT statement without escaping them,
so a single quote anywhere in a seed breaks `dbt seed` on Spark alone.
"""

import csv
from pathlib import Path

import pytest

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.csv"))


def test_there_are_seeds() -> None:
    assert len(SEEDS) >= 10


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.stem)
def test_no_seed_value_holds_a_single_quote(seed: Path) -> None:
    with seed.open(encoding="utf-8", newline="") as handle:
        quoted = [
            (line, value)
            for line, row in enumerate(csv.reader(handle), start=1)
            for value in row
            if "'" in value
        ]
    assert quoted == [], f"{seed.name}: single quotes break dbt seed on Spark: {quoted}"
