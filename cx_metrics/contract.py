"""The raw data contract, read from the dbt source definitions.

The source YAML files under ``models/staging/<source>/`` are the single
source of truth for the raw tables: their names, their columns in order, and
each column's contract type and, for enumerated columns, its allowed values.
Everything in Python that needs the contract (generator, loader, validation,
documentation) reads it from there, and reads the reference data the contract
points at (teams, channels, survey types ...) from the seeds under ``seeds/``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
STAGING_DIR = PROJECT_ROOT / "models" / "staging"
SEEDS_DIR = PROJECT_ROOT / "seeds"


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    contract_type: str
    allowed_values: tuple[str, ...] = ()
    key: str | None = None
    references: str | None = None
    # meta personal_data: `true` (the column is personal data) or `possible`
    # (not by definition, but exports put personal data in it). The raw text
    # of either stays in the raw and quarantine schemas.
    personal_data: bool = False
    may_hold_personal_data: bool = False

    @property
    def raw_text_stays_out_of_staging(self) -> bool:
        return self.personal_data or self.may_hold_personal_data


@dataclass(frozen=True)
class RawTable:
    source: str
    name: str
    description: str
    columns: tuple[Column, ...] = field(default_factory=tuple)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def primary_key(self) -> str:
        return next(c.name for c in self.columns if c.key == "primary")


@lru_cache(maxsize=1)
def contract() -> dict[str, RawTable]:
    """All raw tables of the contract, keyed by table name, in file order."""
    tables: dict[str, RawTable] = {}
    for path in sorted(STAGING_DIR.glob("*/_*__sources.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for source in doc.get("sources", []):
            for table in source.get("tables", []):
                cols = []
                for col in table.get("columns", []):
                    meta = col.get("meta", {}) or {}
                    personal = meta.get("personal_data", False)
                    if personal not in (True, False, "possible"):
                        raise ValueError(
                            f"{path.name}: {table['name']}.{col['name']}: meta personal_data must be true, false "
                            f"or possible, not {personal!r}"
                        )
                    cols.append(
                        Column(
                            name=col["name"],
                            description=col.get("description", ""),
                            contract_type=meta.get("contract_type", "text"),
                            allowed_values=tuple(str(v) for v in meta.get("allowed_values", [])),
                            key=meta.get("key"),
                            references=meta.get("references"),
                            personal_data=personal is True,
                            may_hold_personal_data=personal == "possible",
                        )
                    )
                tables[table["name"]] = RawTable(
                    source=source["name"],
                    name=table["name"],
                    description=table.get("description", ""),
                    columns=tuple(cols),
                )
    return tables


def raw_tables() -> dict[str, list[str]]:
    """Table name -> ordered column names."""
    return {name: t.column_names for name, t in contract().items()}


def source_of(table: str) -> str:
    """The source system (dbt source name) a raw table belongs to."""
    return contract()[table].source


def allowed_values(table: str, column: str) -> tuple[str, ...]:
    """The allowed values of an enumerated raw column, in contract order."""
    values = next(c for c in contract()[table].columns if c.name == column).allowed_values
    if not values:
        raise KeyError(f"{table}.{column} has no allowed values in the contract")
    return values


@lru_cache(maxsize=None)
def seed(name: str) -> tuple[dict[str, str], ...]:
    """The rows of seed ``seeds/<name>.csv`` in file order, every value as text."""
    with open(SEEDS_DIR / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))
