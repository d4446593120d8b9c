"""Vale rule types by their `extends` name; the types msglint cannot run, with why."""

from __future__ import annotations

from msglint.vale.rules.base import Check
from msglint.vale.rules.capitalization import Capitalization
from msglint.vale.rules.conditional import Conditional
from msglint.vale.rules.consistency import Consistency
from msglint.vale.rules.existence import Existence
from msglint.vale.rules.metric import Metric, Readability
from msglint.vale.rules.occurrence import Occurrence
from msglint.vale.rules.repetition import Repetition
from msglint.vale.rules.spelling import Spelling
from msglint.vale.rules.substitution import Substitution

TYPES: dict[str, type[Check]] = {
    "existence": Existence,
    "substitution": Substitution,
    "capitalization": Capitalization,
    "occurrence": Occurrence,
    "repetition": Repetition,
    "consistency": Consistency,
    "conditional": Conditional,
    "metric": Metric,
    "readability": Readability,
    "spelling": Spelling,
}

UNSUPPORTED_TYPES: dict[str, str] = {
    "sequence": "sequence rules need part-of-speech tags from Vale's own perceptron tagger "
    "(prose, trained on the Penn Treebank); no tagger that installs from PyPI with its "
    "model (spaCy's en_core_web_sm downloads it from GitHub, NLTK's from its data hub) "
    "gives the same tags, so msglint does not run them",
    "script": "script rules are Tengo programs (Vale's embedded language), which msglint "
    "does not run",
    "lt": "LanguageTool rules need a LanguageTool server",
}

__all__ = ["TYPES", "UNSUPPORTED_TYPES", "Check"]
