"""msglint's own rules: what it reports about the run itself (content it could not read, a
source that matched nothing, a page at odds with its own data, a suppression that hid
nothing). Each is a rule kind of its own, documented like the YAML kinds, so
`msglint rules explain msglint.self-price-mismatch` and `msglint rules list` show them;
they are always on unless the config's `disable` names them.
"""

from msglint.checks.builtin.base import BuiltinRule
from msglint.checks.builtin.extract_error import ExtractError
from msglint.checks.builtin.match_error import MatchError
from msglint.checks.builtin.no_product_data import NoProductData
from msglint.checks.builtin.parse_error import ParseError
from msglint.checks.builtin.self_price import SelfPriceMismatch
from msglint.checks.builtin.source_empty import SourceEmpty
from msglint.checks.builtin.source_error import SourceError
from msglint.checks.builtin.uncertain_match import UncertainMatch
from msglint.checks.builtin.unused_suppression import UnusedSuppression

__all__ = [
    "BuiltinRule",
    "ExtractError",
    "MatchError",
    "NoProductData",
    "ParseError",
    "SelfPriceMismatch",
    "SourceEmpty",
    "SourceError",
    "UncertainMatch",
    "UnusedSuppression",
]
