"""README promises: the Quick start block, CI running its test line, every setting documented."""

import dataclasses
import re
from pathlib import Path

from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_quick_start_opens_readme_with_two_commands():
    head = README.split("## Quick start", 1)
    assert len(head) == 2 and "\n## " not in head[0].strip("# planmine\n")
    block = re.search(r"```\n(.*?)```", head[1], re.DOTALL).group(1).strip().splitlines()
    assert len(block) == 2
    assert block[0].endswith("planmine run")
    assert "pytest" in block[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert block[1] in ci


def test_every_setting_is_documented():
    from pipeline.crawl_settings import CrawlSettings

    for cls in (Settings, CrawlSettings):
        for f in dataclasses.fields(cls):
            assert f"| `{f.name}` |" in README, f"README's settings tables lack {cls.__name__}.{f.name}"


def test_every_command_is_in_the_readme():
    from typer.main import get_command

    from pipeline.cli import app

    for name in get_command(app).commands:  # type: ignore[attr-defined]
        assert f"`planmine {name}" in README, f"README does not show planmine {name}"
