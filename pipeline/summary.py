"""Text summaries of the results database for the terminal."""

from __future__ import annotations

from pathlib import Path

from .store import connect_readonly


def summary_table(db_path: Path) -> str:
    """The municipality summary as an aligned table, with the 'N of M' line under it."""
    con = connect_readonly(db_path)
    try:
        df = con.execute("SELECT * FROM municipality_summary").df()
    finally:
        con.close()
    if df.empty:
        return "(no municipalities in the database)"
    shown = df.copy()
    shown["mentions_cocreation"] = shown["mentions_cocreation"].map(
        lambda v: "ja" if v is True else ("nei" if v is False else "(ingen samfunnsdel)"))
    shown = shown.fillna("")
    answered = df["mentions_cocreation"].notna().sum()
    yes = int((df["mentions_cocreation"] == True).sum())  # noqa: E712  (pandas elementwise)
    return (shown.to_string(index=False) + "\n\n"
            f"{yes} of {int(answered)} municipalities with a samfunnsdel mention co-creation in it.")
