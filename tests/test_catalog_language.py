"""A partner's catalog in another language against the brand's English page, end to end:
its language from `language:` or from its headers, its numbers read as that language
writes them, its words compared as a translation; a real difference is still found."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from msglint import engine
from msglint.config import load

BRAND = """<!doctype html><html lang="en"><head><title>Acme Pump P-300</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product",
"name": "Acme Pump P-300", "sku": "P-300", "offers": {"@type": "Offer", "price": "1299.00",
"priceCurrency": "EUR"}}</script></head><body><main><h1>Acme Pump P-300</h1>
<p>SKU: P-300</p><table class="specs"><tr><th>Weight</th><td>1.5 kg</td></tr>
<tr><th>Max flow</th><td>3000 l/h</td></tr><tr><th>Dimensions</th><td>30 x 20 x 15 cm</td></tr>
<tr><th>Warranty</th><td>2 years</td></tr></table>
<p>Every pump comes with a 2-year warranty.</p></main></body></html>"""

GERMAN = (
    "Artikelnummer;Bezeichnung;Preis;Gewicht;Fördermenge;Abmessungen;Garantie;Beschreibung\n"
    "P-300;Acme Pumpe P-300;1.299,00 €;{weight};3.000 l/h;300 x 200 x 150 mm;{warranty};"
    "Mit {warranty} Garantie.\n"
)


def run(tmp_path: Path, csv: str, language: str | None = None) -> list[str]:
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "p.html").write_text(BRAND, encoding="utf-8")
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "katalog.csv").write_text(csv, encoding="utf-8")
    shop = {"name": "shop", "role": "partner", "paths": ["shop/*.csv"]}
    if language:
        shop["language"] = language
    config = {"sources": [{"name": "brand", "role": "reference", "paths": ["brand/*.html"]}, shop]}
    (tmp_path / "msglint.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = engine.run(load(tmp_path / "msglint.yaml"))
    return sorted(f"{f.rule} {f.field} {f.actual_text}" for f in result.findings)


@pytest.mark.parametrize("language", [None, "de", "de-DE"])
def test_german_catalog_states_the_same_facts(tmp_path: Path, language: str | None) -> None:
    csv = GERMAN.format(weight="1,500 kg", warranty="2 Jahre")
    assert run(tmp_path, csv, language) == []


def test_german_catalog_differences_are_found(tmp_path: Path) -> None:
    csv = GERMAN.format(weight="2,500 kg", warranty="1 Jahr")
    found = run(tmp_path, csv)
    assert any("spec:weight 2,500 kg" in f for f in found), found
    assert any("spec:warranty 1 Jahr" in f for f in found), found


def test_catalog_read_as_english_when_told(tmp_path: Path) -> None:
    # `language: en` on German headers: "1,500 kg" is then fifteen hundred kilograms.
    csv = GERMAN.format(weight="1,500 kg", warranty="2 Jahre")
    found = run(tmp_path, csv, "en")
    assert any("spec:weight 1,500 kg" in f for f in found), found
