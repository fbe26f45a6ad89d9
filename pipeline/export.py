"""Export every view of the results database as CSV, Parquet or one XLSX workbook."""

from __future__ import annotations

from pathlib import Path

import duckdb

from .store import connect_readonly

XLSX_MAX_CELL = 32_000  # Excel refuses cells over 32,767 characters


def view_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The views of the main schema, in name order."""
    rows = con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = 'main' "
                       "ORDER BY view_name").fetchall()
    return [r[0] for r in rows]


def export_views(db_path: Path, out_dir: Path, fmt: str) -> list[Path]:
    """Write each view to out_dir as <view>.csv / <view>.parquet, or all views to planmine.xlsx."""
    if fmt not in ("csv", "parquet", "xlsx"):
        raise ValueError(f"unknown export format {fmt!r} (csv, parquet, xlsx, qdpx)")
    out_dir.mkdir(parents=True, exist_ok=True)
    con = connect_readonly(db_path)
    written: list[Path] = []
    try:
        views = view_names(con)
        if fmt == "xlsx":
            import pandas as pd

            path = out_dir / "planmine.xlsx"
            tmp = path.with_suffix(".xlsx.part")
            with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
                for view in views:
                    df = con.execute(f'SELECT * FROM "{view}"').df()
                    for col in df.columns[df.dtypes == object]:
                        df[col] = df[col].map(lambda v: v[:XLSX_MAX_CELL] if isinstance(v, str) else v)
                    df.to_excel(xw, sheet_name=view[:31], index=False)
            tmp.replace(path)
            return [path]
        for view in views:
            path = out_dir / f"{view}.{fmt}"
            options = "(FORMAT parquet)" if fmt == "parquet" else "(HEADER, DELIMITER ',')"
            target = str(path).replace("'", "''")
            con.execute(f'COPY (SELECT * FROM "{view}") TO \'{target}\' {options}')
            written.append(path)
    finally:
        con.close()
    return written
