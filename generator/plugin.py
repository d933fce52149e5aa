"""The mkdocs entry point (`generator.plugin:FactcheckPlugin` in pyproject.toml).

The adapter itself is `generator/engines/mkdocs.py`; its options and the Settings made from them are
in `generator/engines/config.py`, shared with the Zensical adapter. This module keeps the names that
sites, tests and older imports use.
"""

from .engines.config import FactcheckConfig, settings_from_config
from .engines.mkdocs import FactcheckPlugin, GeneratedFile, GeneratedPage, canonical_url
from .output import ASSET_PREFIX, ASSETS, STYLESHEETS, THEME_DIR, assets, problems_message

__all__ = [
    "ASSETS",
    "ASSET_PREFIX",
    "STYLESHEETS",
    "THEME_DIR",
    "FactcheckConfig",
    "FactcheckPlugin",
    "GeneratedFile",
    "GeneratedPage",
    "assets",
    "canonical_url",
    "problems_message",
    "settings_from_config",
]
