"""msglint: keep a brand's product language, specs and prices consistent across partners."""

__version__ = "0.1.0"
