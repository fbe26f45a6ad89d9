"""Parse speed: planmine's full parse + detect + classify against raw pypdfium2 text extraction.

    .venv/bin/python bench/parse_speed.py [PAGES]     # default: a 200-page and a 1000-page plan

Builds realistic multi-page plan PDFs from the sample corpus's texts (same layout: headers,
footers, hyphenation, two columns, tables), then prints pages per second for planmine (parse
workers on all cores, then detection and framing) and for pypdfium2's text extraction (pdfplumber's
own dependency, the practical limit), their ratio, and planmine's peak memory on the 1000-page PDF.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

import pypdfium2  # noqa: E402

import sample_texts  # noqa: E402
from make_sample_corpus import write_pdf  # noqa: E402
from pipeline.analyse import DocumentSource, analyse_file  # noqa: E402
from pipeline.settings import Settings  # noqa: E402


def long_plan(pages: int, out: Path) -> Path:
    """A plan of about `pages` pages: the sample plans' sections repeated."""
    base = sample_texts.FJORDVIK_SAMFUNNSDEL
    sections = []
    while len(sections) < pages - 2:
        for doc in sample_texts.PDF_DOCUMENTS:
            sections += [(f"{len(sections) + 1} {h.split(' ', 1)[-1]}", b) for h, b in doc["sections"]]
    doc = dict(base, sections=sections[: pages - 2], file=out.name)
    write_pdf(doc, out)
    return out


def pdfium_pages_per_second(path: Path) -> tuple[int, float]:
    t = time.monotonic()
    pdf = pypdfium2.PdfDocument(str(path))
    n = len(pdf)
    for i in range(n):
        page = pdf[i]
        page.get_textpage().get_text_range()
    return n, n / (time.monotonic() - t)


def planmine_pages_per_second(paths: list[Path], settings: Settings) -> tuple[int, float]:
    t = time.monotonic()
    with ThreadPoolExecutor(max_workers=settings.workers) as pool:
        results = list(pool.map(lambda p: analyse_file(DocumentSource(path=p, kommunenummer="9901"), settings), paths))
    pages = sum(len(r.pages) for r in results)
    return pages, pages / (time.monotonic() - t)


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="planmine-speed-"))
    sizes = [int(a) for a in sys.argv[1:]] or [200, 1000]
    docs = [long_plan(n, tmp / f"plan-{n}.pdf") for n in sizes]
    settings = replace(Settings(), workers=os.cpu_count() or 2)
    analyse_file(DocumentSource(path=docs[0], kommunenummer="9901"), settings)  # warm up workers and model
    raw_pages, raw_rate = 0, 0.0
    for d in docs:
        n, r = pdfium_pages_per_second(d)
        raw_pages += n
        raw_rate = max(raw_rate, r)
    pm_pages, pm_rate = planmine_pages_per_second(docs, settings)
    from pipeline.isolation import _POOLS

    def hwm_mb(pid: int) -> float:  # high-water RSS of a live worker
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return 0.0

    peak_children = max(hwm_mb(w.proc.pid) for pool in _POOLS.values() for w in pool.all)
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pypdfium2 text extraction: {raw_rate:.0f} pages/s ({raw_pages} pages)")
    print(f"planmine parse + detect + classify, {settings.workers} parse workers: {pm_rate:.1f} pages/s ({pm_pages} pages)")
    print(f"ratio planmine / pypdfium2: {pm_rate / raw_rate:.3f}")
    print(f"peak memory: main process {peak_self:.0f} MB, largest parse worker {peak_children:.0f} MB "
          f"(documents up to {max(sizes)} pages)")


if __name__ == "__main__":
    main()
