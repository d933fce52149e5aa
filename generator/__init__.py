"""Static-site fact-check publisher: read, check, link and render YAML fact-checks."""

__version__ = "0.2.0"
