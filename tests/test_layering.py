"""The pipeline's layering holds, and breaking it fails the checks scripts/test runs.

import-linter's contracts (pyproject.toml) keep MkDocs and Click inside their edges and the
edges apart; ruff's banned-api keeps `Markup` inside render/escape.py. Each test plants a
violation in a copy of the package, never in the real one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

BIN = Path(sys.executable).parent


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "netjournal", tmp_path / "netjournal")
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(BIN / "lint-imports"), "--no-cache"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_package_keeps_its_layers(tmp_path: Path) -> None:
    result = _lint_imports(_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_click_planted_in_a_query_breaks_a_contract(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    with (root / "netjournal/queries/agenda.py").open("a", encoding="utf-8") as module:
        module.write("\nimport click  # planted\n")
    result = _lint_imports(root)
    assert result.returncode != 0
    assert "netjournal.queries.agenda -> click" in result.stdout


def test_the_plugin_importing_the_cli_breaks_a_contract(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    with (root / "netjournal/plugin/offline.py").open("a", encoding="utf-8") as module:
        module.write("\nimport netjournal.cli.terminal  # planted\n")
    result = _lint_imports(root)
    assert result.returncode != 0
    assert "netjournal.plugin.offline -> netjournal.cli.terminal" in result.stdout


def test_markup_planted_outside_escaping_fails_ruff(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    with (root / "netjournal/render/views.py").open("a", encoding="utf-8") as module:
        module.write("\nfrom markupsafe import Markup  # noqa: F401\n")
    result = subprocess.run(
        [str(BIN / "ruff"), "check", "--no-cache", "netjournal"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "TID251" in result.stdout and "netjournal/render/views.py" in result.stdout
