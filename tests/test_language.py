"""Languages: which one a document is in (text/language.py), numbers read as that language
writes them, and a partner page in German compared with the brand's English one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import make_doc
from msglint.text.language import choose, declared, detect, document_language
from msglint.values.specs import decimal_comma, parse_spec

PAGES = {
    "en": "The router covers up to 185 m² and streams 4K video to every room of a family home. "
    "Setup takes a few minutes in the app.",
    "de": "Der Router deckt bis zu 185 m² ab und streamt 4K-Videos in jeden Raum eines "
    "Familienhauses. Die Einrichtung dauert in der App nur wenige Minuten.",
    "fr": "Le routeur couvre jusqu'à 185 m² et diffuse la vidéo 4K dans chaque pièce de la "
    "maison. L'installation prend quelques minutes dans l'application.",
    "es": "El router cubre hasta 185 m² y transmite vídeo 4K a cada habitación de la casa. La "
    "configuración tarda unos minutos en la aplicación.",
    "it": "Il router copre fino a 185 m² e trasmette video 4K in ogni stanza della casa. La "
    "configurazione richiede pochi minuti nell'app.",
    "nl": "De router dekt tot 185 m² en streamt 4K-video naar elke kamer van het huis. De "
    "installatie duurt in de app maar een paar minuten.",
}


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_detects_the_six_languages(lang: str) -> None:
    assert detect(PAGES[lang]) == lang


@pytest.mark.parametrize(
    ("attribute", "text", "expected"),
    [
        ("de-DE", PAGES["de"], "de"),
        ("en", PAGES["de"], "de"),  # the template's lang="en" on a German page
        ("de", "Acme AX5400", "de"),  # too little text: the attribute decides
        (None, "Acme AX5400", None),
        ("ar", "مرحبا بكم في متجرنا، الشحن مجاني لجميع الطلبات داخل المدينة", None),
        ("he", "ברוכים הבאים לחנות שלנו, משלוח חינם לכל ההזמנות בעיר", None),
        (None, "こんにちは、送料無料です。ご注文はお早めに。こちらの商品は人気です。", None),
        ("x-klingon", PAGES["fr"], "fr"),
        ("", "", None),
    ],
)
def test_choose_attribute_and_text(attribute, text, expected) -> None:
    assert choose(attribute, text) == expected


def test_declared_primary_subtag() -> None:
    assert declared("de_AT") == "de" and declared("EN-us") == "en"
    assert declared("123") is None and declared(None) is None


def test_document_language_is_cached_on_the_document() -> None:
    doc = make_doc(f"<html lang='en'><body><p>{PAGES['it']}</p></body></html>", "html")
    assert document_language(doc) == "it" and doc.meta["language"] == "it"


def test_numbers_in_a_decimal_comma_language() -> None:
    assert parse_spec("Weight", "1.200 g").magnitude == pytest.approx(0.0012)
    with decimal_comma(True):
        assert parse_spec("Gewicht", "1.200 g").magnitude == pytest.approx(1.2)
        assert parse_spec("Leistung", "1.500 W").magnitude == pytest.approx(1500)
        assert parse_spec("Gewicht", "1,500 kg").magnitude == pytest.approx(1.5)
        assert parse_spec("Gewicht", "2,5 kg").magnitude == pytest.approx(2.5)
    assert parse_spec("Power", "1,500 W").magnitude == pytest.approx(1500)


BRAND = """<!DOCTYPE html><html lang="en"><head><title>Acme AirRouter AX3000</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product",
"name": "Acme AirRouter AX3000", "sku": "ACM-RT-3000", "gtin13": "9501101530010",
"offers": {"@type": "Offer", "price": "199.00", "priceCurrency": "USD"}}</script></head>
<body><h1>Acme AirRouter AX3000</h1>
<p>The AirRouter brings fast Wi-Fi 6 to every room of a typical family home.</p>
<ul><li><strong>Weight:</strong> 0.9 kg</li><li><strong>Power:</strong> 1,500 W</li>
<li><strong>Bands:</strong> Dual-band, 2.4 GHz and 5 GHz</li></ul>
<p>2-year limited warranty. 30-day returns.</p></body></html>"""

PARTNER = """<!DOCTYPE html><html lang="{lang}"><head><title>Acme AirRouter AX3000</title>
</head><body><h1>Acme AirRouter AX3000 – Kabelloser Router</h1>
<p>Art.-Nr. ACM-RT-3000 · EAN 9501101530010</p><p class="preis">199,00 USD</p>
<p>Der AirRouter bringt schnelles WLAN nach Wi-Fi 6 in jeden Raum eines typischen
Familienhauses, und die Einrichtung dauert in der App nur wenige Minuten.</p>
<ul><li><strong>Gewicht:</strong> {weight}</li><li><strong>Leistung:</strong> 1.500 W</li>
<li><strong>Frequenzbänder:</strong> Dualband, 2,4 GHz und 5 GHz</li></ul>
<p>{warranty} · Rückgabe innerhalb von 30 Tagen</p></body></html>"""


def _run(tmp_path: Path, run_cli, **page: str) -> list[tuple[str, str]]:
    (tmp_path / "brand").mkdir()
    (tmp_path / "partner").mkdir()
    (tmp_path / "brand" / "router.html").write_text(BRAND, encoding="utf-8")
    values = {"lang": "de", "weight": "0,9 kg", "warranty": "2 Jahre Garantie", **page}
    (tmp_path / "partner" / "router.html").write_text(PARTNER.format(**values), encoding="utf-8")
    (tmp_path / "msglint.yaml").write_text(
        "sources:\n"
        "  - {name: brand, role: reference, paths: ['brand/*.html']}\n"
        "  - {name: partner, role: partner, paths: ['partner/*.html']}\n"
        "packs: [consistency]\n"
    )
    result = run_cli(["check", "--no-history", "-f", "json", "--fail-on", "never"], tmp_path)
    assert result.exit_code == 0, result.output
    return [(f["rule"], f["message"]) for f in json.loads(result.stdout)["findings"]]


@pytest.mark.parametrize("lang", ["de", "en", ""])  # declared, lying, missing
def test_a_german_copy_of_the_english_page_has_no_findings(tmp_path, run_cli, lang) -> None:
    assert _run(tmp_path, run_cli, lang=lang) == []


def test_german_differences_are_found(tmp_path, run_cli) -> None:
    found = _run(tmp_path, run_cli, weight="1.200 g", warranty="1 Jahr Garantie")
    assert sorted(r for r, _ in found) == ["msglint.claim-mismatch", "msglint.spec-mismatch"]
    messages = " ".join(m for _, m in found)
    assert "1 Jahr Garantie" in messages and "1.200 g" in messages


@pytest.mark.parametrize(
    "body",
    [
        "<p dir='rtl'>مرحبا بكم في متجرنا. الضمان لمدة سنتين والشحن مجاني لجميع الطلبات.</p>",
        "<p>שלום! אחריות לשנתיים, משלוח חינם.</p><p>2 Jahre Garantie</p>",
        "<p>The router is fast. Der Router ist schnell. Le routeur est rapide. 2 ans.</p>",
        "<p>" + "\u202e\u0000x" * 5000 + "</p>",
    ],
)
def test_hostile_and_mixed_pages_do_not_stop_extraction(body: str) -> None:
    from msglint.config import SourceConfig
    from msglint.item import extract_document

    doc = make_doc(f"<html lang='de'><body><h1>Acme AX3000</h1>{body}</body></html>", "html")
    assert document_language(doc) in (None, "de", "en", "fr")
    extract_document(doc, SourceConfig(name="p", role="partner", paths=["*.html"]))
