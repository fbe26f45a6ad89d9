"""Safe user SQL: read-only, no access to other files, bounded time and rows."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from .store import connect_readonly


class QueryError(ValueError):
    """The query was refused or failed; the message says which setting or rule stopped it."""


@dataclass
class QueryResult:
    """Rows of a query, and whether max_rows cut them."""

    frame: pd.DataFrame
    truncated: bool


def run_query(db_path: Path, query: str, max_rows: int = 10000, timeout: float = 30.0) -> QueryResult:
    """Run one query on a read-only connection with external access switched off."""
    con = connect_readonly(db_path)
    try:
        # no read_csv('/etc/...'), no ATTACH, no COPY TO: the database and nothing else
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        timer = threading.Timer(timeout, con.interrupt)
        timer.start()
        try:
            cur = con.execute(query)
            if cur.description is None:
                return QueryResult(pd.DataFrame(), False)
            cols = [d[0] for d in cur.description]
            rows = cur.fetchmany(max_rows + 1)
        except duckdb.InterruptException as exc:
            raise QueryError(f"query stopped after timeout={timeout} s") from exc
        except duckdb.Error as exc:
            msg = str(exc)
            if "read-only" in msg.lower():
                msg = "planmine sql is read-only: " + msg
            raise QueryError(msg) from exc
        finally:
            timer.cancel()
        return QueryResult(pd.DataFrame(rows[:max_rows], columns=cols), len(rows) > max_rows)
    finally:
        con.close()
