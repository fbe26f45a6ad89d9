"""OCR of image-only PDF pages with the Tesseract command-line program, when it is installed."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

OCR_DPI = 300


@dataclass(frozen=True)
class OcrText:
    """Text read from a page image, and Tesseract's mean word confidence (0-1)."""

    text: str
    confidence: float


def tesseract_available(language: str) -> bool:
    """True when `tesseract` is on PATH and has the language's traineddata."""
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    return language in out.stdout.split()


def text_from_tsv(tsv: str) -> OcrText:
    """Lines of words from Tesseract's TSV output (blank lines between paragraphs) and the mean confidence."""
    lines: dict[tuple[int, int, int], list[str]] = {}
    confs: list[float] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        word = (row.get("text") or "").strip()
        if row.get("level") != "5" or not word:
            continue
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        lines.setdefault(key, []).append(word)
        confs.append(max(float(row["conf"]), 0.0))
    out: list[str] = []
    last_par = None
    for (block, par, _), words in sorted(lines.items()):
        if last_par is not None and (block, par) != last_par:
            out.append("")
        out.append(" ".join(words))
        last_par = (block, par)
    return OcrText("\n".join(out), (sum(confs) / len(confs) / 100.0) if confs else 0.0)


def ocr_page(pdf_path: Path, page_index: int, language: str, timeout: float = 120.0) -> OcrText:
    """Render one page (0-based) at OCR_DPI with pdfium and read it with Tesseract."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(pdf_path))
    try:
        image = pdf[page_index].render(scale=OCR_DPI / 72).to_pil()
    finally:
        pdf.close()
    buf = io.BytesIO()
    image.convert("L").save(buf, format="PNG")
    res = subprocess.run(["tesseract", "stdin", "stdout", "-l", language, "--dpi", str(OCR_DPI), "tsv"],
                         input=buf.getvalue(), capture_output=True, timeout=timeout)
    if res.returncode != 0:
        raise RuntimeError(f"tesseract failed on page {page_index + 1} of {pdf_path}: "
                           f"{res.stderr.decode('utf-8', 'replace')[-300:]}")
    return text_from_tsv(res.stdout.decode("utf-8", "replace"))
