"""The journal's whole mkdocs.yml as MkDocs loads it, its mistakes said as sentences."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from netjournal.options import OptionsError, empty_docs_dir, read_options


def load_site_config(config_file: str, **overrides: Any) -> MkDocsConfig:
    """mkdocs.yml loaded by MkDocs (hooks and plugins run: this is for build and serve).

    netjournal's own options are read safely first, so their mistakes are named with their
    line before MkDocs runs anything; any other mistake raises OptionsError too. A journal
    without its docs/ folder builds, with an empty folder outside the journal in its place.
    """
    if not Path(config_file).is_file():
        raise OptionsError(
            f"{config_file} not found: run netjournal in the journal's folder or name its "
            "mkdocs.yml with -f"
        )
    options = read_options(Path(config_file))
    if not options.docs.is_dir() and "docs_dir" not in overrides:
        # Git keeps no empty folder: a clone of a journal has no docs/ until the user makes
        # one, and MkDocs would refuse it. An empty folder elsewhere stands in.
        overrides["docs_dir"] = empty_docs_dir()
    try:
        return load_config(config_file=config_file, **overrides)
    except MkDocsException as error:
        raise OptionsError(f"{config_file}: {error}") from None
    except yaml.YAMLError as error:
        raise OptionsError(f"{config_file} is not valid YAML: {error}") from None
    except (ValueError, OverflowError) as error:
        # PyYAML builds dates and numbers before MkDocs sees them: `2026-02-30` ends here.
        raise OptionsError(
            f"{config_file}: a value cannot be read ({error}): check its dates and numbers"
        ) from None
    except OSError as error:
        raise OptionsError(f"cannot read {config_file}: {error.strerror or error}") from None
