"""Vale rule types by their `extends` name; the types msglint cannot run, with why."""

from __future__ import annotations

from msglint.vale.rules.base import ValeRule
from msglint.vale.rules.capitalization import Capitalization
from msglint.vale.rules.conditional import Conditional
from msglint.vale.rules.consistency import Consistency
from msglint.vale.rules.existence import Existence
from msglint.vale.rules.metric import Metric, Readability
from msglint.vale.rules.occurrence import Occurrence
from msglint.vale.rules.repetition import Repetition
from msglint.vale.rules.substitution import Substitution

TYPES: dict[str, type[ValeRule]] = {
    "existence": Existence,
    "substitution": Substitution,
    "capitalization": Capitalization,
    "occurrence": Occurrence,
    "repetition": Repetition,
    "consistency": Consistency,
    "conditional": Conditional,
    "metric": Metric,
    "readability": Readability,
}

UNSUPPORTED_TYPES: dict[str, str] = {
    "spelling": "spelling rules need Hunspell dictionaries, which msglint does not read yet",
    "sequence": "sequence rules need part-of-speech tags; no tagger (a trained spaCy English "
    "pipeline such as en_core_web_sm) is installed",
    "script": "script rules are Tengo programs, which msglint does not run",
    "lt": "LanguageTool rules need a LanguageTool server",
}

__all__ = ["TYPES", "UNSUPPORTED_TYPES", "ValeRule"]
