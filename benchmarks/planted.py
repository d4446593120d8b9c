"""Planted-mutation benchmark for msglint's cross-source consistency checks.

Run from the repository root (msglint installed, e.g. `pip install -e .`):

    python benchmarks/planted.py                          # 2,000 products x (1 + 10) sources
    python benchmarks/planted.py --products 200 --partners 2 --json     # a quick run
    python benchmarks/planted.py --generate-only          # write the pages, config and manifest
    python benchmarks/planted.py --skip-generate          # check and score the pages written before
    python benchmarks/planted.py --score-only             # score the report written before
    python benchmarks/planted.py --selectors              # partners' CSS selectors in the config
    python benchmarks/planted.py --score-only --min-severity warning   # verdicts only
    python benchmarks/planted.py --jobs 1 --rss-scale   # one core; peak RSS at 1x and 3x products

The generator writes a reference catalog (the brand's own product pages) and one copy of it
per partner into a work folder (default `benchmarks/out/planted`, git-ignored). Each partner
copy carries mutations of known kinds on known pages:

- harmful, which a consistency check must report: `price-changed` (5-30 %), `spec-changed`
  (a quantity off by 15-40 %, never less than 10 %), `warranty-changed` ("2-year" ->
  "1-year"), `retired-name` (the product's former name, listed in the rules file under
  `retired:`), `renamed-product` (the former name without the model code, so only the
  rules' `retired:` mapping can tie the page to the product), `duplicate-listing` (the
  partner lists the product a second time, on a page of its own, at another price: both
  listings must be matched and the second one's price reported) and `product-missing`
  (the partner has no page for the product);
- benign, which a check must not report: `price-reformatted` ("USD 1,299" for "$1,299.00",
  "$ 1.299,00" for "1.299,00 USD"), `unit-converted` (kg -> lb, g -> oz, cm -> in, two
  decimals, never below 1.00 so the rounding stays under 0.5 %), `words-reordered` (the name's
  line, model code and descriptor in another order, brand first), `case-and-whitespace` (the
  name upper- or lower-cased with doubled spaces, spec labels in capitals) and
  `marketing-sentence` (a sentence with no fact in it added to the description).

`manifest.json` lists every mutation (partner, SKU, page path, kind, the reference text and the
planted text); `msglint.yaml` and `rules/planted.yaml` (pack `planted`: one rule per
consistency kind) complete the folder. The runner times `msglint check -f json` in a child
process and attributes each finding to a planted mutation when its source, page path and rule
kind match (`price-changed` <-> price, `spec-changed` <-> spec, `warranty-changed` <-> claim,
`retired-name` and `renamed-product` <-> name, `duplicate-listing` <-> price on the second
listing's page, `product-missing` <-> coverage, located at the reference page). It
prints precision and recall per harmful kind, the findings on pages that carry only one benign
mutation, the findings on unmutated pages, throughput and peak memory, against the targets.
Throughput is also printed as a share of the parse floor: selectolax parsing the same pages
on one core, measured in the same run right after the check (target >= 0.3), with the cores
the check used (its CPU time over its wall time, worker processes included). `--rss-scale`
checks the catalog and one three times its size with `--jobs 1` and prints the ratio of
their peak RSS (target <= 1.2: memory does not grow with the number of pages).

With the defaults, 2 % of the products per kind per partner, the full set is 2,000 reference
pages and 10 x 1,960 partner pages (the 40 missing products have none): 21,600 pages, 1.3 GB.

Pages are about `--page-kb` KB (the site chrome alone is about 31 KB, so smaller sizes come
out at that), like real product pages: a mega-menu, inline CSS, an analytics
script, related products with prices, reviews and a footer around the product itself. The
reference pages carry schema.org JSON-LD; half of the partners carry none (their facts must be
read from the visible page) and the others a partial copy (no specs or description in some
layouts). Partners differ in layout (a spec table, a `<dl>` list, a two-`<td>` table) and in
locale ("$1,299.00" against "1.299,00 USD" with decimal commas in specs too).

Everything comes from word banks in this file and `random.Random` seeded per item, so a seed
always gives the same bytes. Only the standard library is used; msglint runs as a user runs it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from random import Random
from typing import Any

DEFAULT_WORKDIR = Path(__file__).resolve().parent / "out" / "planted"
REFERENCE = "brand"
REFERENCE_SITE = "Arcadia Electronics"
MANIFEST = "manifest.json"
REPORT = "report.json"
RUN_FIGURES = "run.json"

HARMFUL: tuple[str, ...] = (
    "price-changed",
    "spec-changed",
    "warranty-changed",
    "retired-name",
    "renamed-product",
    "duplicate-listing",
    "product-missing",
)
BENIGN: tuple[str, ...] = (
    "price-reformatted",
    "unit-converted",
    "words-reordered",
    "case-and-whitespace",
    "marketing-sentence",
)
#: The consistency rule kind that must report each harmful mutation.
RULE_KIND: dict[str, str] = {
    "price-changed": "price",
    "spec-changed": "spec",
    "warranty-changed": "claim",
    "retired-name": "name",
    "renamed-product": "name",
    "duplicate-listing": "price",
    "product-missing": "coverage",
}
RULE_KINDS: tuple[str, ...] = ("price", "spec", "name", "claim", "coverage")
#: Benign kinds a harmful page may also carry; the name stays intact on a retired-name page
#: so that the retired name is still written exactly as the rules file lists it.
STACKABLE: dict[str, tuple[str, ...]] = {
    "price-changed": ("price-reformatted", "unit-converted", "marketing-sentence"),
    "spec-changed": ("price-reformatted", "unit-converted", "marketing-sentence"),
    "warranty-changed": ("price-reformatted", "unit-converted", "marketing-sentence"),
    "retired-name": ("price-reformatted", "unit-converted", "marketing-sentence"),
}
APPLY_ORDER: tuple[str, ...] = (
    "price-changed",
    "spec-changed",
    "warranty-changed",
    "retired-name",
    "renamed-product",
    "price-reformatted",
    "unit-converted",
    "words-reordered",
    "case-and-whitespace",
    "marketing-sentence",
)

TARGET_PRECISION = 0.98
TARGET_RECALL = 0.95
TARGET_RSS_MIB = 1024.0
TARGET_PAGES_PER_CORE_S = 1000.0
TARGET_SHARE_OF_FLOOR = 0.3
TARGET_RSS_RATIO = 1.2

# ------------------------------------------------------------------------------------------
# Word banks. Nothing outside the claims paragraph states a warranty, a return window or a
# price of the product itself, so every fact a check compares has exactly one place per page.
# ------------------------------------------------------------------------------------------

BRANDS: tuple[tuple[str, str, str], ...] = (  # name, SKU prefix, GS1 company prefix (7 digits)
    ("Nordvik", "NRV", "4006381"),
    ("Solenne", "SLN", "4012345"),
    ("Kestrel", "KST", "5012346"),
    ("Vantor", "VNT", "8712345"),
    ("Lumara", "LMR", "7612345"),
    ("Brisco", "BRS", "0614141"),
    ("Ostera", "OST", "3760123"),
    ("Tamsin", "TMS", "9501234"),
)


@dataclass(frozen=True, slots=True)
class SpecDef:
    """How one specification of a category is drawn: a range, or a list of (value, unit)."""

    label: str
    unit: str
    lo: float = 0.0
    hi: float = 0.0
    decimals: int = 0
    step: float = 1.0
    choices: tuple[tuple[float, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Category:
    """A product family: names, prices and the specs its pages list."""

    code: str
    title: str
    lines: tuple[str, ...]
    retired_lines: tuple[str, ...]
    descriptors: tuple[str, ...]
    price: tuple[int, int]
    specs: tuple[SpecDef, ...]


STORAGE = ((64, "GB"), (128, "GB"), (256, "GB"), (512, "GB"), (1, "TB"), (2, "TB"), (4, "TB"))
SMALL_STORAGE = ((32, "GB"), (64, "GB"), (128, "GB"), (256, "GB"))

CATEGORIES: tuple[Category, ...] = (
    Category(
        "HP",
        "Headphones",
        ("AeroSound", "Quietline", "Resonant", "Tempo", "Cadenza"),
        ("SoundWave", "Hushline", "EchoPro", "Beatline"),
        (
            "Wireless Headphones",
            "Noise-Cancelling Headphones",
            "Wireless Earbuds",
            "Studio Headphones",
        ),
        (39, 449),
        (
            SpecDef("Weight", "g", 120, 380),
            SpecDef("Battery capacity", "mAh", 300, 1200, step=10),
            SpecDef("Wireless range", "m", 10, 40),
            SpecDef("Charging power", "W", 5, 25),
            SpecDef("Width", "cm", 15, 21, 1, 0.1),
            SpecDef("Height", "cm", 16, 23, 1, 0.1),
        ),
    ),
    Category(
        "NB",
        "Laptops",
        ("PulseBook", "Meridian", "Stratos", "Vertex", "Airline"),
        ("NoteMaster", "Travelmate", "Skybook", "Workline"),
        ("Laptop", "Ultrabook", "Gaming Laptop", "Convertible Laptop"),
        (499, 2999),
        (
            SpecDef("Weight", "kg", 0.9, 3.2, 2, 0.01),
            SpecDef(
                "Screen size", "in", choices=((13.3, "in"), (14, "in"), (15.6, "in"), (17.3, "in"))
            ),
            SpecDef("Storage", "GB", choices=STORAGE),
            SpecDef("Power", "W", 45, 240, step=5),
            SpecDef("Battery capacity", "mAh", 4000, 8000, step=10),
            SpecDef("Width", "cm", 29, 40, 1, 0.1),
            SpecDef("Depth", "cm", 19, 28, 1, 0.1),
            SpecDef("Height", "cm", 1.4, 2.8, 1, 0.1),
        ),
    ),
    Category(
        "CM",
        "Cameras",
        ("SkyView", "Trailcam", "Lumen", "Focal", "Panora"),
        ("ClearShot", "Actionview", "Snapline", "Vista"),
        ("Action Camera", "Mirrorless Camera", "Security Camera", "Dash Cam"),
        (79, 1899),
        (
            SpecDef("Weight", "g", 90, 900),
            SpecDef("Field of view", "°", 90, 170),
            SpecDef("Storage", "GB", choices=SMALL_STORAGE),
            SpecDef("Battery capacity", "mAh", 1000, 2500, step=10),
            SpecDef("Wireless range", "m", 10, 50),
            SpecDef("Width", "cm", 5, 14, 1, 0.1),
            SpecDef("Height", "cm", 4, 10, 1, 0.1),
        ),
    ),
    Category(
        "SP",
        "Speakers",
        ("Boomline", "Echo", "Sonora", "Basswood", "Arena"),
        ("Soundbox", "Partyline", "Roomfill", "Crescendo"),
        ("Bluetooth Speaker", "Smart Speaker", "Soundbar", "Party Speaker"),
        (49, 1299),
        (
            SpecDef("Power", "W", 10, 400, step=5),
            SpecDef("Weight", "kg", 0.5, 9, 2, 0.01),
            SpecDef("Battery capacity", "mAh", 2000, 12000, step=100),
            SpecDef("Wireless range", "m", 10, 60),
            SpecDef("Width", "cm", 10, 100, 1, 0.1),
            SpecDef("Height", "cm", 5, 40, 1, 0.1),
        ),
    ),
    Category(
        "DR",
        "Drones",
        ("Skylark", "Falcon", "Aether", "Swift", "Horizon"),
        ("Skyrider", "Hoverline", "Airscout", "Cloudhopper"),
        ("Camera Drone", "Mini Drone", "FPV Drone"),
        (199, 2499),
        (
            SpecDef("Weight", "g", 249, 1400),
            SpecDef("Transmission range", "m", 500, 15000, step=100),
            SpecDef("Field of view", "°", 80, 150),
            SpecDef("Battery capacity", "mAh", 1500, 5000, step=10),
            SpecDef("Storage", "GB", choices=SMALL_STORAGE),
            SpecDef("Width", "cm", 14, 40, 1, 0.1),
        ),
    ),
    Category(
        "MN",
        "Monitors",
        ("ClearView", "Prisma", "Ultrawide", "Canvas", "Spectra"),
        ("Viewline", "Brightscreen", "Panorama", "Pixelmaster"),
        ("Monitor", "Gaming Monitor", "Portable Monitor", "4K Monitor"),
        (129, 1999),
        (
            SpecDef("Screen size", "in", choices=((24, "in"), (27, "in"), (32, "in"), (34, "in"))),
            SpecDef("Power", "W", 20, 180, step=1),
            SpecDef("Weight", "kg", 2.5, 12, 2, 0.01),
            SpecDef("Width", "cm", 53, 120, 1, 0.1),
            SpecDef("Height", "cm", 32, 60, 1, 0.1),
            SpecDef("Depth", "cm", 15, 30, 1, 0.1),
        ),
    ),
    Category(
        "PB",
        "Power banks",
        ("Voltra", "Charge", "Endura", "Powerline"),
        ("Juicebox", "Powercell", "Fueltank"),
        ("Power Bank", "Portable Charger", "Magnetic Power Bank"),
        (19, 199),
        (
            SpecDef("Battery capacity", "mAh", 5000, 27000, step=100),
            SpecDef("Power", "W", 18, 140),
            SpecDef("Weight", "g", 110, 600),
            SpecDef("Width", "cm", 6, 10, 1, 0.1),
            SpecDef("Height", "cm", 9, 18, 1, 0.1),
        ),
    ),
    Category(
        "RT",
        "Networking",
        ("AirLink", "Meshwave", "Relay", "Netstream"),
        ("Wavebox", "Linkstation", "Homenet"),
        ("Wi-Fi 6 Router", "Mesh System", "Travel Router"),
        (39, 599),
        (
            SpecDef("Wireless range", "m", 30, 250),
            SpecDef("Power", "W", 12, 60),
            SpecDef("Weight", "g", 180, 1500),
            SpecDef("Width", "cm", 10, 30, 1, 0.1),
            SpecDef("Height", "cm", 4, 25, 1, 0.1),
            SpecDef("Depth", "cm", 8, 20, 1, 0.1),
        ),
    ),
    Category(
        "TB",
        "Tablets",
        ("Slate", "Paperlight", "Folio", "Canvas Tab"),
        ("Padline", "Tabula", "Readmate"),
        ("Tablet", "Drawing Tablet", "E-Reader"),
        (99, 1499),
        (
            SpecDef("Screen size", "in", choices=((8.3, "in"), (11, "in"), (12.9, "in"))),
            SpecDef("Storage", "GB", choices=SMALL_STORAGE),
            SpecDef("Battery capacity", "mAh", 5000, 11000, step=10),
            SpecDef("Weight", "g", 290, 700),
            SpecDef("Width", "cm", 13, 28, 1, 0.1),
            SpecDef("Height", "cm", 20, 30, 1, 0.1),
        ),
    ),
    Category(
        "WT",
        "Wearables",
        ("Stride", "Pulse", "Trekker", "Vita"),
        ("Fitline", "Runmate", "Wristpro"),
        ("Smartwatch", "Fitness Tracker", "GPS Watch"),
        (49, 799),
        (
            SpecDef(
                "Screen size", "in", choices=((1.2, "in"), (1.4, "in"), (1.65, "in"), (1.9, "in"))
            ),
            SpecDef("Battery capacity", "mAh", 200, 600, step=5),
            SpecDef("Weight", "g", 25, 70),
            SpecDef("Storage", "GB", choices=((4, "GB"), (8, "GB"), (16, "GB"), (32, "GB"))),
            SpecDef("Wireless range", "m", 10, 30),
        ),
    ),
)

#: Products outside consumer electronics: industrial pumps and power tools (their labels
#: and units are what spec tables of pump and tool makers use).
CATEGORIES += (
    Category(
        "PU",
        "Pumps",
        ("Aquaris", "Hydroline", "Flowmax", "Tidewell"),
        ("Pumpex", "Wellspring", "Rivulet"),
        ("Garden Pump", "Submersible Pump", "Booster Pump", "Centrifugal Pump"),
        (89, 1299),
        (
            SpecDef("Max flow rate", "l/h", 1500, 9000, step=100),
            SpecDef("Max pressure", "bar", 2, 9, 1, 0.1),
            SpecDef("Motor power", "W", 300, 1500, step=50),
            SpecDef("Weight", "kg", 4, 25, 1, 0.1),
        ),
    ),
    Category(
        "PT",
        "Power Tools",
        ("Torqstar", "Drillpro", "Forgeline", "Gripmaster"),
        ("Boltline", "Rivetor", "Spindle"),
        ("Cordless Drill", "Impact Driver", "Hammer Drill", "Angle Grinder"),
        (59, 599),
        (
            SpecDef("Max torque", "Nm", 20, 150),
            SpecDef("Voltage", "V", choices=((12.0, "V"), (18.0, "V"), (36.0, "V"))),
            SpecDef("Battery capacity", "Ah", choices=((2.0, "Ah"), (4.0, "Ah"), (5.0, "Ah"))),
            SpecDef("Weight", "kg", 1, 4, 1, 0.1),
        ),
    ),
)

CODE_LETTERS = "ABCEFGHKMNPRSTVXZ"
AUDIENCES = (
    "commuters",
    "families",
    "creators",
    "students",
    "frequent travelers",
    "small offices",
    "gamers",
    "people who work from home",
    "outdoor enthusiasts",
    "first-time buyers",
)
WANTS = (
    "something that simply works",
    "less clutter on the desk",
    "dependable everyday performance",
    "a clean, understated design",
    "easy setup and fewer cables",
    "quality they can rely on",
)
DETAILS = (
    "a textured grip",
    "a magnetic mount",
    "a braided cable",
    "a soft-touch finish",
    "tool-free assembly",
    "a clear status light",
    "a recycled aluminum frame",
)
DESCRIPTION = (
    "Meet the {name}, made for {audience} who want {want}.",
    "Thoughtful details such as {detail} make it easy to live with every day.",
    "Setup takes a few minutes in the {brand} app, and updates install automatically.",
    "Compared with the previous generation, it is quieter, lighter and more efficient.",
    "Everything you need is in the box, so you can start right away.",
    "Its understated design fits in at home, at work and on the road.",
    "Sensible defaults mean you rarely need to open the settings at all.",
)
MARKETING = (
    "Loved by thousands of customers.",
    "A favorite of our staff this season.",
    "Customers often buy it as a gift.",
    "Reviewers keep coming back to it.",
    "One of our most popular picks right now.",
    "Available in limited quantities while stocks last.",
)
REVIEWS = (
    "Exactly what I was looking for, and it arrived well packed.",
    "Easy to set up and it has worked without a hiccup since.",
    "Feels well made. The app could be a little simpler.",
    "Bought a second one for my parents after a week.",
    "Does what it says. Would recommend to friends.",
)


# ------------------------------------------------------------------------------------------
# The catalog.
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SpecValue:
    """One specification as a page states it: label, magnitude, unit, decimals shown."""

    label: str
    magnitude: float
    unit: str
    decimals: int

    def text(self, locale: str = "us") -> str:
        """ "2.50 kg", "2,50 kg" in the EU layout, "120°" with no space before the degree."""
        number = f"{self.magnitude:.{self.decimals}f}"
        if locale == "eu":
            number = number.replace(".", ",")
        return f"{number}{self.unit}" if self.unit == "°" else f"{number} {self.unit}"


@dataclass(frozen=True, slots=True)
class Product:
    """One reference product with every fact its pages state."""

    index: int
    category: Category
    brand: str
    line: str
    code: str
    descriptor: str
    sku: str
    gtin: str
    mpn: str
    price: Decimal
    specs: tuple[SpecValue, ...]
    warranty_years: int
    returns_days: int
    description: tuple[str, ...]
    retired_line: str | None

    @property
    def name(self) -> str:
        return f"{self.brand} {self.line} {self.code} {self.descriptor}"

    @property
    def retired_name(self) -> str | None:
        if self.retired_line is None:
            return None
        return f"{self.brand} {self.retired_line} {self.code} {self.descriptor}"

    @property
    def renamed_name(self) -> str | None:
        """The former name as a partner that never had the model code writes it."""
        if self.retired_line is None:
            return None
        return f"{self.brand} {self.retired_line} {self.descriptor}"

    @property
    def slug(self) -> str:
        return _slug(self.name)

    @property
    def reference_path(self) -> str:
        return f"site/products/{self.slug}.html"


_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


def gtin_check_digit(body: str) -> str:
    """The GS1 mod-10 check digit of the first 12 digits of a GTIN-13."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return str((10 - total % 10) % 10)


def gtin_valid(gtin: str) -> bool:
    """True for 13 digits whose last one is the GS1 check digit of the others."""
    return len(gtin) == 13 and gtin.isdigit() and gtin_check_digit(gtin[:12]) == gtin[12]


def _draw_spec(rng: Random, spec: SpecDef) -> SpecValue:
    if spec.choices:
        value, unit = rng.choice(spec.choices)
        return SpecValue(spec.label, float(value), unit, _decimals_of(value))
    steps = round((spec.hi - spec.lo) / spec.step)
    value = round(spec.lo + rng.randint(0, steps) * spec.step, spec.decimals)
    return SpecValue(spec.label, value, spec.unit, spec.decimals)


def _decimals_of(value: float) -> int:
    text = f"{value:g}"
    return len(text.split(".")[1]) if "." in text else 0


def _price(rng: Random, lo: int, hi: int) -> Decimal:
    """A shelf price: whole tens minus one cent, .00, .49 or .95 endings, skewed low."""
    base = int(lo + (hi - lo) * rng.random() ** 1.7)
    cents = rng.choice(("0.99", "0.00", "0.49", "0.95", "0.99"))
    if cents == "0.99":
        return Decimal(base) + Decimal("0.99")
    return Decimal(base) + Decimal(cents)


def build_catalog(count: int, seed: int) -> list[Product]:
    """`count` products with unique model codes, SKUs and GTINs; one RNG per product."""
    products: list[Product] = []
    codes: set[str] = set()
    for index in range(count):
        rng = Random(f"{seed}:product:{index}")
        category = CATEGORIES[index % len(CATEGORIES)]
        brand, sku_prefix, company = rng.choice(BRANDS)
        code = ""
        while not code or code in codes:
            code = rng.choice(CODE_LETTERS) + str(rng.randint(100, 9999))
        codes.add(code)
        item = f"{index:05d}"
        gtin_body = company + item
        n_specs = rng.randint(min(4, len(category.specs)), min(8, len(category.specs)))
        chosen = sorted(rng.sample(range(len(category.specs)), n_specs))
        specs = tuple(_draw_spec(rng, category.specs[i]) for i in chosen)
        line = rng.choice(category.lines)
        descriptor = rng.choice(category.descriptors)
        fill = {
            "brand": brand,
            "name": f"{brand} {line} {code} {descriptor}",
            "audience": rng.choice(AUDIENCES),
            "want": rng.choice(WANTS),
            "detail": rng.choice(DETAILS),
        }
        sentences = [DESCRIPTION[0], *rng.sample(DESCRIPTION[1:], rng.randint(2, 3))]
        products.append(
            Product(
                index=index,
                category=category,
                brand=brand,
                line=line,
                code=code,
                descriptor=descriptor,
                sku=f"{sku_prefix}-{category.code}-{code}",
                gtin=gtin_body + gtin_check_digit(gtin_body),
                mpn=f"{code}-{rng.choice('BKWSGR')}{rng.choice('KTLRD')}{rng.randint(1, 9)}",
                price=_price(rng, *category.price),
                specs=specs,
                warranty_years=rng.choices((1, 2, 3), (2, 6, 2))[0],
                returns_days=rng.choices((14, 30, 60), (2, 6, 2))[0],
                description=tuple(s.format(**fill) for s in sentences),
                retired_line=rng.choice(category.retired_lines) if rng.random() < 0.15 else None,
            )
        )
    return products


# ------------------------------------------------------------------------------------------
# Partners and their mutations.
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Partner:
    """A partner site: its layout, locale, whether it has JSON-LD, and how it names files."""

    name: str
    site: str
    layout: str  # "classic" (th/td table), "grid" (<dl>), "eu" (two-<td> table)
    locale: str  # "us" ($1,299.00) or "eu" (1.299,00 USD, decimal commas in specs)
    jsonld: bool
    paths: str  # "slug", "sku" or "item"

    def page_path(self, product: Product, suffix: str = "") -> str:
        if self.paths == "sku":
            stem = product.sku.lower()
        elif self.paths == "item":
            stem = f"p/{100000 + product.index * 7 + len(self.name)}"
        else:
            stem = product.slug
        return f"partners/{self.name}/products/{stem}{suffix}.html"

    def duplicate_path(self, product: Product) -> str:
        """Where a partner's second listing of a product is (`duplicate-listing`)."""
        return self.page_path(product, "-offer")


_PARTNER_BANK: tuple[tuple[str, str, str, str, bool, str], ...] = (
    ("shopright", "ShopRight", "classic", "us", True, "slug"),
    ("berlin-store", "Elektro Berlin", "eu", "eu", False, "sku"),
    ("gadgetzone", "GadgetZone", "grid", "us", True, "item"),
    ("northwind", "Northwind Supply", "classic", "us", False, "sku"),
    ("techhaus", "TechHaus", "eu", "eu", True, "slug"),
    ("megamart", "MegaMart", "grid", "us", False, "slug"),
    ("nordic-electro", "Nordic Electro", "eu", "eu", False, "item"),
    ("bluepeak", "BluePeak Outlet", "classic", "us", True, "item"),
    ("citycomp", "CityComp", "grid", "us", True, "sku"),
    ("maison-tech", "Maison Tech", "eu", "eu", False, "slug"),
)


def build_partners(count: int) -> list[Partner]:
    """`count` partners; the bank repeats with a numeric suffix past ten."""
    partners = []
    for i in range(count):
        name, site, layout, locale, jsonld, paths = _PARTNER_BANK[i % len(_PARTNER_BANK)]
        if i >= len(_PARTNER_BANK):
            name, site = (
                f"{name}-{i // len(_PARTNER_BANK) + 1}",
                f"{site} {i // len(_PARTNER_BANK) + 1}",
            )
        partners.append(Partner(name, site, layout, locale, jsonld, paths))
    return partners


@dataclass(slots=True)
class View:
    """A product as one partner states it; mutations edit this, the layouts render it."""

    product: Product
    name: str
    price: Decimal
    specs: list[SpecValue]
    warranty_years: int
    description: list[str]
    price_style: str = "plain"
    upper_labels: bool = False
    changed_spec: int | None = None
    converted_spec: int | None = None
    kinds: list[str] = field(default_factory=list)


def reference_view(product: Product) -> View:
    return View(
        product=product,
        name=product.name,
        price=product.price,
        specs=list(product.specs),
        warranty_years=product.warranty_years,
        description=list(product.description),
    )


def plan_mutations(
    products: list[Product], partner: Partner, rate: float, stack_rate: float, seed: int
) -> dict[int, list[str]]:
    """Which products carry which mutation kinds at this partner.

    Each kind goes to `max(1, round(rate * n))` products (so a quick run still plants every
    kind), drawn without overlap; then a share `stack_rate` of the harmful pages also gets one
    benign mutation, so a check is seen to keep reporting a real difference through a
    harmless one.
    """
    if rate <= 0:
        return {}
    rng = Random(f"{seed}:plan:{partner.name}")
    order = list(range(len(products)))
    rng.shuffle(order)
    per_kind = max(1, round(rate * len(products)))
    plan: dict[int, list[str]] = {}
    retired = [i for i in order if products[i].retired_line]
    for i in retired[:per_kind]:
        plan[i] = ["retired-name"]
    unique = unique_renamed(products)
    renamed = [i for i in retired[per_kind:] if products[i].renamed_name in unique]
    for i in renamed[:per_kind]:
        plan[i] = ["renamed-product"]
    free = (i for i in order if i not in plan)
    for kind in (*APPLY_ORDER, "duplicate-listing", "product-missing"):
        if kind in ("retired-name", "renamed-product"):
            continue
        for _ in range(per_kind):
            i = next(free, None)
            if i is None:
                break
            plan[i] = [kind]
    for i in sorted(plan):
        kind = plan[i][0]
        if kind in STACKABLE and rng.random() < stack_rate:
            plan[i].append(rng.choice(STACKABLE[kind]))
    return plan


def unique_renamed(products: list[Product]) -> set[str]:
    """Former names without the code that only one product had: the others cannot be
    mapped to one current name in the rules file."""
    counts = Counter(p.renamed_name for p in products if p.renamed_name)
    return {name for name, n in counts.items() if n == 1}


def _changed_price(rng: Random, price: Decimal) -> Decimal:
    """5-30 % up or down, keeping the shelf-price ending; never closer than 5 %."""
    while True:
        factor = Decimal(str(round(rng.uniform(0.05, 0.30), 3)))
        factor = 1 + factor if rng.random() < 0.5 else 1 - factor
        new = (price * factor).quantize(Decimal("1"), ROUND_HALF_UP) + (price % 1)
        if new > 0 and abs(new - price) / price >= Decimal("0.05"):
            return new


def _changed_spec(rng: Random, spec: SpecValue, specdef: SpecDef | None) -> SpecValue:
    """The same spec off by 15-40 % (choices: another listed value at least 12 % away)."""
    if specdef is not None and specdef.choices:
        base = _in_base(spec.magnitude, spec.unit)
        far = [(v, u) for v, u in specdef.choices if abs(_in_base(v, u) - base) / base >= 0.12]
        value, unit = rng.choice(far)
        return SpecValue(spec.label, float(value), unit, _decimals_of(value))
    up = specdef is None or spec.magnitude < (specdef.lo + specdef.hi) / 2
    while True:
        factor = rng.uniform(0.15, 0.40)
        value = round(spec.magnitude * (1 + factor if up else 1 - factor), spec.decimals)
        if value > 0 and abs(value - spec.magnitude) / spec.magnitude >= 0.12:
            return replace(spec, magnitude=value)


def _in_base(value: float, unit: str) -> float:
    return value * 1000 if unit == "TB" else value


CONVERSIONS: dict[str, tuple[str, float]] = {
    "kg": ("lb", 2.2046226218),
    "g": ("oz", 1 / 28.349523125),
    "cm": ("in", 1 / 2.54),
}


def _converted(spec: SpecValue) -> SpecValue | None:
    """The spec in US units with two decimals, or None when it is not convertible or would
    come out under 1.00 (where two decimals would lose more than 0.5 %)."""
    if spec.unit not in CONVERSIONS:
        return None
    unit, factor = CONVERSIONS[spec.unit]
    value = round(spec.magnitude * factor, 2)
    return SpecValue(spec.label, value, unit, 2) if value >= 1.0 else None


def _reordered(product: Product) -> str:
    """Brand first, then the line, model code and descriptor in another order."""
    parts = [product.line, product.code, product.descriptor]
    orders = ((1, 0, 2), (2, 0, 1), (0, 2, 1), (2, 1, 0))
    order = orders[product.index % len(orders)]
    return " ".join([product.brand, *(parts[i] for i in order)])


def _cased(rng: Random, name: str) -> str:
    """Upper or lower case, with one doubled space between two words."""
    cased = name.upper() if rng.random() < 0.5 else name.lower()
    words = cased.split(" ")
    gap = rng.randrange(len(words) - 1)
    return " ".join(words[: gap + 1]) + "  " + " ".join(words[gap + 1 :])


def apply_mutations(view: View, kinds: list[str], partner: Partner, seed: int) -> None:
    """Edit `view` in place, in a fixed order so that stacked mutations compose."""
    product = view.product
    for kind in sorted(kinds, key=APPLY_ORDER.index):
        rng = Random(f"{seed}:{partner.name}:{product.index}:{kind}")
        view.kinds.append(kind)
        if kind == "price-changed":
            view.price = _changed_price(rng, view.price)
        elif kind == "price-reformatted":
            view.price_style = "reformatted"
        elif kind == "spec-changed":
            i = rng.randrange(len(view.specs))
            view.changed_spec = i
            view.specs[i] = _changed_spec(rng, view.specs[i], _specdef(product, view.specs[i]))
        elif kind == "unit-converted":
            _convert_one(rng, view)
        elif kind == "warranty-changed":
            view.warranty_years = view.warranty_years - 1 if view.warranty_years > 1 else 2
        elif kind == "retired-name":
            _rename(view, product.retired_name or view.name)
        elif kind == "renamed-product":
            _rename(view, product.renamed_name or view.name)
        elif kind == "words-reordered":
            _rename(view, _reordered(product))
        elif kind == "case-and-whitespace":
            view.name = _cased(rng, view.name)
            view.upper_labels = True
        elif kind == "marketing-sentence":
            view.description.insert(rng.randint(1, len(view.description)), rng.choice(MARKETING))


def _rename(view: View, name: str) -> None:
    """A partner that uses another name uses it in its prose too (the title-only case
    change of case-and-whitespace does not)."""
    view.description = [s.replace(view.name, name) for s in view.description]
    view.name = name


def _specdef(product: Product, spec: SpecValue) -> SpecDef | None:
    return next((d for d in product.category.specs if d.label == spec.label), None)


def _convert_one(rng: Random, view: View) -> None:
    candidates = [
        i
        for i, spec in enumerate(view.specs)
        if i != view.changed_spec and _converted(spec) is not None
    ]
    if not candidates:
        return
    i = rng.choice(candidates)
    view.converted_spec = i
    view.specs[i] = _converted(view.specs[i]) or view.specs[i]


def _spec_sure(product: Product) -> bool:
    """Whether unit-converted can be planted on this product (one spec converts cleanly)."""
    return any(_converted(spec) is not None for spec in product.specs)


# ------------------------------------------------------------------------------------------
# Rendering.
# ------------------------------------------------------------------------------------------

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def money(amount: Decimal, currency: str, locale: str, style: str = "plain") -> str:
    """A price as the layout writes it.

    plain: "$1,299.00" (us) or "1.299,00 USD" / "1.299,00 €" (eu, the symbol only for the euro,
    as the shipped example's Berlin store does); reformatted: "USD 1,299" (us, whole amounts
    lose their cents) or "$ 1.299,00" (eu, the symbol first).
    """
    us = f"{amount:,.2f}"
    if locale == "eu":
        number = us.replace(",", " ").replace(".", ",").replace(" ", ".")
        if style == "plain":
            return f"{number} {'€' if currency == 'EUR' else currency}"
        return f"{SYMBOLS.get(currency, currency)} {number}"
    if style == "plain":
        return f"{SYMBOLS.get(currency, currency + ' ')}{us}"
    return f"{currency} {us[:-3] if us.endswith('.00') else us}"


@dataclass(frozen=True, slots=True)
class Chrome:
    """What every page of one site shares: head styles and scripts, navigation, footer,
    and a long script of ASCII lines from which each page takes what fills it to size."""

    site: str
    lang: str
    head: str
    nav: str
    footer: str
    filler: bytes


def build_chrome(site: str, lang: str, seed: int, page_bytes: int) -> Chrome:
    rng = Random(f"{seed}:chrome:{site}")
    prefix = _slug(site)[:6]
    words = ("header", "menu", "card", "grid", "promo", "badge", "tile", "hero", "list", "pane")
    css = []
    for k in range(170):
        w = words[k % len(words)]
        css.append(
            f".{prefix}-{w}-{k}{{display:{'flex' if k % 3 else 'block'};margin:0 {k % 16}px;"
            f"padding:{k % 8}px {k % 12}px;color:#{rng.randrange(0x1000000):06x};"
            f"border-radius:{k % 5}px}}"
        )
    js = []
    for k in range(60):
        js.append(f"  w.{prefix}Q.push(['set','dim{k}','{rng.randrange(16**8):08x}']);")
    head = (
        "<style>\n"
        + "\n".join(css)
        + "\n</style>\n<script>\n(function(w){\n  w.{p}Q=w.{p}Q||[];\n".replace("{p}", prefix)
        + "\n".join(js)
        + "\n})(window);\n</script>"
    )
    nav_items = []
    for category in CATEGORIES:
        subs = [
            *category.descriptors,
            *(b for b, _s, _c in BRANDS),
            "Accessories",
            "Deals",
            "Refurbished",
        ]
        links = "".join(
            f'<li><a href="/c/{_slug(category.title)}/{_slug(sub)}">{sub}</a></li>' for sub in subs
        )
        nav_items.append(
            f'<li class="menu-item"><a href="/c/{_slug(category.title)}">{category.title}</a>'
            f'<ul class="submenu">{links}</ul></li>'
        )
    nav = (
        f'<header class="site-header">\n<a class="logo" href="/">{site}</a>\n'
        '<form class="search" action="/search" role="search"><input type="search" name="q" '
        f'aria-label="Search {site}"></form>\n'
        '<a href="/account">Sign in</a> <a href="/cart">Cart</a>\n'
        f'<nav class="mega-menu" aria-label="Main"><ul>{"".join(nav_items)}</ul></nav>\n</header>'
    )
    columns = {
        "Customer service": (
            "Help center",
            "Track your order",
            "Delivery options",
            "Returns and refunds",
            "Contact us",
            "Product recalls",
        ),
        "About us": (
            "Our story",
            "Careers",
            "Press",
            "Sustainability",
            "Store locator",
            "Affiliates",
        ),
        "Shopping": (
            "Gift cards",
            "Student offers",
            "Business accounts",
            "Trade-in",
            "Financing",
            "Newsletter",
        ),
        "Legal": (
            "Terms of use",
            "Privacy notice",
            "Cookie settings",
            "Accessibility",
            "Imprint",
            "Sitemap",
        ),
    }
    cols = "".join(
        f'<div class="col"><h3>{title}</h3><ul>'
        + "".join(f'<li><a href="/{_slug(x)}">{x}</a></li>' for x in links)
        + "</ul></div>"
        for title, links in columns.items()
    )
    footer = (
        f'<footer class="site-footer">\n<div class="columns">{cols}</div>\n'
        "<p>Sign up for our newsletter and hear about new products first.</p>\n"
        f"<p>© 2025 {site}. All rights reserved.</p>\n</footer>"
    )
    lines = []
    size = 0
    while size < page_bytes + 4096:
        line = (
            f'w.__state.push({{"k":"rec-{rng.randrange(10**6):06d}","slot":{rng.randrange(12)},'
            f'"w":{rng.random():.4f},"exp":"{rng.randrange(16**6):06x}"}});\n'
        )
        lines.append(line)
        size += len(line)
    return Chrome(site, lang, head, nav, footer, "".join(lines).encode("ascii"))


def _label(view: View, spec: SpecValue, aliases: dict[str, str] | None = None) -> str:
    label = aliases.get(spec.label, spec.label) if aliases else spec.label
    return label.upper() if view.upper_labels else label


def _h1(view: View) -> str:
    # case-and-whitespace also wraps the heading's text in newlines and indentation
    return f"\n      {view.name}\n    " if view.upper_labels else view.name


GRID_ALIASES = {"Weight": "Item weight", "Battery capacity": "Battery", "Wireless range": "Range"}


def main_reference(view: View, currency: str) -> str:
    p = view.product
    cat = p.category.title
    rows = "\n".join(
        f'<tr><th scope="row">{_label(view, s)}</th><td>{s.text()}</td></tr>' for s in view.specs
    )
    price = money(view.price, currency, "us", view.price_style)
    policy = (
        f"Every {view.name} comes with a {view.warranty_years}-year warranty "
        f"and {p.returns_days}-day returns."
    )
    return f"""<nav class="breadcrumb" aria-label="Breadcrumb"><a href="/">Home</a> ›
  <a href="/c/{_slug(cat)}">{cat}</a> › {view.name}</nav>
<article class="product">
  <div class="media">
    <img src="/img/{p.slug}.jpg" alt="{view.name}, front view" width="640" height="480">
  </div>
  <div class="summary">
    <h1>{_h1(view)}</h1>
    <p class="price">{price}</p>
    <p class="ids">SKU {p.sku} · GTIN {p.gtin} · MPN {p.mpn}</p>
    <p class="availability">In stock</p>
    <button type="button" class="add-to-cart">Add to cart</button>
  </div>
  <section class="description">
    <h2>Overview</h2>
    <p>{" ".join(view.description)}</p>
  </section>
  <section class="specifications">
    <h2>Specifications</h2>
    <table class="specs"><tbody>
{rows}
    </tbody></table>
  </section>
  <section class="policy">
    <h2>Warranty and returns</h2>
    <p>{policy}</p>
  </section>
{_reviews(p)}
</article>"""


def main_classic(view: View, currency: str, partner: Partner) -> str:
    p = view.product
    brand = f'<a href="/brands/{_slug(p.brand)}">{p.brand}</a>'
    rows = "\n".join(
        f"<tr><th>{_label(view, s)}</th><td>{s.text(partner.locale)}</td></tr>" for s in view.specs
    )
    price = money(view.price, currency, partner.locale, view.price_style)
    policy = (
        f"{view.warranty_years}-year manufacturer warranty. "
        f"{p.returns_days}-day returns on all orders."
    )
    return f"""<div class="pdp">
  <p class="crumbs"><a href="/">Home</a> &gt; {brand} &gt; {view.name}</p>
  <h1 class="product-title">{_h1(view)}</h1>
  <p class="brand">by {brand}</p>
  <p class="ids">SKU: {p.sku} · EAN: {p.gtin}</p>
  <div class="price-box">
    <span class="price">{price}</span> <span class="tax">Tax included.</span>
  </div>
  <button type="button">Add to cart</button>
  <h2>Product details</h2>
  <div class="product-description"><p>{" ".join(view.description)}</p></div>
  <h2>Specifications</h2>
  <table class="specs">
{rows}
  </table>
  <h2>Warranty &amp; returns</h2>
  <p class="policy">{policy}</p>
{_reviews(p)}
</div>"""


def main_grid(view: View, currency: str, partner: Partner) -> str:
    p = view.product
    items = "\n".join(
        f"<dt>{_label(view, s, GRID_ALIASES)}</dt><dd>{s.text(partner.locale)}</dd>"
        for s in view.specs
    )
    item = 100000 + p.index * 7 + len(partner.name)
    price = money(view.price, currency, partner.locale, view.price_style)
    policy = (
        f"{view.warranty_years}-year limited warranty from {p.brand}. "
        f"{p.returns_days}-day returns through {partner.site}."
    )
    return f"""<section class="product-hero">
  <h1>{_h1(view)}</h1>
  <div class="buybox">
    <span class="amount">{price}</span><button type="button">Add to basket</button>
  </div>
  <p class="meta">Item #{item} · Mfr. part no. {p.mpn} · GTIN {p.gtin}</p>
</section>
<section class="about">
  <h2>About this item</h2>
  <p>{" ".join(view.description)}</p>
</section>
<section class="tech">
  <h2>Technical details</h2>
  <dl class="spec-list">
{items}
  </dl>
</section>
<p class="policy">{policy}</p>
{_reviews(p)}"""


#: The EU partners write their product facts in German, one of them in French: spec labels,
#: headings and the warranty and returns line, as shops in those languages write them.
EU_LANGUAGE = {"maison-tech": "fr"}
EU_LABELS = {
    "de": {
        "Weight": "Gewicht", "Battery capacity": "Akkukapazität", "Wireless range": "Reichweite",
        "Charging power": "Ladeleistung", "Width": "Breite", "Height": "Höhe", "Depth": "Tiefe",
        "Field of view": "Sichtfeld", "Power": "Leistung", "Screen size": "Bildschirmdiagonale",
        "Storage": "Speicherkapazität", "Transmission range": "Reichweite",
        "Max flow rate": "Max. Fördermenge", "Max pressure": "Max. Druck",
        "Motor power": "Motorleistung", "Max torque": "Max. Drehmoment", "Voltage": "Spannung",
    },
    "fr": {
        "Weight": "Poids", "Battery capacity": "Capacité de la batterie",
        "Wireless range": "Portée",
        "Charging power": "Puissance de charge", "Width": "Largeur", "Height": "Hauteur",
        "Depth": "Profondeur", "Field of view": "Champ de vision", "Power": "Puissance",
        "Screen size": "Taille de l'écran", "Storage": "Capacité de stockage",
        "Transmission range": "Portée", "Max flow rate": "Débit max.",
        "Max pressure": "Pression max.", "Motor power": "Puissance moteur",
        "Max torque": "Couple max.", "Voltage": "Tension",
    },
}  # fmt: skip
EU_WORDS = {
    "de": ("incl. MwSt., zzgl. Versand", "Technische Daten",
           "{years} {jahre} Garantie · Rückgabe innerhalb von {days} Tagen"),
    "fr": ("TVA incluse, hors frais de port", "Caractéristiques techniques",
           "Garantie {years} {ans} · Retour sous {days} jours"),
}  # fmt: skip


def eu_language(partner: Partner) -> str:
    """The language a partner's pages are in: "en", or for the EU layout "de" or "fr"."""
    if partner.layout != "eu":
        return "en"
    return next((v for k, v in EU_LANGUAGE.items() if partner.name.startswith(k)), "de")


def _years_text(years: int, partner: Partner) -> str:
    """A warranty's length as the partner's pages write it: "2-year", "2 Jahre", "2 ans"."""
    lang = eu_language(partner)
    if lang == "de":
        return f"{years} {'Jahr' if years == 1 else 'Jahre'}"
    if lang == "fr":
        return f"{years} {'an' if years == 1 else 'ans'}"
    return f"{years}-year"


def main_eu(view: View, currency: str, partner: Partner) -> str:
    p = view.product
    lang = eu_language(partner)
    labels = EU_LABELS[lang]
    rows = "\n".join(
        f'<tr><td class="k">{_label(view, replace(s, label=labels.get(s.label, s.label)))}</td>'
        f'<td class="v">{s.text(partner.locale)}</td></tr>'
        for s in view.specs
    )
    price = money(view.price, currency, partner.locale, view.price_style)
    vat, heading, policy = EU_WORDS[lang]
    years = view.warranty_years
    policy = policy.format(
        years=years,
        jahre="Jahr" if years == 1 else "Jahre",
        ans="an" if years == 1 else "ans",
        days=p.returns_days,
    )
    return f"""<div class="produkt">
  <h1>{_h1(view)}</h1>
  <p class="artnr">Art.-Nr. {p.sku} · EAN {p.gtin}</p>
  <p class="preis">{price}</p>
  <p class="mwst">{vat}</p>
  <div class="text"><p>{" ".join(view.description)}</p></div>
  <h2>{heading}</h2>
  <table class="datasheet">
{rows}
  </table>
  <p class="garantie">{policy}</p>
{_reviews(p)}
</div>"""


def _reviews(p: Product) -> str:
    rng = Random(p.index)
    quotes = "".join(f"<blockquote><p>{q}</p></blockquote>" for q in rng.sample(REVIEWS, 2))
    return (
        f'<section class="reviews"><h2>Reviews</h2><p class="rating">{rng.randint(36, 49) / 10} '
        f"out of 5 stars from {rng.randint(3, 900)} reviews</p>{quotes}</section>"
    )


def jsonld(view: View, currency: str, full: bool, seller: str | None = None) -> str:
    """schema.org Product; `full` adds the description and specs (partial copies omit them)."""
    p = view.product
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": view.name,
        "sku": p.sku,
        "gtin13": p.gtin,
        "mpn": p.mpn,
        "brand": {"@type": "Brand", "name": p.brand},
    }
    if full:
        data["description"] = " ".join(view.description)
    offer: dict[str, Any] = {
        "@type": "Offer",
        "price": f"{view.price:.2f}",
        "priceCurrency": currency,
        "availability": "https://schema.org/InStock",
    }
    if seller:
        offer["seller"] = {"@type": "Organization", "name": seller}
    data["offers"] = offer
    if full:
        data["additionalProperty"] = [
            {"@type": "PropertyValue", "name": s.label, "value": s.text()} for s in view.specs
        ]
    body = json.dumps(data, ensure_ascii=False, indent=1)
    return f'<script type="application/ld+json">\n{body}\n</script>\n'


def related(cards: list[tuple[str, str, str]]) -> str:
    items = "".join(
        f'<li class="card"><a href="{href}">{name}</a><span class="card-price">{price}</span>'
        '<span class="stock">In stock</span></li>'
        for name, price, href in cards
    )
    return (
        '<aside class="related"><h2>Customers also viewed</h2>'
        f'<ul class="cards">{items}</ul></aside>'
    )


_TAIL = b"</script>\n</body>\n</html>\n"


def page_bytes(
    chrome: Chrome, title: str, url: str, jsonld_block: str, main: str, aside: str, size: int
) -> bytes:
    """The whole page, filled up to `size` bytes with whole lines of the site's script."""
    head = (
        f'<!DOCTYPE html>\n<html lang="{chrome.lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title} | {chrome.site}</title>\n"
        f'<meta name="description" content="Buy the {title} at {chrome.site}.">\n'
        f'<link rel="canonical" href="{url}">\n{jsonld_block}{chrome.head}\n</head>\n<body>\n'
        f'{chrome.nav}\n<main id="content">\n{main}\n{aside}\n</main>\n{chrome.footer}\n'
        "<script>\nvar w=window;w.__state=w.__state||[];\n"
    ).encode()
    need = size - len(head) - len(_TAIL)
    if need > 0:
        cut = chrome.filler.rfind(b"\n", 0, need) + 1
        return head + chrome.filler[:cut] + _TAIL
    return head + _TAIL


# ------------------------------------------------------------------------------------------
# Generation.
# ------------------------------------------------------------------------------------------


@dataclass
class Options:
    """What to generate; every field is a command-line option."""

    products: int = 2000
    partners: int = 10
    seed: int = 20250601
    page_kb: int = 60
    rate: float = 0.02
    stack_rate: float = 0.25
    currency: str = "USD"
    selectors: bool = False


_OPTION_KEYS = frozenset(Options.__dataclass_fields__)


@dataclass
class Generated:
    pages: int
    bytes: int
    seconds: float
    mutations: int


def _related_of(products: list[Product], index: int, seed: int) -> list[int]:
    rng = Random(f"{seed}:related:{index}")
    n = len(products)
    picks: list[int] = []
    for _ in range(12):
        j = (index + len(CATEGORIES) * rng.randint(1, 40)) % n
        if j != index and j not in picks:
            picks.append(j)
        if len(picks) == 4:
            break
    return picks


def _describe(
    kind: str, view: View, partner: Partner, currency: str
) -> tuple[str | None, str | None]:
    """(reference text, planted text) of one mutation, in the partner's own formats."""
    p = view.product
    if kind in ("price-changed", "duplicate-listing"):
        return (
            money(p.price, currency, partner.locale, view.price_style),
            money(view.price, currency, partner.locale, view.price_style),
        )
    if kind == "price-reformatted":
        return money(view.price, currency, partner.locale), money(
            view.price, currency, partner.locale, "reformatted"
        )
    if kind in ("spec-changed", "unit-converted"):
        i = view.changed_spec if kind == "spec-changed" else view.converted_spec
        if i is None:
            return None, None
        return p.specs[i].text(partner.locale), view.specs[i].text(partner.locale)
    if kind == "warranty-changed":
        return _years_text(p.warranty_years, partner), _years_text(view.warranty_years, partner)
    if kind == "marketing-sentence":
        added = [s for s in view.description if s not in p.description]
        return None, added[0] if added else None
    if kind == "product-missing":
        return p.name, None
    return p.name, view.name


def generate(workdir: Path, opts: Options, progress: bool = False) -> Generated:
    """Write the reference pages, the partner pages, the config, the rules and the manifest."""
    started = time.perf_counter()
    _MADE_DIRS.clear()
    products = build_catalog(opts.products, opts.seed)
    partners = build_partners(opts.partners)
    size = opts.page_kb * 1024
    for sub in ("site", "partners", "rules"):
        if (workdir / sub).exists():
            shutil.rmtree(workdir / sub)
    workdir.mkdir(parents=True, exist_ok=True)
    total_bytes = pages = 0
    mutations: list[dict[str, Any]] = []

    ref_views = [reference_view(p) for p in products]
    chrome = build_chrome(REFERENCE_SITE, "en-US", opts.seed, size)
    for p in products:
        cards = [
            (q.name, money(q.price, opts.currency, "us"), "/" + q.reference_path.split("/", 1)[1])
            for q in (products[j] for j in _related_of(products, p.index, opts.seed))
        ]
        data = page_bytes(
            chrome,
            p.name,
            f"https://www.arcadia.example/products/{p.slug}.html",
            jsonld(ref_views[p.index], opts.currency, full=True),
            main_reference(ref_views[p.index], opts.currency),
            related(cards),
            size,
        )
        total_bytes += _write(workdir / p.reference_path, data)
        pages += 1
    if progress:
        print(f"  reference: {len(products)} pages", file=sys.stderr)

    for partner in partners:
        n_pages, n_bytes = _generate_partner(workdir, partner, products, opts, size, mutations)
        pages += n_pages
        total_bytes += n_bytes
        if progress:
            print(f"  {partner.name}: {n_pages} pages", file=sys.stderr)

    _write_config(workdir, partners, opts.currency, opts.selectors)
    _write_rules(workdir, products)
    manifest = {
        "version": 1,
        "options": asdict(opts),
        "reference": {"name": REFERENCE, "site": REFERENCE_SITE, "pages": len(products)},
        "partners": [
            {
                **asdict(partner),
                "pages": sum(1 for _ in (workdir / "partners" / partner.name).rglob("*.html")),
            }
            for partner in partners
        ],
        "pages": pages,
        "bytes": total_bytes,
        "catalog": [
            {
                "sku": p.sku,
                "gtin": p.gtin,
                "name": p.name,
                "retired_name": p.retired_name,
                "path": p.reference_path,
            }
            for p in products
        ],
        "mutations": mutations,
    }
    (workdir / MANIFEST).write_text(
        json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    return Generated(pages, total_bytes, time.perf_counter() - started, len(mutations))


def _generate_partner(
    workdir: Path,
    partner: Partner,
    products: list[Product],
    opts: Options,
    size: int,
    mutations: list[dict[str, Any]],
) -> tuple[int, int]:
    plan = plan_mutations(products, partner, opts.rate, opts.stack_rate, opts.seed)
    views: dict[int, View] = {}
    duplicates: dict[int, View] = {}
    for p in products:
        kinds = plan.get(p.index, [])
        if "product-missing" in kinds:
            view = reference_view(p)
            view.kinds.append("product-missing")
        elif "duplicate-listing" in kinds:  # the first listing is as the reference says
            view = reference_view(p)
            second = reference_view(p)
            rng = Random(f"{opts.seed}:{partner.name}:{p.index}:duplicate-listing")
            second.price = _changed_price(rng, p.price)
            second.kinds.append("duplicate-listing")
            duplicates[p.index] = second
            expected, actual = _describe("duplicate-listing", second, partner, opts.currency)
            mutations.append(
                {
                    "partner": partner.name,
                    "sku": p.sku,
                    "kind": "duplicate-listing",
                    "harmful": True,
                    "path": partner.duplicate_path(p),
                    "reference_path": p.reference_path,
                    "expected": expected,
                    "actual": actual,
                    "stacked": False,
                }
            )
        else:
            view = reference_view(p)
            if "unit-converted" in kinds and not _spec_sure(p):
                kinds = [k for k in kinds if k != "unit-converted"]
            apply_mutations(view, kinds, partner, opts.seed)
        views[p.index] = view
        for kind in view.kinds:
            expected, actual = _describe(kind, view, partner, opts.currency)
            missing = kind == "product-missing"
            mutations.append(
                {
                    "partner": partner.name,
                    "sku": p.sku,
                    "kind": kind,
                    "harmful": kind in HARMFUL,
                    "path": None if missing else partner.page_path(p),
                    "reference_path": p.reference_path,
                    "expected": expected,
                    "actual": actual,
                    "stacked": len(view.kinds) > 1,
                }
            )
    chrome = build_chrome(partner.site, eu_language(partner), opts.seed, size)
    render = {"classic": main_classic, "grid": main_grid, "eu": main_eu}[partner.layout]
    host = f"https://www.{partner.name}.example"
    count = written = 0
    pages = [(p, views[p.index], partner.page_path(p)) for p in products]
    pages += [(products[i], v, partner.duplicate_path(products[i])) for i, v in duplicates.items()]
    for p, view, path in pages:
        if "product-missing" in view.kinds:
            continue
        cards = [
            (
                q.name,
                money(q.price, opts.currency, partner.locale, q.price_style),
                "/" + partner.page_path(q.product).split("/", 2)[2],
            )
            for q in (views[j] for j in _related_of(products, p.index, opts.seed))
            if "product-missing" not in q.kinds
        ]
        block = (
            jsonld(view, opts.currency, full=partner.layout == "classic", seller=partner.site)
            if partner.jsonld
            else ""
        )
        data = page_bytes(
            chrome,
            view.name,
            f"{host}/{path.split('/', 2)[2]}",
            block,
            render(view, opts.currency, partner),
            related(cards),
            size,
        )
        written += _write(workdir / path, data)
        count += 1
    return count, written


_MADE_DIRS: set[Path] = set()


def _write(path: Path, data: bytes) -> int:
    parent = path.parent
    if parent not in _MADE_DIRS:
        parent.mkdir(parents=True, exist_ok=True)
        _MADE_DIRS.add(parent)
    with open(path, "wb") as handle:
        handle.write(data)
    return len(data)


#: Per-layout CSS selectors, written into the config with `--selectors` for the partners
#: without JSON-LD: the set-up a user would give msglint instead of relying on heuristics.
SELECTORS: dict[str, dict[str, str]] = {
    "classic": {"name": "h1.product-title", "price": ".price-box .price", "specs": "table.specs"},
    "grid": {"name": ".product-hero h1", "price": ".buybox .amount", "specs": "dl.spec-list"},
    "eu": {"name": ".produkt h1", "price": ".produkt .preis", "specs": "table.datasheet"},
}


def _write_config(
    workdir: Path, partners: list[Partner], currency: str, selectors: bool = False
) -> None:
    lines = [
        "# Generated by benchmarks/planted.py: the brand's catalog and its partners' copies.",
        "sources:",
        f"  - name: {REFERENCE}",
        "    role: reference",
        '    paths: ["site/products/"]',
        f"    currency: {currency}",
    ]
    for partner in partners:
        lines += [
            f"  - name: {partner.name}",
            "    role: partner",
            f'    paths: ["partners/{partner.name}/"]',
            f"    currency: {currency}",
        ]
        if selectors and not partner.jsonld:
            lines.append("    selectors:")
            lines += [f"      {k}: {_yaml_str(v)}" for k, v in SELECTORS[partner.layout].items()]
    lines += ["packs:", "  - rules/planted.yaml", "fail_on: never", ""]
    (workdir / "msglint.yaml").write_text("\n".join(lines), encoding="utf-8")


def _yaml_str(text: str | None) -> str:
    """A double-quoted YAML scalar: JSON's string syntax is a subset of YAML's."""
    return json.dumps(text, ensure_ascii=False)


def _write_rules(workdir: Path, products: list[Product]) -> None:
    """The `planted` pack; `retired:` lists every product's former name, planted or not,
    and without its model code where only that product had it."""
    unique = unique_renamed(products)
    retired = "\n".join(
        f"      {_yaml_str(old)}: {_yaml_str(p.name)}"
        for p in products
        if p.retired_name
        for old in (p.retired_name, p.renamed_name)
        if old and (old == p.retired_name or old in unique)
    )
    text = f"""# Generated by benchmarks/planted.py: one rule per consistency kind.
pack: planted
description: Consistency rules for the planted-mutation benchmark.
rules:
  - {{id: price, kind: price, level: error}}
  - {{id: spec, kind: spec, level: error}}
  - id: name
    kind: name
    level: warning
    retired:{"" if retired else " {}"}
{retired}
  - {{id: claim, kind: claim, level: error}}
  - {{id: coverage, kind: coverage, missing: info, unknown: warning}}
"""
    (workdir / "rules").mkdir(parents=True, exist_ok=True)
    (workdir / "rules" / "planted.yaml").write_text(text, encoding="utf-8")


# ------------------------------------------------------------------------------------------
# Scoring.
# ------------------------------------------------------------------------------------------


def rule_kind(rule: str) -> str | None:
    """The consistency kind of a rule id: the part after the last dot when it names one
    ("planted.price", "consistency.price-mismatch" -> "price"), else None."""
    tail = rule.rsplit(".", 1)[-1]
    for kind in RULE_KINDS:
        if tail == kind or tail.startswith(kind + "-") or tail.startswith(kind + "s"):
            return kind
    return None


def _norm(path: str | None) -> str:
    text = (path or "").replace("\\", "/")
    return text[2:] if text.startswith("./") else text


@dataclass
class KindScore:
    """Precision over the findings of the kind's rule, recall over the planted mutations."""

    planted: int = 0
    found: int = 0
    findings: int = 0
    attributed: int = 0
    unread: int = 0  # findings with no `actual`: the partner's value was not read at all

    @property
    def precision(self) -> float | None:
        return self.attributed / self.findings if self.findings else None

    @property
    def recall(self) -> float | None:
        return self.found / self.planted if self.planted else None


@dataclass
class Score:
    """Every figure the scorer derives from a manifest and a JSON report."""

    findings: int = 0
    by_rule: dict[str, int] = field(default_factory=dict)
    harmful: dict[str, KindScore] = field(default_factory=dict)
    benign_pages: dict[str, int] = field(default_factory=dict)
    benign_findings: dict[str, int] = field(default_factory=dict)
    unmutated_findings: int = 0
    unmutated_by_kind: dict[str, int] = field(default_factory=dict)
    cross_findings: int = 0  # on a mutated page, of a kind no mutation on that page explains
    other_rules: dict[str, int] = field(default_factory=dict)
    by_severity: dict[str, int] = field(default_factory=dict)
    below_threshold: int = 0  # consistency findings under --min-severity, not scored
    unattributed_by_source: dict[str, dict[str, int]] = field(default_factory=dict)
    missed: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "findings": self.findings,
            "by_rule": self.by_rule,
            "harmful": {
                kind: {**asdict(s), "precision": _round(s.precision), "recall": _round(s.recall)}
                for kind, s in self.harmful.items()
            },
            "benign": {
                kind: {"pages": self.benign_pages[kind], "findings": self.benign_findings[kind]}
                for kind in BENIGN
            },
            "unmutated": {"findings": self.unmutated_findings, "by_kind": self.unmutated_by_kind},
            "cross_findings": self.cross_findings,
            "other_rules": self.other_rules,
            "by_severity": self.by_severity,
            "below_threshold": self.below_threshold,
            "unattributed_by_source": self.unattributed_by_source,
            "examples": {"missed": self.missed, "false_positives": self.false_positives},
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


EXAMPLES = 8


SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


def score(manifest: dict[str, Any], report: dict[str, Any], min_severity: str = "info") -> Score:
    """Attribute each finding to a planted mutation by (source, page path, rule kind).

    A product-missing mutation is found by a coverage finding of the partner located at the
    reference page of the product the partner lacks. A finding nothing explains is counted
    by what its page carries: nothing (a false positive on an unmutated page), exactly one
    benign mutation (counted against that kind), or other mutations (a cross-kind finding).
    Price, spec, name and claim findings below `min_severity` are counted apart and not
    scored, so the "could not compare" notes a check may give at info level can be told
    from its verdicts; coverage findings always count (the rules file itself puts "missing
    at partner" at info).
    """
    result = Score()
    planted: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    page_kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in manifest["mutations"]:
        path = m["reference_path"] if m["kind"] == "product-missing" else m["path"]
        page_kinds[(m["partner"], path)].add(m["kind"])
        if m["harmful"]:
            planted[(m["partner"], path, RULE_KIND[m["kind"]])].append(m)
    result.harmful = {kind: KindScore() for kind in HARMFUL}
    for (_s, _p, _r), ms in planted.items():
        for m in ms:
            result.harmful[m["kind"]].planted += 1
    result.benign_pages = {kind: 0 for kind in BENIGN}
    result.benign_findings = {kind: 0 for kind in BENIGN}
    for kinds in page_kinds.values():
        if len(kinds) == 1 and (only := next(iter(kinds))) in BENIGN:
            result.benign_pages[only] += 1

    harmful_of: dict[str, str] = {}  # rule kind -> the first harmful kind it reports
    for harmful_kind, rule_kind_of in RULE_KIND.items():
        harmful_of.setdefault(rule_kind_of, harmful_kind)
    by_rule: Counter[str] = Counter()
    other: Counter[str] = Counter()
    unmutated: Counter[str] = Counter()
    found_keys: set[tuple[str, str, str]] = set()
    severities: Counter[str] = Counter()
    unattributed: dict[str, Counter[str]] = defaultdict(Counter)
    floor = SEVERITY_RANK.get(min_severity, 1)
    for finding in report.get("findings", []):
        rule = str(finding.get("rule", ""))
        by_rule[rule] += 1
        severity = str(finding.get("severity", ""))
        severities[severity] += 1
        kind = rule_kind(rule)
        if kind is None:
            other[rule] += 1
            continue
        if kind != "coverage" and SEVERITY_RANK.get(severity, 3) < floor:
            result.below_threshold += 1
            continue
        location = finding.get("location") or {}
        page = (str(finding.get("source", "")), _norm(location.get("path")))
        key = (*page, kind)
        owner = planted[key][0]["kind"] if key in planted else harmful_of[kind]
        harmful = result.harmful[owner]
        harmful.findings += 1
        if kind != "coverage" and not finding.get("actual"):
            harmful.unread += 1
        if key in planted:
            harmful.attributed += 1
            found_keys.add(key)
            continue
        unattributed[page[0]][kind] += 1
        kinds = page_kinds.get(page, set())
        if not kinds:
            result.unmutated_findings += 1
            unmutated[kind] += 1
        elif len(kinds) == 1 and next(iter(kinds)) in BENIGN:
            result.benign_findings[next(iter(kinds))] += 1
        else:
            result.cross_findings += 1
        if len(result.false_positives) < EXAMPLES:
            result.false_positives.append({**_brief(finding), "page_carries": sorted(kinds)})
    for key, ms in sorted(planted.items()):
        for m in ms:
            if key in found_keys:
                result.harmful[m["kind"]].found += 1
            elif len(result.missed) < EXAMPLES:
                result.missed.append(m)
    result.findings = sum(by_rule.values())
    result.by_rule = dict(sorted(by_rule.items()))
    result.other_rules = dict(sorted(other.items()))
    result.unmutated_by_kind = dict(sorted(unmutated.items()))
    result.by_severity = dict(sorted(severities.items()))
    result.unattributed_by_source = {
        s: dict(sorted(c.items())) for s, c in sorted(unattributed.items())
    }
    return result


def _brief(finding: dict[str, Any]) -> dict[str, Any]:
    location = finding.get("location") or {}
    return {
        "rule": finding.get("rule"),
        "source": finding.get("source"),
        "path": location.get("path"),
        "message": finding.get("message"),
        "expected": _shown(finding.get("expected")),
        "actual": _shown(finding.get("actual")),
    }


def _shown(value: Any) -> Any:
    """A value as the JSON report shows it: schema 2 writes `{"text": ..., "type": ...}`."""
    return value.get("text") if isinstance(value, dict) else value


# ------------------------------------------------------------------------------------------
# Running msglint.
# ------------------------------------------------------------------------------------------


@dataclass
class RunFigures:
    """One `msglint check` child: wall and CPU time, peak memory two ways, exit code."""

    seconds: float
    cpu_seconds: float
    maxrss_mib: float
    tree_peak_mib: float | None
    returncode: int


def _tree_rss(pid: int, page: int) -> int | None:
    """Resident bytes of `pid` and every process below it, from /proc (Linux only).

    `ru_maxrss` is one process's peak; if msglint ever runs worker processes, their sum is
    what the memory target means, so the runner samples it as well.
    """
    total = 0
    todo = [pid]
    seen = 0
    while todo and seen < 4096:
        current = todo.pop()
        seen += 1
        try:
            with open(f"/proc/{current}/statm") as handle:
                total += int(handle.read().split()[1]) * page
            with open(f"/proc/{current}/task/{current}/children") as handle:
                todo.extend(int(c) for c in handle.read().split())
        except (OSError, ValueError, IndexError):
            if current == pid:
                return None
    return total


def run_check(workdir: Path, report: Path, jobs: str | None = None) -> tuple[RunFigures, str]:
    """Run `msglint check -f json -o report --fail-on never` in `workdir`; time it and
    sample its memory. `os.wait4` gives the child's own rusage, its worker processes
    included (RUSAGE_CHILDREN keeps only the largest child so far, so it cannot tell one
    run from the next)."""
    cmd = [
        sys.executable,
        "-m",
        "msglint",
        "check",
        "-f",
        "json",
        "-o",
        str(report),
        "--fail-on",
        "never",
        *(["--jobs", jobs] if jobs else []),
    ]
    page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
    peak = [0]
    done = threading.Event()

    def sample(pid: int) -> None:
        while not done.is_set():
            rss = _tree_rss(pid, page)
            if rss is not None:
                peak[0] = max(peak[0], rss)
            done.wait(0.05)

    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=workdir, stdout=subprocess.DEVNULL, stderr=err)
        sampler = threading.Thread(target=sample, args=(proc.pid,), daemon=True)
        sampler.start()
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    figures = RunFigures(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        maxrss_mib=usage.ru_maxrss / 1024,
        tree_peak_mib=peak[0] / 2**20 if peak[0] else None,
        returncode=proc.returncode,
    )
    return figures, stderr


# ------------------------------------------------------------------------------------------
# Figures and targets.
# ------------------------------------------------------------------------------------------


def targets(result: Score, run: dict[str, Any] | None) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met) rows; met is None when there is nothing to measure."""
    rows: list[tuple[str, str, bool | None]] = []
    for kind, s in result.harmful.items():
        p, r = s.precision, s.recall
        rows.append(
            (
                f"{kind} precision >= {TARGET_PRECISION}",
                _fmt(p),
                None if p is None else p >= TARGET_PRECISION,
            )
        )
        rows.append(
            (
                f"{kind} recall >= {TARGET_RECALL}",
                _fmt(r),
                None if r is None else r >= TARGET_RECALL,
            )
        )
    benign = sum(result.benign_findings.values())
    rows.append(("findings on benign-only pages = 0", str(benign), benign == 0))
    rows.append(
        (
            "findings on unmutated pages = 0",
            str(result.unmutated_findings),
            result.unmutated_findings == 0,
        )
    )
    if run:
        peak = max(run["maxrss_mib"], run.get("tree_peak_mib") or 0)
        rows.append((f"peak RSS < {TARGET_RSS_MIB:.0f} MiB", f"{peak:.0f}", peak < TARGET_RSS_MIB))
        rate = run["pages_per_core_s"]
        rows.append(
            (
                f"pages/s per core >= {TARGET_PAGES_PER_CORE_S:.0f}",
                f"{rate:.0f}",
                rate >= TARGET_PAGES_PER_CORE_S,
            )
        )
        if run.get("floor"):
            share = run["share_of_floor"]
            rows.append(
                (
                    f"per core / parse floor >= {TARGET_SHARE_OF_FLOOR}",
                    f"{share:.3f}",
                    share >= TARGET_SHARE_OF_FLOOR,
                )
            )
        if run.get("rss_scale"):
            ratio = run["rss_scale"]["ratio"]
            rows.append(
                (
                    f"peak RSS 3x / 1x <= {TARGET_RSS_RATIO}",
                    f"{ratio:.2f}",
                    ratio <= TARGET_RSS_RATIO,
                )
            )
    return rows


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def run_summary(fig: RunFigures, pages: int) -> dict[str, Any]:
    cores = fig.cpu_seconds / fig.seconds if fig.seconds > 0 else 0.0
    return {
        **asdict(fig),
        "pages": pages,
        "pages_per_s": pages / fig.seconds if fig.seconds > 0 else 0.0,
        "cores_used": cores,
        "pages_per_core_s": pages / fig.cpu_seconds if fig.cpu_seconds > 0 else 0.0,
    }


def render_text(
    manifest: dict[str, Any], result: Score, run: dict[str, Any] | None, gen: dict[str, Any] | None
) -> str:
    """The printed table."""
    opts = manifest["options"]
    out = [
        "msglint planted-mutation benchmark",
        f"  {opts['products']} products x (1 reference + {len(manifest['partners'])} partners), "
        f"{manifest['pages']} pages, {manifest['bytes'] / 2**20:.0f} MiB, seed {opts['seed']}, "
        f"rate {opts['rate']}, stack rate {opts['stack_rate']}"
        + (", CSS selectors for partners without JSON-LD" if opts.get("selectors") else ""),
    ]
    if gen:
        out.append(
            f"  generated in {gen['seconds']:.1f} s ({gen['pages'] / gen['seconds']:.0f} pages/s)"
        )
    if run:
        tree = run.get("tree_peak_mib")
        out += [
            f"  msglint check: {run['seconds']:.2f} s wall, {run['cpu_seconds']:.2f} s CPU "
            f"({run['cores_used']:.2f} cores), exit {run['returncode']}",
            f"  pages/s {run['pages_per_s']:.0f}, pages/s per core {run['pages_per_core_s']:.0f}, "
            f"peak RSS {run['maxrss_mib']:.0f} MiB"
            + (f" (process tree, sampled: {tree:.0f} MiB)" if tree else ""),
        ]
        if run.get("floor"):
            floor = run["floor"]
            out.append(
                f"  jobs {run.get('jobs', 'auto')}, cores used {run['cores_used']:.2f}; "
                f"selectolax parse floor (same run, one core): {floor['pages_per_s']:.0f} pages/s "
                f"over {floor['pages']} pages; msglint per core / floor = "
                f"{run['share_of_floor']:.3f}"
            )
        if run.get("rss_scale"):
            rs = run["rss_scale"]
            out.append(
                f"  peak RSS with --jobs 1: {rs['x1']['maxrss_mib']:.0f} MiB at "
                f"{rs['x1']['pages']} pages, {rs['x3']['maxrss_mib']:.0f} MiB at "
                f"{rs['x3']['pages']} pages: ratio {rs['ratio']:.2f}"
            )
    out.append(
        f"  findings: {result.findings}  "
        + ", ".join(f"{k} {v}" for k, v in result.by_rule.items())
    )
    out.append("  by severity: " + ", ".join(f"{k} {v}" for k, v in result.by_severity.items()))
    if result.below_threshold:
        out.append(
            f"  not scored: {result.below_threshold} consistency findings under --min-severity"
        )
    out.append("")
    out.append(
        f"  {'harmful kind':<18} {'planted':>7} {'found':>6} {'findings':>8} "
        f"{'precision':>9} {'recall':>7} {'unread':>6}"
    )
    for kind, s in result.harmful.items():
        out.append(
            f"  {kind:<18} {s.planted:>7} {s.found:>6} {s.findings:>8} "
            f"{_fmt(s.precision):>9} {_fmt(s.recall):>7} {s.unread:>6}"
        )
    out.append("  (unread: findings with no actual value, the partner's value was not read)")
    out.append("")
    out.append(f"  {'benign kind':<20} {'pages':>6} {'findings':>8}")
    for kind in BENIGN:
        out.append(f"  {kind:<20} {result.benign_pages[kind]:>6} {result.benign_findings[kind]:>8}")
    out.append("")
    by_kind = ", ".join(f"{k} {v}" for k, v in result.unmutated_by_kind.items()) or "none"
    out.append(f"  findings on unmutated pages: {result.unmutated_findings} ({by_kind})")
    out.append(f"  cross-kind findings on mutated pages: {result.cross_findings}")
    for source, kinds in result.unattributed_by_source.items():
        out.append(
            f"    unattributed at {source}: " + ", ".join(f"{k} {v}" for k, v in kinds.items())
        )
    if result.other_rules:
        out.append("  other rules: " + ", ".join(f"{k} {v}" for k, v in result.other_rules.items()))
    out.append("")
    out.append("  targets (full size: 22,000 pages, 1 + 10 x 2,000):")
    for label, value, met in targets(result, run):
        verdict = "n/a" if met is None else ("OK" if met else "MISSED")
        out.append(f"    {label:<40} {value:>8}  {verdict}")
    return "\n".join(out)


# ------------------------------------------------------------------------------------------
# Command line.
# ------------------------------------------------------------------------------------------


def _check_disk(workdir: Path, opts: Options) -> None:
    """Stop before writing when the disk cannot hold the pages (old pages are replaced)."""
    need = (opts.products * (opts.partners + 1)) * (opts.page_kb * 1024 + 512) + 50 * 2**20
    reclaim = 0
    old = workdir / MANIFEST
    if old.is_file():
        try:
            reclaim = int(json.loads(old.read_text(encoding="utf-8")).get("bytes", 0))
        except (ValueError, OSError):
            reclaim = 0
    probe = workdir if workdir.exists() else next(p for p in workdir.parents if p.exists())
    free = shutil.disk_usage(probe).free
    if free + reclaim < need:
        raise SystemExit(
            f"not enough disk space in {probe}: the pages need about {need / 2**30:.2f} GiB, "
            f"{free / 2**30:.2f} GiB is free"
        )


def _load_json(path: Path, what: str) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SystemExit(f"no {what} at {path}; generate or run first") from None
    except ValueError as exc:
        raise SystemExit(f"{what} at {path} is not valid JSON: {exc}") from None


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    defaults = Options()
    parser.add_argument(
        "--products", type=int, default=defaults.products, help="catalog size (default 2000)"
    )
    parser.add_argument(
        "--partners", type=int, default=defaults.partners, help="partner sources (default 10)"
    )
    parser.add_argument("--seed", type=int, default=defaults.seed, help="generator seed")
    parser.add_argument(
        "--page-kb", type=int, default=defaults.page_kb, help="page size in KB (default 60)"
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=defaults.rate,
        help="share of products per mutation kind per partner (default 0.02; at least one each)",
    )
    parser.add_argument(
        "--stack-rate",
        type=float,
        default=defaults.stack_rate,
        help="share of harmful pages that also get a benign mutation (default 0.25)",
    )
    parser.add_argument(
        "--currency", choices=sorted(SYMBOLS), default=defaults.currency, help="catalog currency"
    )
    parser.add_argument(
        "--min-severity",
        choices=sorted(SEVERITY_RANK, key=SEVERITY_RANK.__getitem__),
        default="info",
        help="score only price, spec, name and claim findings at or above this severity "
        "(default info: all; coverage findings always count)",
    )
    parser.add_argument(
        "--selectors",
        action="store_true",
        help="give the partners without JSON-LD CSS selectors in the config (default: none, "
        "so their facts come from msglint's heuristics)",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=DEFAULT_WORKDIR,
        help="work folder (default benchmarks/out/planted)",
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="timed runs of msglint check (median; default 1)"
    )
    parser.add_argument(
        "--jobs",
        default=None,
        help="msglint check --jobs (default: the config's, one worker per core)",
    )
    parser.add_argument(
        "--rss-scale",
        action="store_true",
        help="also check the catalog and three times as many products (generated beside "
        "--workdir) with --jobs 1 and print each peak RSS and their ratio",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--generate-only",
        action="store_true",
        help="write the pages, config and manifest; do not run",
    )
    mode.add_argument(
        "--skip-generate",
        action="store_true",
        help="check and score the pages already in --workdir",
    )
    mode.add_argument(
        "--score-only",
        action="store_true",
        help="score the report already in --workdir; do not run",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the figures as JSON on stdout (the table on stderr)",
    )
    args = parser.parse_args(argv)
    if args.products < 1 or args.partners < 0 or args.page_kb < 1 or args.repeat < 1:
        parser.error("--products, --page-kb and --repeat must be positive, --partners not negative")
    if not 0 <= args.rate <= 1 or not 0 <= args.stack_rate <= 1:
        parser.error("--rate and --stack-rate are shares between 0 and 1")
    return args


def main(argv: list[str] | None = None) -> int:
    """Generate, run, score, print."""
    args = parse_args(argv)
    workdir: Path = args.workdir.resolve()
    gen: dict[str, Any] | None = None
    if not (args.skip_generate or args.score_only):
        opts = Options(
            products=args.products,
            partners=args.partners,
            seed=args.seed,
            page_kb=args.page_kb,
            rate=args.rate,
            stack_rate=args.stack_rate,
            currency=args.currency,
            selectors=args.selectors,
        )
        _check_disk(workdir, opts)
        print(
            f"generating {opts.products} products x {1 + opts.partners} sources in {workdir} ...",
            file=sys.stderr,
        )
        gen = asdict(generate(workdir, opts, progress=True))
        print(
            f"  {gen['pages']} pages, {gen['bytes'] / 2**20:.0f} MiB, {gen['mutations']} mutations "
            f"in {gen['seconds']:.1f} s",
            file=sys.stderr,
        )
        if args.generate_only:
            return 0
    manifest = _load_json(workdir / MANIFEST, "manifest")
    run: dict[str, Any] | None
    if args.score_only:
        run = (
            _load_json(workdir / RUN_FIGURES, "run figures")
            if (workdir / RUN_FIGURES).is_file()
            else None
        )
    else:
        run = _timed(workdir, manifest["pages"], args.repeat, args.jobs)
        if args.rss_scale:
            made = Options(**{k: v for k, v in manifest["options"].items() if k in _OPTION_KEYS})
            run["rss_scale"] = rss_scale(workdir, made, args.repeat)
            (workdir / RUN_FIGURES).write_text(json.dumps(run, indent=1), encoding="utf-8")
    report = _load_json(workdir / REPORT, "report")
    result = score(manifest, report, args.min_severity)
    text = render_text(manifest, result, run, gen)
    print(text, file=sys.stderr if args.json else sys.stdout)
    if args.json:
        data = {
            "options": manifest["options"],
            "min_severity": args.min_severity,
            "pages": manifest["pages"],
            "bytes": manifest["bytes"],
            "generation": gen,
            "run": run,
            **result.to_dict(),
            "targets": [{"target": t, "value": v, "met": m} for t, v, m in targets(result, run)],
        }
        print(json.dumps(data, indent=2))
    return 0


def parse_floor(workdir: Path, limit: int = 3000) -> dict[str, Any]:
    """How fast selectolax (Lexbor) alone parses these pages on one core: the floor that
    msglint's throughput is a share of (issue 20: target >= 0.3 of it). The pages are read
    and decoded first; only `LexborHTMLParser(text)` is timed, in CPU seconds, over up to
    `limit` pages taken evenly from every source."""
    from selectolax.lexbor import LexborHTMLParser

    files = sorted(workdir.glob("site/**/*.html")) + sorted(workdir.glob("partners/**/*.html"))
    step = max(1, len(files) // limit)
    texts = [f.read_text(encoding="utf-8") for f in files[::step]]
    for text in texts[:20]:  # warm
        LexborHTMLParser(text)
    started = time.process_time()
    for text in texts:
        LexborHTMLParser(text)
    seconds = time.process_time() - started
    return {
        "pages": len(texts),
        "cpu_seconds": seconds,
        "pages_per_s": len(texts) / seconds if seconds > 0 else 0.0,
    }


def rss_scale(workdir: Path, opts: Options, repeat: int) -> dict[str, Any]:
    """Peak RSS of `msglint check --jobs 1` on the catalog and on three times as many
    products (generated beside it), and their ratio: flat memory means about 1 (target
    <= 1.2; only the records may grow: about 6 KB a product page, most of it evidence locations)."""
    out: dict[str, Any] = {}
    for factor in (1, 3):
        folder = workdir.parent / f"{workdir.name}-rss-x{factor}"
        generate(folder, replace(opts, products=opts.products * factor))
        pages = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["pages"]
        figures = [run_check(folder, folder / REPORT, jobs="1")[0] for _ in range(repeat)]
        best = min(figures, key=lambda f: f.maxrss_mib)
        out[f"x{factor}"] = {"pages": pages, "maxrss_mib": best.maxrss_mib}
    out["ratio"] = out["x3"]["maxrss_mib"] / out["x1"]["maxrss_mib"]
    return out


def _timed(workdir: Path, pages: int, repeat: int, jobs: str | None = None) -> dict[str, Any]:
    """`repeat` runs; the median by wall time is kept and saved for `--score-only`; the
    parse floor is measured right after, on the same pages."""
    runs: list[RunFigures] = []
    for n in range(repeat):
        fig, stderr = run_check(workdir, workdir / REPORT, jobs)
        if fig.returncode != 0:
            sys.stderr.write(
                f"msglint check failed in {workdir} (exit {fig.returncode}):\n{stderr}"
            )
            raise SystemExit(1)
        print(
            f"  run {n + 1}/{repeat}: {fig.seconds:.2f} s, {fig.maxrss_mib:.0f} MiB",
            file=sys.stderr,
        )
        runs.append(fig)
    median = sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]
    summary = run_summary(median, pages)
    summary["wall_runs_s"] = [round(r.seconds, 3) for r in runs]
    summary["children_maxrss_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    summary["jobs"] = jobs or "auto"
    summary["floor"] = parse_floor(workdir)
    floor_rate = summary["floor"]["pages_per_s"]
    summary["share_of_floor"] = summary["pages_per_core_s"] / floor_rate if floor_rate else 0.0
    (workdir / RUN_FIGURES).write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return summary


if __name__ == "__main__":
    raise SystemExit(main())
