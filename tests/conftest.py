from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from netjournal.model import Journal
from netjournal.read.journal import ReadResult, read_journal, read_texts

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 23)

Write = Callable[[str, str], Path]


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """Write a file of the journal at `tmp_path` (text is dedented), returning its path."""
    (tmp_path / "contacts").mkdir(exist_ok=True)
    (tmp_path / "journal").mkdir(exist_ok=True)

    def write_file(relative: str, text: str) -> Path:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write_file


@pytest.fixture
def read(tmp_path: Path) -> Callable[[], ReadResult]:
    return lambda: read_journal(tmp_path)


@pytest.fixture
def journal_of() -> Callable[[dict[str, str]], Journal]:
    """A Journal from {path: text}, read without the disk; fails the test on any problem."""

    def build(files: dict[str, str]) -> Journal:
        texts = {path: textwrap.dedent(text).lstrip("\n") for path, text in files.items()}
        result = read_texts(texts)
        assert not result.problems, [str(p) for p in result.problems]
        return result.journal

    return build


def messages(result: ReadResult) -> list[str]:
    return [str(problem) for problem in result.problems]


MINIMAL_MKDOCS = """\
site_name: Test journal
theme:
  name: material
plugins:
  - search
  - netjournal
"""


@pytest.fixture
def build_site(tmp_path: Path) -> Callable[..., Path]:
    """Run a real `netjournal build` of the journal at `tmp_path`; returns the site folder."""
    from click.testing import CliRunner

    from netjournal.cli import main

    def build(*options: str, config: str = MINIMAL_MKDOCS) -> Path:
        (tmp_path / "docs").mkdir(exist_ok=True)
        if not (tmp_path / "mkdocs.yml").exists():
            (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
        site = tmp_path / "site"
        arguments = ["build", "-f", str(tmp_path / "mkdocs.yml"), "-d", str(site), *options]
        result = CliRunner().invoke(main, [*arguments, "--today", TODAY.isoformat()])
        assert result.exit_code == 0, result.output
        return site

    return build


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample journal built once by the real `mkdocs build --strict`."""
    import subprocess
    import sys

    site = tmp_path_factory.mktemp("sample") / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session (Playwright's sync API allows only one)."""
    from browser import chromium

    with chromium() as launched:
        yield launched


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/pages/ from what netjournal generates now",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
