"""A self-contained HTML report of the results database (bokmål labels, inline SVG, no scripts)."""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

import pandas as pd

from .frames import FRAMES
from .qdpx import COLORS, FRAME_LABELS
from .store import connect_readonly

CHANGE_LABELS = {"appeared": "kom til", "disappeared": "forsvant", "kept": "beholdt"}
e = html.escape

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2rem auto;max-width:1100px;
color:#222;line-height:1.45;padding:0 1rem}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #ddd;padding-bottom:.2rem}
.lead{font-size:1.15rem;background:#f3f6fa;border-left:4px solid #1f78b4;padding:.6rem 1rem}
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{border-bottom:1px solid #e3e3e3;padding:.3rem .5rem;
text-align:left;vertical-align:top}th{background:#fafafa}td.num{text-align:right;font-variant-numeric:tabular-nums}
.ja{color:#126b12;font-weight:600}.nei{color:#a33}.ukjent{color:#888}
.passage{margin:.5rem 0 1rem;padding:.5rem .8rem;border-left:4px solid #ccc;background:#fcfcfc}
.passage mark{background:#fff2a8}.meta{color:#666;font-size:.85rem}
.chip{display:inline-block;padding:0 .45rem;border-radius:.6rem;color:#fff;font-size:.8rem;margin-right:.3rem}
svg text{font-family:inherit}footer{margin-top:3rem;color:#777;font-size:.85rem}
"""


def _yes_no(v: object) -> str:
    """ja / nei / no samfunnsdel, for a value from pandas (numpy booleans, NA)."""
    if v is None or pd.isna(v):  # type: ignore[arg-type]
        return '<span class="ukjent">ingen samfunnsdel</span>'
    return '<span class="ja">ja</span>' if bool(v) else '<span class="nei">nei</span>'


def bar_chart(labels: list[str], values: list[float], unit: str) -> str:
    """Horizontal bars, one per municipality."""
    width, label_w, row_h = 760, 190, 24
    top = max(values) if values and max(values) > 0 else 1.0
    rows = []
    for i, (label, v) in enumerate(zip(labels, values)):
        y = i * row_h
        w = (width - label_w - 70) * (v / top)
        rows.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" font-size="13">{e(label)}</text>'
                    f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="#1f78b4">'
                    f'<title>{e(label)}: {v:.1f} {e(unit)}</title></rect>'
                    f'<text x="{label_w + w + 6:.1f}" y="{y + 16}" font-size="12" fill="#444">{v:.1f}</text>')
    h = max(row_h * len(labels), row_h)
    return (f'<svg class="chart" id="chart-mentions" role="img" aria-label="Treff per 10 000 ord per kommune" '
            f'width="{width}" height="{h}" viewBox="0 0 {width} {h}">{"".join(rows)}</svg>')


def heat_map(labels: list[str], shares: list[list[float | None]]) -> str:
    """Municipality x frame: the share of the municipality's frame labels, as colour and number."""
    label_w, cell_w, cell_h, head_h = 190, 84, 26, 150
    width = label_w + cell_w * len(FRAMES) + 170  # room for the last rotated column heading
    parts = []
    for j, frame in enumerate(FRAMES):
        x = label_w + j * cell_w + cell_w / 2
        parts.append(f'<text transform="translate({x:.0f},{head_h - 6}) rotate(-35)" font-size="12">'
                     f'{e(FRAME_LABELS[frame])}</text>')
    for i, (label, row) in enumerate(zip(labels, shares)):
        y = head_h + i * cell_h
        parts.append(f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" font-size="13">{e(label)}</text>')
        for j, share in enumerate(row):
            x = label_w + j * cell_w
            if share is None:
                fill, txt = "#f4f4f4", "–"
            else:
                level = int(245 - 200 * share)
                fill, txt = f"rgb({level},{level + 5 if level < 250 else 250},255)", f"{100 * share:.0f} %"
            color = "#fff" if share is not None and share > 0.55 else "#222"
            parts.append(f'<rect class="cell" x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{fill}">'
                         f'<title>{e(label)}, {e(FRAME_LABELS[FRAMES[j]])}: {txt}</title></rect>'
                         f'<text x="{x + cell_w / 2 - 1}" y="{y + 17}" text-anchor="middle" font-size="12" '
                         f'fill="{color}">{txt}</text>')
    h = head_h + cell_h * len(labels)
    return (f'<svg class="chart" id="chart-frames" role="img" aria-label="Rammer per kommune" width="{width}" '
            f'height="{h}" viewBox="0 0 {width} {h}">{"".join(parts)}</svg>')


def _highlight(sentence: str, term: str) -> str:
    i = sentence.lower().find(term.lower())
    if i < 0:
        return e(sentence)
    return e(sentence[:i]) + "<mark>" + e(sentence[i:i + len(term)]) + "</mark>" + e(sentence[i + len(term):])


def _source_link(url: str | None, page: int) -> str:
    if not url:
        return ""
    target = f"{url}#page={page}" if url.lower().split("?")[0].endswith(".pdf") else url
    return f'<a href="{e(target)}">kilde, side {page}</a>'


def render(db_path: Path, passages_per_frame: int = 3) -> str:
    """The report as one HTML string."""
    con = connect_readonly(db_path)
    try:
        q = lambda sql: con.execute(sql).df()  # noqa: E731
        stats = q("SELECT * FROM municipality_stats")
        summary = q("SELECT kommunenummer, top_frame FROM municipality_summary")
        gens = q("SELECT * FROM plan_generations")
        passages = q("SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY frame ORDER BY score DESC, mention_id) "
                     f"AS r FROM mentions_by_frame) WHERE r <= {int(passages_per_frame)}")
        runs = con.execute("SELECT count(*), max(finished_at), any_value(lexicon_version ORDER BY started_at DESC), "
                           "any_value(model_version ORDER BY started_at DESC) FROM runs").fetchone()
        docs = con.execute("SELECT count(*), coalesce(sum(page_count), 0) FROM documents").fetchone()
    finally:
        con.close()
    stats = stats.merge(summary, on="kommunenummer", how="left")
    answered = stats["mentions_cocreation"].notna().sum()
    yes = int((stats["mentions_cocreation"] == True).sum())  # noqa: E712
    with_docs = stats[stats["documents"] > 0]
    labels = [f"{r.kommune or r.kommunenummer}" for r in with_docs.itertuples()]
    out = [f"<!DOCTYPE html><html lang='nb'><head><meta charset='utf-8'><title>planmine – samskaping i kommunale "
           f"planer</title><meta name='viewport' content='width=device-width, initial-scale=1'><style>{CSS}</style>"
           "</head><body>",
           "<h1>Samskaping i kommunale planer</h1>",
           f"<p class='meta'>Laget {datetime.now():%d.%m.%Y %H:%M} av planmine fra {docs[0]} dokumenter "
           f"({docs[1]} sider), {runs[0]} kjøringer. Leksikon {e(str(runs[2]))}, modell {e(str(runs[3]))}.</p>",
           f"<p class='lead'><strong>{yes} av {answered}</strong> kommuner med kommuneplanens samfunnsdel i "
           "databasen nevner samskaping (eller et kjernebegrep som medskaping, samproduksjon av tjenester, "
           "Kommune 3.0) i sin gjeldende samfunnsdel.</p>",
           "<h2>Kommunene</h2><table id='kommuner'><thead><tr><th>Kommune</th><th>Fylke</th><th>Dokumenter</th>"
           "<th>Kjernetreff</th><th>Per 10 000 ord</th><th>Ulike ord</th><th>Samskaping i gjeldende samfunnsdel"
           "</th><th>Hyppigste ramme</th></tr></thead><tbody>"]
    for r in stats.itertuples():
        top = FRAME_LABELS.get(r.top_frame, "") if isinstance(r.top_frame, str) else ""
        per10k = "" if pd.isna(r.mentions_per_10k_words) else f"{r.mentions_per_10k_words:.1f}"
        out.append(f"<tr><td>{e(str(r.kommune))} ({r.kommunenummer})</td><td>{e(str(r.fylke or ''))}</td>"
                   f"<td class='num'>{r.documents}</td><td class='num'>{r.core_mentions}</td><td class='num'>{per10k}"
                   f"</td><td class='num'>{r.term_variety}</td><td>{_yes_no(r.mentions_cocreation)}</td>"
                   f"<td>{e(top)}</td></tr>")
    out.append("</tbody></table>")
    out.append("<h2>Treff per 10 000 ord</h2><p class='meta'>Kjernebegreper for samskaping i alle kommunens "
               "dokumenter, delt på antall ord.</p>")
    out.append(bar_chart(labels, [float(v) if not pd.isna(v) else 0.0 for v in with_docs["mentions_per_10k_words"]],
                         "treff per 10 000 ord"))
    out.append("<h2>Hvordan samskaping rammes inn</h2><p class='meta'>Andel av kommunens rammekoder (en omtale kan "
               "ha flere rammer). Rammene følger kodeboken.</p>")
    shares = [[None if pd.isna(v) else float(v) for v in (getattr(r, f"share_{f}") for f in FRAMES)]
              for r in with_docs.itertuples()]
    out.append(heat_map(labels, shares))
    out.append("<h2>Plangenerasjoner</h2>")
    if gens.empty:
        out.append("<p>Ingen kommune har to generasjoner av samfunnsdelen i databasen ennå.</p>")
    for (kommune, cur, prev), g in gens.groupby(["kommune", "current_title", "previous_title"], sort=False):
        out.append(f"<h3>{e(str(kommune))}: {e(str(prev))} → {e(str(cur))}</h3><table class='generasjon'><thead><tr>"
                   "<th>Begrep</th><th>Før</th><th>Nå</th><th>Endring</th></tr></thead><tbody>")
        for r in g.itertuples():
            out.append(f"<tr><td>{e(r.concept)}</td><td class='num'>{r.previous_mentions}</td>"
                       f"<td class='num'>{r.current_mentions}</td><td>{CHANGE_LABELS[r.change]}</td></tr>")
        out.append("</tbody></table>")
    out.append("<h2>De tydeligste passasjene per ramme</h2>")
    for frame in FRAMES:
        rows = passages[passages["frame"] == frame]
        out.append(f"<h3><span class='chip' style='background:{COLORS[frame]}'>{e(frame)}</span>"
                   f"{e(FRAME_LABELS[frame])}</h3>")
        if rows.empty:
            out.append("<p class='meta'>Ingen omtaler med denne rammen.</p>")
        for r in rows.itertuples():
            out.append(f"<div class='passage' style='border-color:{COLORS[frame]}'>{_highlight(r.sentence, r.term)}"
                       f"<div class='meta'>{e(str(r.kommune))} – {e(str(r.title))}, side {r.page}. "
                       f"{_source_link(r.source_url, r.page)} · sikkerhet {r.score:.2f} · {e(str(r.evidence))}</div></div>")
    out.append("<footer>Kjernebegreper, beslektede begreper og rammer er definert i kodeboken (codebook v1). "
               "Tallene bygger på automatisk lesing; passasjene viser grunnlaget.</footer></body></html>")
    return "\n".join(out)


def write_report(db_path: Path, out_dir: Path) -> Path:
    """Write report.html into out_dir (atomically) and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "report.html"
    tmp = path.with_suffix(".html.part")
    tmp.write_text(render(db_path), encoding="utf-8")
    tmp.replace(path)
    return path
