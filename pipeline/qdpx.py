"""Export the coded passages as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA, QualCoder.

Codes are the codebook's frames; each document with framed mentions is a text source (its
pages, each under a "--- side N ---" line); each framed mention is a quotation covering its
sentence, coded with its frames; municipalities are cases. GUIDs are derived from planmine's own
ids, so exporting the same database twice gives the same project.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from .frames import FRAMES
from .sentences import sentence_spans
from .store import connect_readonly

NS = "urn:QDA-XML:project:1.0"
_GUID_NS = uuid.UUID("6f1d8a52-4b0e-4c55-9a57-1f2f0c3e8b11")
COLORS = {"service": "#1b9e77", "democracy": "#d95f02", "innovation": "#7570b3", "civil_society": "#e7298a",
          "necessity": "#66a61e", "municipal_role": "#e6ab02", "partnership": "#a6761d", "place": "#1f78b4",
          "rhetorical": "#999999"}
FRAME_LABELS = {"service": "Tjenester og velferd", "democracy": "Demokratisk deltakelse", "innovation": "Innovasjon",
                "civil_society": "Frivillighet og sivilsamfunn", "necessity": "Nødvendighet (demografi, økonomi)",
                "municipal_role": "Kommunens nye rolle", "partnership": "Partnerskap med næringsliv og FoU",
                "place": "Sted og lokalsamfunn", "rhetorical": "Verdiutsagn uten innhold"}


def guid(kind: str, key: str) -> str:
    """A stable GUID for one planmine object."""
    return str(uuid.uuid5(_GUID_NS, f"{kind}:{key}"))


def _el(parent: ET.Element, tag: str, **attrs: str) -> ET.Element:
    return ET.SubElement(parent, f"{{{NS}}}{tag}", {k: v for k, v in attrs.items() if v is not None})


def source_text(pages: list[str]) -> tuple[str, list[int]]:
    """The plain text of a source and the offset at which each page's text starts in it."""
    parts, starts, pos = [], [], 0
    for n, text in enumerate(pages, start=1):
        head = f"--- side {n} ---\n"
        parts.append(head)
        pos += len(head)
        starts.append(pos)
        parts.append(text + "\n\n")
        pos += len(text) + 2
    return "".join(parts), starts


def sentence_span(page_text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a mention (the mention itself when no sentence encloses it)."""
    for s, e in sentence_spans(page_text):
        if s <= start < e:
            return s, max(e, end)
    return start, end


def export_qdpx(db_path: Path, out: Path) -> Path:
    """Write the REFI-QDA project for the database at db_path; returns the .qdpx path."""
    con = connect_readonly(db_path)
    try:
        docs = con.execute(
            "SELECT DISTINCT d.doc_id, d.title, d.kommunenummer, coalesce(mu.kommune, d.kommunenummer), d.source_url "
            "FROM documents d JOIN mentions m USING (doc_id) JOIN mention_frames f USING (mention_id) "
            "LEFT JOIN municipalities mu ON mu.kommunenummer = d.kommunenummer ORDER BY d.doc_id").fetchall()
        pages = {d[0]: [t for (t,) in con.execute("SELECT text FROM pages WHERE doc_id = ? ORDER BY page",
                                                  [d[0]]).fetchall()] for d in docs}
        mentions = con.execute(
            "SELECT m.mention_id, m.doc_id, m.page, m.char_start, m.char_end, m.term, m.sentence, "
            "list(f.frame ORDER BY f.frame) FROM mentions m JOIN mention_frames f USING (mention_id) "
            "GROUP BY ALL ORDER BY m.doc_id, m.page, m.char_start").fetchall()
    finally:
        con.close()
    now = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    user = guid("user", "planmine")
    ET.register_namespace("", NS)
    project = ET.Element(f"{{{NS}}}Project", {"name": "planmine", "origin": "planmine", "creatingUserGUID": user,
                                               "creationDateTime": now})
    users = _el(project, "Users")
    _el(users, "User", guid=user, name="planmine")
    codes = _el(_el(project, "CodeBook"), "Codes")
    for frame in FRAMES:
        code = _el(codes, "Code", guid=guid("code", frame), name=frame, isCodable="true", color=COLORS[frame])
        _el(code, "Description").text = FRAME_LABELS[frame]
    cases = _el(project, "Cases")
    by_muni: dict[str, list[str]] = {}
    for doc_id, _, knr, kommune, _ in docs:
        by_muni.setdefault(f"{knr} {kommune}", []).append(doc_id)
    for name, ids in sorted(by_muni.items()):
        case = _el(cases, "Case", guid=guid("case", name), name=name)
        for doc_id in ids:
            _el(case, "SourceRef", targetGUID=guid("source", doc_id))
    sources = _el(project, "Sources")
    files: dict[str, str] = {}
    elements: dict[str, ET.Element] = {}
    offsets: dict[str, list[int]] = {}
    for doc_id, title, _knr, kommune, url in docs:
        src_guid = guid("source", doc_id)
        text, starts = source_text(pages[doc_id])
        files[f"sources/{src_guid}.txt"] = text
        offsets[doc_id] = starts
        el = _el(sources, "TextSource", guid=src_guid, name=f"{kommune} – {title}",
                 plainTextPath=f"internal://{src_guid}.txt", creatingUser=user, creationDateTime=now)
        _el(el, "Description").text = url or ""
        elements[doc_id] = el
    for mention_id, doc_id, page, start, end, term, sentence, frames in mentions:
        s, e = sentence_span(pages[doc_id][page - 1], start, end)
        base = offsets[doc_id][page - 1]
        sel = _el(elements[doc_id], "PlainTextSelection", guid=guid("selection", mention_id),
                  name=f"{term} (s. {page})", startPosition=str(base + s), endPosition=str(base + e),
                  creatingUser=user, creationDateTime=now)
        _el(sel, "Description").text = sentence
        for frame in frames:
            coding = _el(sel, "Coding", guid=guid("coding", f"{mention_id}:{frame}"), creatingUser=user,
                         creationDateTime=now)
            _el(coding, "CodeRef", targetGUID=guid("code", frame))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".qdpx.part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("project.qde", ET.tostring(project, encoding="utf-8", xml_declaration=True))
        for name, text in files.items():
            z.writestr(name, text.encode("utf-8"))
    tmp.replace(out)
    return out
