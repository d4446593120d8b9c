"""Readability variables and formulas, and a safe evaluator for Vale `metric` formulas.

Vale evaluates a metric's `formula` as a Tengo expression; the expressions in styles are
arithmetic over named counts (`words`, `sentences`, `syllables`...) and `math.*` calls,
which Python's own `ast` parses identically, so a whitelist evaluator replaces Tengo
(no `eval`, no attribute access but `math.<function>`).
"""

from __future__ import annotations

import ast
import math
import operator
import re
from collections.abc import Callable
from typing import Any

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
_VOWELS = re.compile(r"[aeiouy]+")

#: Counts the readability formulas use, and the names `metric` formulas may read.
VARIABLES = (
    "words",
    "sentences",
    "characters",
    "syllables",
    "complex_words",
    "long_words",
    "polysyllabic_words",
    "pre",
    "list",
    "blockquote",
    *(f"heading_h{i}" for i in range(1, 7)),
)


def syllables(word: str) -> int:
    """English syllables by vowel groups (a silent final e and -es/-ed do not count)."""
    w = word.lower().strip("'’-")
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", lambda m: m.group()[0], w)
    w = re.sub(r"^y", "", w)
    return max(1, len(_VOWELS.findall(w)))


def summary_metrics(summary: str, counts: dict[str, int]) -> dict[str, float]:
    """Vale's File.ComputeMetrics: readability counts over the summary text (the prose of
    paragraphs, lists and block quotes) and the walker's block counts (`heading_h1`,
    `list`, `blockquote`, `pre`, ...). Empty (no words) when the file has no prose."""
    values = dict.fromkeys(VARIABLES, 0.0)
    for key, n in counts.items():
        if not key.startswith("table"):
            values[key.replace(".", "_")] = float(n)
    from msglint.vale.segment import sentences

    for para in summary.split("\n\n"):
        if not para.strip():
            continue
        values["sentences"] += len(sentences(para))
        for word in _WORD.findall(para):
            values["words"] += 1
            values["characters"] += sum(c.isalnum() for c in word)
            n = syllables(word)
            values["syllables"] += n
            if n >= 3:
                values["polysyllabic_words"] += 1
                if not word[:1].isupper() and not re.search(r"(?:es|ed|ing)$", word):
                    values["complex_words"] += 1
            if len(word) > 6:
                values["long_words"] += 1
    return values


def readability(name: str, v: dict[str, float]) -> float:
    """A named readability grade (Vale's `readability` metrics)."""
    words, sents = max(v["words"], 1), max(v["sentences"], 1)
    if name == "Flesch-Kincaid":
        return 0.39 * (words / sents) + 11.8 * (v["syllables"] / words) - 15.59
    if name == "Gunning Fog":
        return 0.4 * ((words / sents) + 100 * (v["complex_words"] / words))
    if name == "Coleman-Liau":
        return 0.0588 * (v["characters"] / words * 100) - 0.296 * (sents / words * 100) - 15.8
    if name == "SMOG":
        return 1.0430 * math.sqrt(v["polysyllabic_words"] * 30 / sents) + 3.1291
    if name == "Automated Readability":
        return 4.71 * (v["characters"] / words) + 0.5 * (words / sents) - 21.43
    if name == "LIX":
        return words / sents + 100 * v["long_words"] / words
    raise ValueError(f"unknown readability metric '{name}'")


READABILITY = (
    "Flesch-Kincaid",
    "Gunning Fog",
    "Coleman-Liau",
    "SMOG",
    "Automated Readability",
    "LIX",
)

_BIN: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_CMP: dict[type, Callable[[Any, Any], bool]] = {
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}
_MATH = {
    name: getattr(math, name)
    for name in ("sqrt", "pow", "abs", "floor", "ceil", "log", "log10", "log2", "exp", "min", "max")
    if hasattr(math, name)
} | {"abs": abs, "min": min, "max": max}


def compile_formula(text: str) -> ast.Expression:
    """Parse a formula once; ValueError for anything but arithmetic over known names."""
    text = re.sub(r"heading\.(h[1-6])", r"heading_\1", text.strip())
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"formula does not parse: {exc.msg}") from None
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id not in VARIABLES and node.id != "math":
            raise ValueError(f"unknown variable '{node.id}' in formula")
        if isinstance(node, ast.Attribute) and (
            not isinstance(node.value, ast.Name)
            or node.value.id != "math"
            or node.attr not in _MATH
        ):
            raise ValueError("only math.<function> calls are allowed in a formula")
        allowed = (
            ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Name, ast.Load,
            ast.Call, ast.Attribute, ast.Compare, ast.USub, ast.UAdd, *_BIN, *_CMP,
        )  # fmt: skip
        if not isinstance(node, allowed):
            raise ValueError(f"'{type(node).__name__}' is not allowed in a formula")
    return tree


def evaluate(tree: ast.AST, values: dict[str, float]) -> Any:
    """Evaluate a compiled formula; division by zero gives 0 (an empty document)."""
    node = tree.body if isinstance(tree, ast.Expression) else tree
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.UnaryOp):
        value = evaluate(node.operand, values)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp):
        try:
            return _BIN[type(node.op)](evaluate(node.left, values), evaluate(node.right, values))
        except ZeroDivisionError:
            return 0.0
    if isinstance(node, ast.Compare):
        left = evaluate(node.left, values)
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            right = evaluate(comparator, values)
            if not _CMP[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return _MATH[node.func.attr](*(evaluate(a, values) for a in node.args))
    raise ValueError(f"cannot evaluate '{type(node).__name__}'")
