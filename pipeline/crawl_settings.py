"""Settings of the crawler (defaults documented in README, section Crawling)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .settings import PROJECT_ROOT


@dataclass(frozen=True)
class CrawlSettings:
    """Politeness, limits and storage of one crawl."""

    user_agent: str = "planmine/0.1 (+https://github.com/planmine/planmine; research crawler of municipal plans)"
    robots_agent: str = "planmine"
    min_delay: float = 1.0            # s between requests to one host, when robots.txt asks for less
    max_crawl_delay: float = 30.0     # s: a larger Crawl-delay is capped to this
    max_retry_after: float = 120.0    # s: a larger Retry-After is capped to this
    request_timeout: float = 30.0     # s to connect, and between two chunks of a body
    request_deadline: float = 120.0   # s for one whole response, however it trickles
    max_body_bytes: int = 52_428_800  # 50 MiB, checked on Content-Length and while streaming (decoded)
    max_retries: int = 2              # retries on 5xx, 429 and timeouts (never on other 4xx)
    backoff_base: float = 2.0         # s before the first retry, doubled each time
    max_redirects: int = 5
    max_pages_per_site: int = 150     # requests per site, robots.txt and sitemaps included
    max_depth: int = 4                # link hops from the start URL
    site_concurrency: int = 32        # sites crawled at once (each host still gets one connection)
    corpus_dir: Path = field(default_factory=lambda: PROJECT_ROOT / "corpus" / "downloads")


def load_crawl_settings(path: Path | None, **overrides: object) -> CrawlSettings:
    """CrawlSettings from the [crawl] table of a TOML file, then overrides; unknown keys are errors."""
    import dataclasses
    import tomllib

    values: dict[str, object] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ValueError(f"{path}: cannot read settings: {exc}") from exc
        values = dict(data.get("crawl", {}))
    values.update({k: v for k, v in overrides.items() if v is not None})
    fields = {f.name: f for f in dataclasses.fields(CrawlSettings)}
    unknown = sorted(set(values) - set(fields))
    if unknown:
        raise ValueError(f"{path or 'options'}: unknown crawl setting(s) {', '.join(unknown)}; "
                         f"known: {', '.join(fields)}")
    if "corpus_dir" in values:
        values["corpus_dir"] = Path(str(values["corpus_dir"]))
    return CrawlSettings(**values)  # type: ignore[arg-type]
