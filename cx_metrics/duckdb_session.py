"""dbt-duckdb plugin: the spill folder of the database ($CX_DUCKDB_TEMP_DIR,
set once) and the pseudonymisation key as a variable of every DuckDB
session dbt opens (``getvariable('cx_pseudonym_key')``, read by the macro
``cx_pseudonymise``), so that the key never appears in the SQL dbt compiles,
writes to ``target/`` or logs.

profiles.yml loads it with the key from ``DBT_ENV_SECRET_CX_PSEUDONYM_KEY``
(set by ``Settings.dbt_env()``); an empty key means the public development
key, which only the development target may use (the macros refuse it
elsewhere, and warn when it is used).
"""

from __future__ import annotations

from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin

from cx_metrics.settings import DEVELOPMENT_PSEUDONYM_KEY

VARIABLE = "cx_pseudonym_key"


class Plugin(BasePlugin):
    def initialize(self, plugin_config: dict[str, Any]) -> None:
        self._key = str(plugin_config.get("pseudonym_key") or "") or DEVELOPMENT_PSEUDONYM_KEY
        self._temp_directory = str(plugin_config.get("temp_directory") or "")

    def _set_key(self, connection) -> None:
        # a bound parameter: the key is not part of the statement's text
        connection.execute(f"set variable {VARIABLE} = ?", [self._key])

    def configure_connection(self, conn) -> None:
        # once, before any query could spill: DuckDB refuses to move a temp
        # folder it has used (empty: DuckDB's own, <database file>.tmp)
        if self._temp_directory:
            conn.execute("set temp_directory = ?", [self._temp_directory])
        self._set_key(conn)

    def configure_cursor(self, cursor) -> None:
        # each cursor is a session of its own: variables do not carry over
        self._set_key(cursor)
