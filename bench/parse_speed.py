"""Parse speed: planmine's full parse + detect + classify against raw pypdfium2 text extraction.

    .venv/bin/python bench/parse_speed.py [--corpus DIR | --sample] [--rounds 3] [--big-pages 1000]

Documents: every real plan text of ../shared/corpus laid out as a municipal PDF (headers,
footers, contents page, hyphenation, two-column sections, a ruled table: tests/fixtures/
render_real_pdfs.py), so pages carry as much text as real plans. Without the shared corpus the
sample corpus's texts are used (short pages: a harder ratio, since per-page costs dominate).

Prints, for the same files in the same run: pages per second of pypdfium2's text extraction
(pdfplumber's own dependency, one process: the practical limit), of planmine (parse workers on
all cores, detection and framing inside them), their ratio (median of the rounds), and peak
memory while planmine reads one plan of --big-pages pages.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts"), str(ROOT / "tests" / "fixtures")]

import pypdfium2  # noqa: E402

from pipeline.analyse import DocumentSource, analyse_file  # noqa: E402
from pipeline.settings import Settings  # noqa: E402

SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


def render_documents(corpus: Path | None, out: Path, big_pages: int) -> None:
    """Write the benchmark PDFs into out/docs and the big one into out/big.pdf (run in a child
    process, so that reportlab's memory does not count as planmine's)."""
    import sample_texts
    from make_sample_corpus import write_pdf

    (out / "docs").mkdir(parents=True)
    texts = sorted(corpus.rglob("*.md")) if corpus else []
    paragraphs: list[str] = []
    if texts:
        from render_real_pdfs import _paragraphs, render

        for md in texts:
            if md.name.lower() != "readme.md":
                render(md, out / "docs" / f"{md.stem}.pdf", paragraphs=10**6)
                paragraphs += _paragraphs(md, 10**6)[1]
    else:  # a few hundred pages: each sample plan ten times over
        for doc in sample_texts.PDF_DOCUMENTS:
            for k in range(10):
                write_pdf(doc, out / "docs" / f"{k}-{doc['file']}")
            paragraphs += [b for _, blocks in doc["sections"] for b in blocks if isinstance(b, str)]
    # the big plan: the same paragraphs again and again, three to a section, one section a page
    sections = []
    while len(sections) < big_pages - 2:
        for i in range(0, len(paragraphs) - 2, 3):
            sections.append((f"{len(sections) + 1} Kapittel {len(sections) + 1}", paragraphs[i:i + 3]))
    base = sample_texts.FJORDVIK_SAMFUNNSDEL
    write_pdf(dict(base, sections=sections[: big_pages - 2], file="big.pdf"), out / "big.pdf")


def pdfium_rate(paths: list[Path]) -> tuple[int, float]:
    """Pages and pages/s of pypdfium2 text extraction, one process."""
    t = time.monotonic()
    n = 0
    for path in paths:
        pdf = pypdfium2.PdfDocument(str(path))
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            n += 1
        pdf.close()
    return n, n / (time.monotonic() - t)


def planmine_rate(paths: list[Path], settings: Settings) -> tuple[int, float, int]:
    """Pages, pages/s and core mentions of planmine's analysis, documents in parallel as in a run."""
    t = time.monotonic()
    with ThreadPoolExecutor(max_workers=settings.workers) as pool:
        results = list(pool.map(lambda p: analyse_file(DocumentSource(path=p), settings), paths))
    pages = sum(len(r.pages) for r in results)
    return pages, pages / (time.monotonic() - t), sum(r.core_count for r in results)


def _hwm_mb(pid: int) -> float:
    """High-water resident memory of a live process."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=SHARED_CORPUS if SHARED_CORPUS.is_dir() else None)
    ap.add_argument("--sample", action="store_true", help="use the sample corpus's texts, not --corpus")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--big-pages", type=int, default=1000)
    ap.add_argument("--render-into", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.sample:
        args.corpus = None
    if args.render_into:
        render_documents(args.corpus, args.render_into, args.big_pages)
        return
    tmp = Path(tempfile.mkdtemp(prefix="planmine-speed-"))
    cmd = [sys.executable, __file__, "--render-into", str(tmp), "--big-pages", str(args.big_pages)]
    subprocess.run(cmd + (["--corpus", str(args.corpus)] if args.corpus else ["--sample"]), check=True)
    docs = sorted((tmp / "docs").glob("*.pdf"))
    cores = os.cpu_count() or 2
    settings = replace(Settings(), workers=cores)
    analyse_file(DocumentSource(path=docs[0]), settings)  # start the workers, fit the model
    raw, ours = [], []
    for _ in range(args.rounds):  # alternate, so that a slow moment of the machine hits both
        n_raw, r = pdfium_rate(docs)
        raw.append(r)
        n_ours, r, core = planmine_rate(docs, settings)
        ours.append(r)
    ratio = statistics.median(o / r for o, r in zip(ours, raw))
    planmine_rate([tmp / "big.pdf"], settings)
    from pipeline.isolation import _POOLS

    worker_mb = max(_hwm_mb(w.proc.pid) for pool in _POOLS.values() for w in pool.all)
    main_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kind = f"real plan texts of {args.corpus}" if args.corpus else "the sample corpus's texts"
    print(f"documents: {len(docs)} PDFs, {n_raw} pages, laid out from {kind}")
    print(f"pypdfium2 text extraction, 1 process: {statistics.median(raw):.0f} pages/s")
    print(f"planmine parse + detect + classify, {cores} workers: {statistics.median(ours):.0f} pages/s "
          f"({core} core mentions)")
    print(f"ratio planmine / pypdfium2: {ratio:.2f} (rounds: {', '.join(f'{o / r:.2f}' for o, r in zip(ours, raw))})")
    print(f"peak memory on a {args.big_pages}-page plan: main process {main_mb:.0f} MB, "
          f"largest worker {worker_mb:.0f} MB, together {main_mb + cores * worker_mb:.0f} MB at most")


if __name__ == "__main__":
    main()
