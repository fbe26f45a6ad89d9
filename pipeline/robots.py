"""robots.txt: what our user-agent may fetch, how long to wait, which sitemaps a site names."""

from __future__ import annotations

from dataclasses import dataclass, field

from protego import Protego


@dataclass
class RobotsPolicy:
    """The rules of one host for one user-agent token."""

    agent: str
    parser: Protego | None = None  # None: no rules (robots.txt missing or 4xx): all allowed
    sitemaps: list[str] = field(default_factory=list)

    def allowed(self, url: str) -> bool:
        """May this URL be fetched? (Rules for our token if the file has a group for it, else '*'.)"""
        return True if self.parser is None else bool(self.parser.can_fetch(url, self.agent))

    @property
    def crawl_delay(self) -> float | None:
        """Seconds the host asks between requests, if it says."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(self.agent)
        return float(delay) if delay is not None else None


def parse_robots(text: str, agent: str) -> RobotsPolicy:
    """Rules of a robots.txt body for the user-agent token `agent`."""
    parser = Protego.parse(text)
    return RobotsPolicy(agent=agent, parser=parser, sitemaps=list(parser.sitemaps))


def allow_all(agent: str) -> RobotsPolicy:
    """The policy when a host has no robots.txt (404 and other 4xx mean: no restrictions)."""
    return RobotsPolicy(agent=agent)
