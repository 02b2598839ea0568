"""Every setting of the Python tooling, read in one place.

Commands call :func:`settings` once and pass the result down; nothing else
reads ``CX_*`` variables. ``profiles.yml`` reads the same variables for dbt,
so a setting means the same thing to the loader, dbt, validation and the
summary.

    CX_RAW_DIR              folder of raw files in the contract (unset: demo data)
    CX_TARGET               dbt target: duckdb (default), postgres, spark
    CX_DUCKDB_PATH          DuckDB database file (default cx_metrics.duckdb)
    CX_SCHEMA               base name of the warehouse's schemas (Spark: databases), one
                            per layer: <base>_raw, _staging, _quarantine, _intermediate,
                            _marts, _seeds (default analytics)
    CX_RAW_SCHEMA           schema holding the raw tables (default <base>_raw)
    CX_BI_ROLE              PostgreSQL role granted select on the marts (default: none)
    CX_PG_HOST/PORT/USER/PASSWORD/DBNAME   PostgreSQL connection
    CX_SPARK_DIR            Spark warehouse and metastore folder (default .build/spark)
    CX_MAX_QUARANTINE_SHARE largest share of a raw table that may be quarantined
                            before validation reports a problem (default 0.10)
    CX_MAX_LINE_BYTES       a CSV line longer than this is rejected (default 1048576)
    CX_PSEUDONYM_KEY        secret key of the keyed hash that pseudonymises email addresses;
                            required on every target but the development ones (dbt var
                            pseudonym_development_targets: duckdb), where a public
                            development key stands in, with a warning
    DBT_TARGET_PATH         dbt's target folder (default target/<target>)
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import yaml

from cx_metrics.contract import PROJECT_ROOT

TARGETS = ("duckdb", "postgres", "spark")
DEFAULT_RAW_DIR = PROJECT_ROOT / "data" / "raw"
# Largest share of a raw table that may be quarantined before validation reports a problem.
DEFAULT_MAX_QUARANTINE_SHARE = 0.10


# The pseudonymisation key used when CX_PSEUDONYM_KEY is not set, on the
# development targets only. It is public (it is written here), so hashes made
# with it protect nothing: a warning says so on every build that uses it.
DEVELOPMENT_PSEUDONYM_KEY = "cx-metrics-public-development-key"
# Letters, digits and the symbols of base64 and base64url: the key travels to
# the engines as a connection option and a configuration value, where quotes,
# backslashes and spaces would need escaping.
PSEUDONYM_KEY_PATTERN = re.compile(r"[A-Za-z0-9+/=_.~-]{16,}")
# Spark redacts a configuration value holding one of these words (its default
# spark.redaction.regex), and would then hash with the redaction text.
REDACTED_BY_SPARK = re.compile(r"secret|password|token|access[.]?key", re.IGNORECASE)


@lru_cache(maxsize=1)
def _project_vars() -> dict:
    project = yaml.safe_load((PROJECT_ROOT / "dbt_project.yml").read_text(encoding="utf-8"))
    return project["vars"]


def schema_layers() -> tuple[str, ...]:
    """The warehouse's layers, as dbt_project.yml lists them (var schema_layers)."""
    return tuple(_project_vars()["schema_layers"])


def pseudonym_development_targets() -> tuple[str, ...]:
    """Targets that may build with the development key (var pseudonym_development_targets)."""
    return tuple(_project_vars()["pseudonym_development_targets"])


class SettingsError(ValueError):
    """A setting has a value the tooling cannot use; the message says which."""


def _project_path(value: str) -> Path:
    path = Path(value)
    return path if path.is_absolute() else PROJECT_ROOT / path


def _number(env: Mapping[str, str], name: str, default: float, low: float, high: float) -> float:
    text = env.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise SettingsError(f"{name}={text!r} is not a number") from None
    if not low <= value <= high:
        raise SettingsError(f"{name}={text!r} must lie between {low:g} and {high:g}")
    return value


@dataclass(frozen=True)
class Settings:
    raw_dir: Path | None
    target: str
    duckdb_path: Path
    schema: str
    raw_schema: str
    bi_role: str
    spark_dir: Path
    postgres: dict[str, str] = field(repr=False)
    max_quarantine_share: float
    max_line_bytes: int
    target_path_override: Path | None
    pseudonym_key: str = field(default="", repr=False)  # CX_PSEUDONYM_KEY; empty: not set
    pg_options: str = ""  # PGOPTIONS as found, kept when the key is added to it

    @property
    def raw_dir_or_demo(self) -> Path:
        return self.raw_dir or DEFAULT_RAW_DIR

    def target_path(self, target: str | None = None) -> Path:
        """dbt's target folder: DBT_TARGET_PATH, else target/<target>."""
        return self.target_path_override or PROJECT_ROOT / "target" / (target or self.target)

    @property
    def docs_dir(self) -> Path:
        """Great Expectations Data Docs go under the dbt target folder."""
        return (self.target_path_override or PROJECT_ROOT / "target") / "data_docs"

    @property
    def log_dir(self) -> Path:
        return PROJECT_ROOT / "logs"

    def schema_for(self, layer: str) -> str:
        """The schema (Spark: database) of one layer: `<base>_<layer>`, the rule
        of macros/schemas/cx_layer_schema.sql; the raw layer may be overridden
        by CX_RAW_SCHEMA."""
        if layer not in schema_layers():
            raise SettingsError(f"unknown layer {layer!r} (one of {', '.join(schema_layers())})")
        return self.raw_schema if layer == "raw" else f"{self.schema}_{layer}"

    def with_target(self, target: str) -> Settings:
        if target not in TARGETS:
            raise SettingsError(f"unknown target {target!r} (one of {', '.join(TARGETS)})")
        return replace(self, target=target)

    @property
    def uses_development_pseudonym_key(self) -> bool:
        return not self.pseudonym_key

    def dbt_env(self) -> dict[str, str]:
        """The variables profiles.yml and the macros read, as this object holds them.

        The pseudonymisation key never reaches dbt's Jinja: dbt gets it as
        DBT_ENV_SECRET_CX_PSEUDONYM_KEY, which only profiles.yml may read and
        which dbt masks in every log line, and hands it to the engine's
        session (DuckDB: a variable set by the plugin cx_metrics.duckdb_session;
        Spark: a configuration value). PostgreSQL takes it as a setting of the
        connection, through libpq's PGOPTIONS. The macros only learn whether a
        key of your own is set (CX_PSEUDONYM_KEY_CONFIGURED).
        """
        if self.uses_development_pseudonym_key and self.target not in pseudonym_development_targets():
            raise SettingsError(
                f"CX_PSEUDONYM_KEY is not set: target {self.target} pseudonymises email addresses with a secret "
                "key of your own (at least 16 letters, digits or + / = _ . ~ -, e.g. the output of "
                "`openssl rand -base64 32`); only the development target "
                f"({', '.join(pseudonym_development_targets())}) may use the public development key"
            )
        key = self.pseudonym_key or DEVELOPMENT_PSEUDONYM_KEY
        return {
            "CX_TARGET": self.target,
            "CX_DUCKDB_PATH": str(self.duckdb_path),
            "CX_SCHEMA": self.schema,
            "CX_RAW_SCHEMA": self.raw_schema,
            "CX_SPARK_DIR": str(self.spark_dir),
            "CX_BI_ROLE": self.bi_role,
            **{f"CX_PG_{key.upper()}": value for key, value in self.postgres.items()},
            "CX_PSEUDONYM_KEY_CONFIGURED": "no" if self.uses_development_pseudonym_key else "yes",
            "DBT_ENV_SECRET_CX_PSEUDONYM_KEY": key,
            "PGOPTIONS": f"{self.pg_options} -c cx.pseudonym_key={key}".strip(),
        }


def settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read every setting from the environment (or `env`)."""
    env = os.environ if env is None else env
    target = env.get("CX_TARGET", "duckdb").strip() or "duckdb"
    if target not in TARGETS:
        raise SettingsError(f"CX_TARGET={target!r} is not one of {', '.join(TARGETS)}")
    raw_dir = env.get("CX_RAW_DIR", "").strip()
    target_path = env.get("DBT_TARGET_PATH", "").strip()
    schema = env.get("CX_SCHEMA", "").strip() or "analytics"
    pseudonym_key = env.get("CX_PSEUDONYM_KEY", "").strip()
    if pseudonym_key and not PSEUDONYM_KEY_PATTERN.fullmatch(pseudonym_key):
        raise SettingsError(
            f"CX_PSEUDONYM_KEY must be at least 16 characters, each a letter, a digit or one of + / = _ . ~ - "
            f"(it has {len(pseudonym_key)}); e.g. the output of `openssl rand -base64 32`"
        )
    if REDACTED_BY_SPARK.search(pseudonym_key):
        raise SettingsError(
            "CX_PSEUDONYM_KEY must not contain the words secret, password, token or access key in any case: "
            "Spark hides such values and would hash with its redaction text; choose another key"
        )
    return Settings(
        raw_dir=Path(raw_dir) if raw_dir else None,
        target=target,
        duckdb_path=_project_path(env.get("CX_DUCKDB_PATH", "").strip() or "cx_metrics.duckdb"),
        schema=schema,
        raw_schema=env.get("CX_RAW_SCHEMA", "").strip() or f"{schema}_raw",
        bi_role=env.get("CX_BI_ROLE", "").strip(),
        spark_dir=_project_path(env.get("CX_SPARK_DIR", "").strip() or ".build/spark"),
        postgres={
            "host": env.get("CX_PG_HOST", "localhost"),
            "port": env.get("CX_PG_PORT", "5432"),
            "user": env.get("CX_PG_USER", "postgres"),
            "password": env.get("CX_PG_PASSWORD", ""),
            "dbname": env.get("CX_PG_DBNAME", "cx_metrics"),
        },
        max_quarantine_share=_number(env, "CX_MAX_QUARANTINE_SHARE", DEFAULT_MAX_QUARANTINE_SHARE, 0.0, 1.0),
        max_line_bytes=int(_number(env, "CX_MAX_LINE_BYTES", 1_048_576, 1024, 2**31)),
        target_path_override=_project_path(target_path) if target_path else None,
        pseudonym_key=pseudonym_key,
        pg_options=env.get("PGOPTIONS", "").strip(),
    )
