"""One catalog load: its limits, its problems, and the builder that turns rows into Records.

Bad data never raises: every row that cannot be read is a problem with its line, and the
other rows still load. Sizes are bounded (rows, cell length, problems per file) because
partner files are hostile input.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from msglint.extract import Extraction, ProblemCode
from msglint.model import Location, Price, Record, Role

if TYPE_CHECKING:
    from msglint.extract.catalog.headers import Header

#: Rows read from one file at most; the rest is one problem.
MAX_ROWS = 1_000_000
#: Longest cell kept, in characters; longer cells are truncated with a problem.
MAX_CELL = 100_000
#: Problems reported per file at most; a file broken on every row says so once more.
MAX_PROBLEMS = 1_000
#: Uncompressed size an XLSX (a zip) may claim in total: a guard against zip bombs.
MAX_XLSX_UNCOMPRESSED = 512 * 1024 * 1024
#: Objects/items looked at to learn the headers of JSON and feed files.
HEADER_SAMPLE = 1_000


class Numeric(str):
    """A cell text written from a number (JSON number, XLSX numeric cell): "." is decimal."""

    __slots__ = ()


@dataclass(slots=True)
class Plan:
    """Which header position feeds which Record field, and which columns are specs."""

    text: list[tuple[str, int]]
    price: int | None
    sale_price: int | None
    currency: int | None
    specs: list[tuple[int, str]]  # position, spec label
    used: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Ctx:
    """One load: where records go, the source's identity and the hints it gave."""

    source: str
    role: Role
    path: str
    currency: str | None
    out: Extraction
    suppressed: int = 0
    #: The source's `language:` ("de"), or None: read from the headers, else English.
    language: str | None = None
    file_loc: Location = field(init=False)

    def __post_init__(self) -> None:
        self.file_loc = Location(path=self.path)

    def problem(self, loc: Location, code: ProblemCode, reason: str) -> None:
        if len(self.out.problems) < MAX_PROBLEMS:
            self.out.problem(loc, code, reason)
        else:
            self.suppressed += 1

    def finish(self) -> Extraction:
        if self.suppressed:
            self.out.problem(
                self.file_loc, ProblemCode.LIMIT, f"{self.suppressed:,} further problems not listed"
            )
            self.suppressed = 0
        return self.out


class Builder:
    """Turns rows of cell texts into Records by one plan; cheap per row by design."""

    __slots__ = (
        "comma",
        "ctx",
        "headers",
        "lang",
        "parse_price",
        "parse_spec",
        "plan",
        "price_hints",
    )

    def __init__(self, ctx: Ctx, plan: Plan, headers: list[Header]) -> None:
        from msglint.values.prices import parse_price
        from msglint.values.specs import parse_spec

        self.ctx = ctx
        self.plan = plan
        self.headers = headers
        self.parse_price = parse_price
        self.parse_spec = parse_spec
        self.price_hints = {
            pos: headers[pos].unit
            for pos in (plan.price, plan.sale_price)
            if pos is not None and is_currency(headers[pos].unit)
        }
        from msglint.extract.catalog.headers import header_language
        from msglint.text.language import DECIMAL_COMMA

        lang = ctx.language or header_language(headers)
        self.lang = lang if lang != "en" else None
        self.comma = lang in DECIMAL_COMMA  # "1.500 g" is 1500 g, "1,500 kg" 1.5 kg

    def build(
        self,
        index: int,
        record_loc: Location,
        values: Sequence[str | None],
        loc: Callable[[int], Location],
    ) -> Record:
        """One Record from `values` (indexed by header position); `loc` says where a cell is."""
        ctx, plan = self.ctx, self.plan
        rec = Record(
            source=ctx.source,
            role=ctx.role,
            path=ctx.path,
            kind="product",
            origin="catalog",
            index=index,
            at=record_loc,
            lang=self.lang,
        )
        where = rec.where
        for fld, pos in plan.text:
            value = self._cell(values, pos, loc)
            if value:
                setattr(rec, fld, value)
                where[fld] = loc(pos)
        if plan.price is not None or plan.sale_price is not None:
            self._prices(rec, values, loc)
        for pos, label in plan.specs:
            value = self._cell(values, pos, loc)
            if value:
                numeric = isinstance(values[pos], Numeric)
                self.add_spec(rec, label, value, loc(pos), numeric=numeric)
        return rec

    def _cell(
        self, values: Sequence[str | None], pos: int, loc: Callable[[int], Location]
    ) -> str | None:
        value = values[pos] if pos < len(values) else None
        if value is None:
            return None
        if len(value) > MAX_CELL:
            self.ctx.problem(
                loc(pos),
                ProblemCode.VALUE,
                f"cell of {len(value):,} characters truncated to {MAX_CELL:,}",
            )
            value = value[:MAX_CELL]
        return value.strip() or None

    def _prices(
        self, rec: Record, values: Sequence[str | None], loc: Callable[[int], Location]
    ) -> None:
        plan = self.plan
        row_currency = self._cell(values, plan.currency, loc) if plan.currency is not None else None
        for pos, kind in ((plan.price, "list"), (plan.sale_price, "sale")):
            if pos is None:
                continue
            text = self._cell(values, pos, loc)
            if not text:
                continue
            hint = row_currency or self.price_hints.get(pos) or self.ctx.currency
            dot = "." if isinstance(values[pos], Numeric) else None
            price = _safe_price(self.parse_price, text, hint, kind, dot)
            where = loc(pos)
            if price is None:
                from msglint.values.prices import price_trouble

                why = price_trouble(text)
                self.ctx.problem(
                    where,
                    ProblemCode.VALUE,
                    f"price {clip(text)!r} could not be read" + (f": {why}" if why else ""),
                )
                continue
            rec.prices.append(price.located(where))

    def add_spec(
        self, rec: Record, label: str, value: str, where: Location, *, numeric: bool = False
    ) -> None:
        """Parse one spec and keep it under its key (the first of a key wins); numbers are
        read as the file's language writes them, unless the cell held a number (`numeric`:
        a JSON number or a numeric XLSX cell, whose "." is always decimal)."""
        from msglint.values.specs import decimal_comma

        try:
            with decimal_comma(self.comma and not numeric):
                spec = self.parse_spec(label, value, where=where)
        except Exception:  # the spec parser is someone else's; hostile cells must not stop a load
            spec = None
        if spec is None or spec.key in rec.specs:
            return
        rec.specs[spec.key] = spec


def _safe_price(
    parse: Callable[..., Price | None], text: str, hint: str | None, kind: str, dot: str | None
) -> Price | None:
    try:
        return parse(text, currency=hint, kind=kind, decimal_separator=dot)
    except Exception:  # another module's parser; a hostile cell must not stop a load
        return None


def is_currency(unit: str | None) -> bool:
    """Whether a header's bracketed unit or a number format's symbol is a currency."""
    from msglint.values.prices import currency_code

    return bool(unit) and currency_code(unit or "") is not None


def clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
