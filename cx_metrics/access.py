"""What the BI role can read, checked by connecting as it (PostgreSQL).

The marts are the only layer a BI tool needs, and on PostgreSQL the only one
$CX_BI_ROLE is granted (dbt `grants` on each mart, `usage` on the marts schema
by the on-run-end hook `cx_grant_marts_usage`). This check lists every table
and view of every layer as the building user, then tries to read each as the
BI role: every mart must be readable, and every relation of the other layers
(raw, staging, quarantine, intermediate, seeds) must be refused with
PostgreSQL's "permission denied". The BI role's password, when it needs one,
comes from libpq's usual places (PGPASSWORD, ~/.pgpass).
"""

from __future__ import annotations

from dataclasses import dataclass

from cx_metrics.settings import Settings, schema_layers

READABLE_LAYER = "marts"
INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE for "permission denied"


class AccessError(RuntimeError):
    """The check could not run (no role set, no connection, no mart built)."""


@dataclass(frozen=True)
class Attempt:
    layer: str
    relation: str
    outcome: str  # read, denied, or the error's first line

    @property
    def as_expected(self) -> bool:
        return self.outcome == ("read" if self.layer == READABLE_LAYER else "denied")


def _connect(cfg: Settings, user: str):
    import psycopg2

    pg = cfg.postgres
    try:
        return psycopg2.connect(
            host=pg["host"], port=int(pg["port"]), dbname=pg["dbname"], user=user,
            password=(pg["password"] or None) if user == pg["user"] else None,
            connect_timeout=10,
        )
    except psycopg2.Error as exc:
        raise AccessError(f"cannot connect to PostgreSQL as {user}: {str(exc).strip().splitlines()[0]}") from None


def _relations(cfg: Settings) -> dict[str, list[str]]:
    """Layer -> quoted relations in its schema, as the building user sees them."""
    con = _connect(cfg, cfg.postgres["user"])
    try:
        with con.cursor() as cur:
            found = {}
            for layer in schema_layers():
                cur.execute(
                    "select quote_ident(table_schema) || '.' || quote_ident(table_name)"
                    " from information_schema.tables where table_schema = %s order by table_name",
                    [cfg.schema_for(layer)],
                )
                found[layer] = [name for (name,) in cur.fetchall()]
            return found
    finally:
        con.close()


def _try_read(con, relation: str) -> str:
    import psycopg2

    try:
        with con.cursor() as cur:
            cur.execute(f"select * from {relation} limit 1")
            cur.fetchall()
        return "read"
    except psycopg2.Error as exc:
        return "denied" if exc.pgcode == INSUFFICIENT_PRIVILEGE else str(exc).strip().splitlines()[0]
    finally:
        con.rollback()


def check_bi_access(cfg: Settings) -> list[Attempt]:
    """Try every relation of every layer as the BI role."""
    if cfg.target != "postgres":
        raise AccessError("the BI-role check runs on PostgreSQL (--target postgres)")
    if not cfg.bi_role:
        raise AccessError("CX_BI_ROLE is not set: there is no BI role to check")
    relations = _relations(cfg)
    if not relations[READABLE_LAYER]:
        raise AccessError(f"no mart in {cfg.schema_for(READABLE_LAYER)}: build before checking access")
    con = _connect(cfg, cfg.bi_role)
    try:
        return [Attempt(layer, rel, _try_read(con, rel)) for layer, rels in relations.items() for rel in rels]
    finally:
        con.close()


def main(cfg: Settings) -> int:
    """Print what the BI role could read, per layer; 0 when it is exactly the marts."""
    attempts = check_bi_access(cfg)
    print(f"   as {cfg.bi_role}:")
    for layer in schema_layers():
        mine = [a for a in attempts if a.layer == layer]
        read = sum(a.outcome == "read" for a in mine)
        denied = sum(a.outcome == "denied" for a in mine)
        print(f"   {cfg.schema_for(layer):<28}{len(mine):>4} relations  {read:>4} read  {denied:>4} denied")
    wrong = [a for a in attempts if not a.as_expected]
    for a in wrong:
        expected = "read" if a.layer == READABLE_LAYER else "permission denied"
        print(f"   WRONG  {a.relation}: expected {expected}, got {a.outcome}")
    if not wrong:
        print(f"   {cfg.bi_role} reads every mart and nothing else")
    return 0 if not wrong else 1
