"""Engine adapters: each hands the pages `generation.Generation` rendered to one site engine.

- `mkdocs`: the mkdocs plugin (mkdocs-material), also what `mkdocs build` and `mkdocs serve` run;
- `zensical`: exports the pages as Markdown, runs `zensical build`, then adds what mkdocs' plugin adds.
"""

from .config import ENGINES

__all__ = ["ENGINES"]
