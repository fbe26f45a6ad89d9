"""The `planmine` command line (typer). Exit codes: 0 fine, 1 some inputs failed, 2 usage error."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from .settings import PROJECT_ROOT, Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="planmine: find and frame co-creation (samskaping) in Norwegian municipal plans.")

DB_HELP = "Results database (DuckDB file)."
RUNNER_HELP = "threads (default) or dask (a local Dask cluster of 2 worker processes)."
DASK_HELP = "HOST:PORT of an existing Dask scheduler to run the tasks on."
DEFAULT_DB = PROJECT_ROOT / "outputs" / "planmine.duckdb"


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"planmine: {message}", err=True)
    raise typer.Exit(code)


def _settings(db: Path, workers: int | None = None) -> Settings:
    s = Settings(db_path=db)
    if workers:
        from dataclasses import replace
        s = replace(s, workers=workers)
    return s


def _check_runner(runner: str) -> None:
    if runner not in ("threads", "dask"):
        _fail(f"--runner must be threads or dask, not {runner!r}")


def _print_failures(failures: list) -> None:  # type: ignore[type-arg]
    """One line per failed input: its file or URL, what went wrong, the reason id."""
    for f in failures:
        typer.echo(f"FAILED {f.source}: {f.message} [{f.reason}]", err=True)


def _process(paths: list[Path], settings: Settings, command: str, kommunenummer: str | None = None,
             kommune: str | None = None, quiet: bool = False, runner: str = "threads",
             dask_address: str | None = None) -> int:
    from .prefect_env import configure_prefect
    from .sources import SourceError, collect_sources

    try:
        sources, municipalities = collect_sources(paths, kommunenummer, kommune)
    except SourceError as exc:
        _fail(str(exc))
    if not sources:
        _fail(f"no documents (PDF, HTML, .txt, .md) found in {', '.join(map(str, paths))}")
    _check_runner(runner)
    if runner == "threads":
        from .analyse import prestart_workers

        prestart_workers(settings)  # its second or two of start-up overlaps Prefect's
    configure_prefect()
    from flows.process import run_process

    summary = run_process(sources, settings, command=command, municipalities=municipalities, quiet=quiet,
                          runner=runner, dask_address=dask_address)
    _print_failures(summary.failures)
    typer.echo(f"run {summary.run_id}: {summary.processed} processed, {summary.skipped} unchanged, "
               f"{len(summary.failures)} failed, {summary.pages} pages in {summary.seconds:.1f} s -> {settings.db_path}",
               err=True)
    return 1 if summary.failures else 0


@app.command()
def run(db: Path = typer.Option(DEFAULT_DB, help=DB_HELP),
        workers: Optional[int] = typer.Option(None, help="Documents analysed at once (default 4)."),
        runner: str = typer.Option("threads", "--runner", help=RUNNER_HELP),
        dask_address: Optional[str] = typer.Option(None, "--dask-address", help=DASK_HELP),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress lines.")) -> None:
    """Process the embedded sample corpus (corpus/sample) and print the municipality summary. No network."""
    settings = _settings(db, workers)
    code = _process([settings.sample_dir], settings, "run", quiet=quiet, runner=runner, dask_address=dask_address)
    from .summary import summary_table

    typer.echo(summary_table(settings.db_path))
    raise typer.Exit(code)


@app.command()
def process(paths: list[Path] = typer.Argument(..., help="PDF, HTML, .txt/.md files or folders."),
            municipality: Optional[str] = typer.Option(None, "--municipality", help="Four-digit kommunenummer for all files."),
            kommune: Optional[str] = typer.Option(None, "--kommune", help="Municipality name (with --municipality)."),
            db: Path = typer.Option(DEFAULT_DB, help=DB_HELP),
            workers: Optional[int] = typer.Option(None, help="Documents analysed at once (default 4)."),
            runner: str = typer.Option("threads", "--runner", help=RUNNER_HELP),
            dask_address: Optional[str] = typer.Option(None, "--dask-address", help=DASK_HELP),
            quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress lines.")) -> None:
    """Process local documents into the database; files already stored unchanged are skipped."""
    raise typer.Exit(_process(paths, _settings(db, workers), "process", municipality, kommune, quiet, runner,
                              dask_address))


@app.command()
def crawl(sources: Path = typer.Option(..., "--sources", help="CSV: kommunenummer,kommune,start_url."),
          db: Path = typer.Option(DEFAULT_DB, help=DB_HELP),
          corpus_dir: Optional[Path] = typer.Option(None, "--corpus-dir", help="Where downloaded documents are kept "
                                                    "(default corpus/downloads)."),
          max_pages: Optional[int] = typer.Option(None, help="Requests per site (default 150)."),
          min_delay: Optional[float] = typer.Option(None, help="Seconds between requests to one host (default 1)."),
          config: Optional[Path] = typer.Option(None, "--config", help="TOML file whose [crawl] table sets any "
                                                "crawl setting (see README)."),
          runner: str = typer.Option("threads", "--runner", help=RUNNER_HELP),
          dask_address: Optional[str] = typer.Option(None, "--dask-address", help=DASK_HELP),
          quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress lines.")) -> None:
    """Crawl municipal websites for plans, store them with provenance, process new or changed ones."""
    from .crawl_settings import load_crawl_settings
    from .prefect_env import configure_prefect
    from .sources import SourceError, read_sources_csv

    try:
        read_sources_csv(sources)  # fail fast, before Prefect starts, on a bad CSV
        crawl_settings = load_crawl_settings(config, corpus_dir=corpus_dir, max_pages_per_site=max_pages,
                                             min_delay=min_delay)
    except (SourceError, ValueError) as exc:
        _fail(str(exc))
    configure_prefect()
    from flows.crawl import run_crawl

    _check_runner(runner)
    summary = run_crawl(sources, _settings(db), crawl_settings, quiet=quiet, runner=runner, dask_address=dask_address)
    run = summary.run
    _print_failures(run.failures)
    typer.echo(f"crawl {run.run_id}: {summary.sites} sites, {summary.requests} requests, "
               f"{summary.downloaded_bytes} bytes downloaded, {summary.not_modified} not modified, "
               f"{summary.documents_found} plans found ({summary.documents_changed} new or changed), "
               f"{run.processed} processed, {len(run.failures)} failed, {summary.seconds:.1f} s -> {db}", err=True)
    raise typer.Exit(1 if run.failures else 0)


@app.command()
def serve(sources: str = typer.Option("corpus/sources/nordland.csv", "--sources",
                                      help="Sources CSV of the nightly crawl (relative to the project)."),
          cron: str = typer.Option("0 2 * * *", help="When the nightly crawl runs (cron)."),
          timezone: str = typer.Option("Europe/Oslo", help="Time zone of the cron schedule."),
          port: int = typer.Option(4200, help="Port of the Prefect server started when PREFECT_API_URL is unset.")) -> None:
    """Serve the nightly crawl and on-demand processing as Prefect deployments (runs until stopped)."""
    import os

    from .prefect_env import configure_prefect
    from .prefect_server import ServerStartError, start_local_server

    configure_prefect()
    server = None
    if not os.environ.get("PREFECT_API_URL"):
        try:
            server, api = start_local_server(port)
        except ServerStartError as exc:
            _fail(str(exc), 1)
        os.environ["PREFECT_API_URL"] = api
        typer.echo(f"Prefect server started: UI at http://127.0.0.1:{port} (API {api})", err=True)
    else:
        typer.echo(f"Using the Prefect server at {os.environ['PREFECT_API_URL']}", err=True)
    from prefect import serve as prefect_serve

    from flows.deployments import deployments

    try:
        prefect_serve(*deployments(sources, cron, timezone), print_starting_message=True)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)


def _read_or_exit(file: Path):  # type: ignore[no-untyped-def]
    from .documents import read_document
    from .errors import DocumentError

    if not file.exists():
        _fail(f"{file}: no such file")
    try:
        return read_document(file)
    except DocumentError as exc:
        _fail(f"{exc.source}: {exc.detail} [{exc.reason}]", 1)


@app.command()
def parse(file: Path = typer.Argument(..., help="A PDF, HTML or text file.")) -> None:
    """Print the document's cleaned pages as JSON lines {"page", "text"}."""
    doc = _read_or_exit(file)
    for n, text in enumerate(doc.pages, start=1):
        typer.echo(json.dumps({"page": n, "text": text}, ensure_ascii=False))
    typer.echo(f"{file}: {len(doc.pages)} pages, language {doc.language}", err=True)


@app.command()
def detect(file: Path = typer.Argument(..., help="A PDF, HTML or text file."),
           core_only: bool = typer.Option(False, "--core-only", help="Only core co-creation terms.")) -> None:
    """Print one JSON line per term hit: page, start, end, term, concept, kind, sentence."""
    from .detect import find_terms_in_pages
    from .lexicon import load_lexicon

    doc = _read_or_exit(file)
    lexicon = load_lexicon(Settings().lexicon_dir / "cocreation.toml")
    for hit in find_terms_in_pages(doc.pages, lexicon):
        if core_only and hit.kind != "core":
            continue
        typer.echo(json.dumps(hit.as_json(), ensure_ascii=False))


@app.command()
def classify(input: Optional[Path] = typer.Option(None, "--input", help="JSON lines {id, text, context?}; stdin if absent."),
             explain: bool = typer.Option(False, "--explain", help="Add the evidence for each frame.")) -> None:
    """Frame each input passage: prints {"id", "frames", "scores"} per line."""
    from .frames import train

    fh = input.open(encoding="utf-8") if input else sys.stdin
    items, ids = [], []
    for lineno, line in enumerate(fh, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            items.append((str(obj["text"]), str(obj.get("context") or "")))
            ids.append(obj.get("id", lineno))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            _fail(f"{input or 'stdin'}:{lineno}: expected a JSON object with 'text' ({exc})")
    model = train(Settings().lexicon_dir)
    for ident, labels in zip(ids, model.predict(items)):
        out: dict[str, object] = {"id": ident, "frames": labels.frames, "scores": labels.scores}
        if explain:
            out["evidence"] = labels.evidence
        out["model_version"] = model.version
        typer.echo(json.dumps(out, ensure_ascii=False))


@app.command()
def evaluate(folds: int = typer.Option(5, help="Cross-validation folds."),
             golden: Optional[Path] = typer.Option(
                 None, help="Folder of the real plan texts the golden set refers to (e.g. "
                 "../shared/corpus/buskerud/tekst): score against the hand-labelled passages instead."),
             golden_set: Path = typer.Option(PROJECT_ROOT / "tests" / "golden", help="The golden set's folder."),
             json_out: bool = typer.Option(False, "--json", help="Print JSON instead of a table.")) -> None:
    """Precision / recall / F1 per frame: cross-validated on the annotated sentences, or with
    --golden on hand-labelled real passages (terms, frames by dev/test split, languages)."""
    if golden is not None:
        _evaluate_golden(golden, golden_set, json_out)
        return
    from .frames import cross_validate, load_examples, macro_f1

    lexdir = Settings().lexicon_dir
    model_scores, cue_scores = cross_validate(lexdir, folds=folds)
    n = len(load_examples(lexdir / "frames_training.tsv"))
    if json_out:
        typer.echo(json.dumps({"examples": n, "folds": folds, "macro_f1": macro_f1(model_scores),
                               "cue_only_macro_f1": macro_f1(cue_scores),
                               "frames": [s.__dict__ for s in model_scores]}, indent=2))
        return
    typer.echo(f"{folds}-fold cross-validation on {n} annotated sentences (lexicons/frames_training.tsv)")
    typer.echo(f"{'frame':<16}{'precision':>10}{'recall':>8}{'F1':>7}{'n':>5}   cue-only F1")
    for s, c in zip(model_scores, cue_scores):
        typer.echo(f"{s.frame:<16}{s.precision:>10.2f}{s.recall:>8.2f}{s.f1:>7.2f}{s.support:>5}   {c.f1:.2f}")
    typer.echo(f"{'macro':<16}{'':>10}{'':>8}{macro_f1(model_scores):>7.2f}{'':>5}   {macro_f1(cue_scores):.2f}")


def _evaluate_golden(corpus: Path, golden_set: Path, json_out: bool) -> None:
    from .golden import GoldenError, evaluate_golden

    for path, what in ((corpus, "corpus folder"), (golden_set / "passages.tsv", "golden set")):
        if not path.exists():
            _fail(f"{path}: no such {what}")
    try:
        report = evaluate_golden(corpus, golden_set, Settings().lexicon_dir)
    except GoldenError as exc:
        _fail(f"{corpus}: {exc}")
    if json_out:
        typer.echo(json.dumps({
            "terms": {"precision": report.term_precision, "recall": report.term_recall, "f1": report.term_f1,
                      "golden": report.golden_mentions, "detected": report.detected_mentions},
            "frames": {part: {"passages": report.passages[part], "macro_f1": report.macro(part),
                              "per_frame": [s.__dict__ for s in scores]} for part, scores in report.frames.items()},
            "language": {"right": report.language_right, "total": report.language_total}}, indent=2))
        return
    typer.echo(f"core term mentions: precision {report.term_precision:.3f}, recall {report.term_recall:.3f}, "
               f"F1 {report.term_f1:.3f} ({report.golden_mentions} golden, {report.detected_mentions} detected)")
    typer.echo(f"frames on {report.passages['all']} real passages (the model trains only on lexicons/):")
    typer.echo(f"{'frame':<16}{'precision':>10}{'recall':>8}{'F1':>7}{'n':>5}")
    for s in report.frames["all"]:
        typer.echo(f"{s.frame:<16}{s.precision:>10.2f}{s.recall:>8.2f}{s.f1:>7.2f}{s.support:>5}")
    typer.echo(f"{'macro':<16}{'':>10}{'':>8}{report.macro('all'):>7.2f}   dev ({report.passages['dev']}) "
               f"{report.macro('dev'):.2f}, test ({report.passages['test']}) {report.macro('test'):.2f}")
    typer.echo(f"document language: {report.language_right} of {report.language_total} as labelled")


@app.command()
def sql(query: str = typer.Argument(..., help="One read-only SQL query."),
        db: Path = typer.Option(DEFAULT_DB, help=DB_HELP),
        format: str = typer.Option("table", "--format", help="table, csv or json."),
        max_rows: int = typer.Option(10000, help="Stop after this many rows."),
        timeout: float = typer.Option(30.0, help="Stop the query after this many seconds.")) -> None:
    """Run read-only SQL on the results database (no writes, no other files)."""
    from .sqlquery import QueryError, run_query

    if format not in ("table", "csv", "json"):
        _fail(f"--format must be table, csv or json, not {format!r}")
    try:
        result = run_query(db, query, max_rows=max_rows, timeout=timeout)
    except (QueryError, FileNotFoundError) as exc:
        _fail(str(exc), 1)
    df = result.frame
    if format == "csv":
        typer.echo(df.to_csv(index=False), nl=False)
    elif format == "json":
        for rec in json.loads(df.to_json(orient="records", date_format="iso", force_ascii=False)):
            typer.echo(json.dumps(rec, ensure_ascii=False))
    else:
        typer.echo(df.to_string(index=False) if len(df) else "(no rows)")
    if result.truncated:
        typer.echo(f"planmine: stopped at max_rows={max_rows} rows; raise --max-rows to see more", err=True)


@app.command()
def merge(others: list[Path] = typer.Argument(..., help="planmine databases written elsewhere (other machines)."),
          db: Path = typer.Option(DEFAULT_DB, help=DB_HELP)) -> None:
    """Fold other planmine databases into this one (newer documents win; runs and fetches are kept)."""
    from .store import merge_from, open_store

    missing = [str(o) for o in others if not o.exists()]
    if missing:
        _fail(f"no such database: {', '.join(missing)}")
    with open_store(db) as store:
        for other in others:
            taken, current = merge_from(store, other)
            typer.echo(f"{other}: {taken} documents taken, {current} already current", err=True)


@app.command()
def export(format: str = typer.Option(..., "--format", help="csv, parquet, xlsx or qdpx."),
           db: Path = typer.Option(DEFAULT_DB, help=DB_HELP),
           out: Path = typer.Option(PROJECT_ROOT / "outputs" / "export", "--out", help="Folder to write into.")) -> None:
    """Write every view as CSV, Parquet or XLSX, or the coded passages as a REFI-QDA project (.qdpx)."""
    from .export import export_views
    from .qdpx import export_qdpx

    if format not in ("csv", "parquet", "xlsx", "qdpx"):
        _fail(f"--format must be csv, parquet, xlsx or qdpx, not {format!r}")
    try:
        paths = [export_qdpx(db, out / "planmine.qdpx")] if format == "qdpx" else export_views(db, out, format)
    except FileNotFoundError as exc:
        _fail(str(exc), 1)
    for p in paths:
        typer.echo(str(p))


@app.command()
def report(db: Path = typer.Option(DEFAULT_DB, help=DB_HELP),
           out: Path = typer.Option(PROJECT_ROOT / "outputs", "--out", help="Folder for report.html.")) -> None:
    """Write a self-contained HTML report (municipality table, charts, plan generations, passages)."""
    from .report import write_report

    try:
        path = write_report(db, out)
    except FileNotFoundError as exc:
        _fail(str(exc), 1)
    typer.echo(str(path))


def main() -> None:
    """Entry point for `python -m pipeline.cli`."""
    app()


if __name__ == "__main__":
    main()
