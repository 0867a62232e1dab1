"""Build a site next to the old one and swap it in only when it is complete."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig


def clashing_folder(site_dir: Path, sacred: Iterable[Path]) -> Path | None:
    """The folder of `sacred` that `site_dir` is, holds, or lies inside; else None.

    Building there would empty it: MkDocs cleans its site folder, and a swap replaces it.
    """
    site = site_dir.resolve()
    for folder in sacred:
        folder = folder.resolve()
        if site == folder or site.is_relative_to(folder) or folder.is_relative_to(site):
            return folder
    return None


def build_atomically(config: MkDocsConfig, build: Callable[[MkDocsConfig], None]) -> None:
    """Run `build` into a fresh folder beside `config.site_dir`, then put it in its place.

    If the build fails, the previous site is left exactly as it was, so a publishing script
    never uploads half a site.
    """
    final = Path(config.site_dir)
    final.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{final.name}.new-", dir=final.parent))
    config.site_dir = str(fresh)
    try:
        build(config)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    finally:
        config.site_dir = str(final)
    old = final.parent / f".{final.name}.old-{os.getpid()}"
    if final.exists():
        os.replace(final, old)
    os.replace(fresh, final)
    shutil.rmtree(old, ignore_errors=True)
    os.chmod(final, 0o755)
