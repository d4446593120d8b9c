"""Project configuration: the models of msglint.yaml (models.py, web.py) and how a config
is found and read (loading.py). Import the names from here.

config is a low layer: it imports the model and the YAML loader, never sources, report or
anything above them, so any stage can read its settings.
"""

from msglint.config.loading import (
    LoadedConfig,
    discover,
    find_vale_ini,
    implicit,
    is_disabled,
    load,
    resolve,
)
from msglint.config.models import (
    CONFIG_NAMES,
    Config,
    HistoryConfig,
    MatchConfig,
    OutputConfig,
    SelectorConfig,
    SlaConfig,
    SourceConfig,
    ValeConfig,
    duration_hours,
    slas_of,
)
from msglint.config.web import AuthConfig, CrawlSettings, FollowConfig

__all__ = [
    "CONFIG_NAMES",
    "AuthConfig",
    "Config",
    "CrawlSettings",
    "FollowConfig",
    "HistoryConfig",
    "LoadedConfig",
    "MatchConfig",
    "OutputConfig",
    "SelectorConfig",
    "SlaConfig",
    "SourceConfig",
    "ValeConfig",
    "discover",
    "duration_hours",
    "find_vale_ini",
    "implicit",
    "is_disabled",
    "load",
    "resolve",
    "slas_of",
]
