"""A benign-variation corpus: a brand's English product pages in four industries, and
partner copies in German, French, Spanish, Italian and Dutch that state the same facts the
way shops in those languages write them (labels, decimal commas, thousands dots, claims,
translated descriptors), with e-mail addresses, links, host names, part numbers and code in
the prose. Every difference is benign, so the run must report nothing at all; and one
changed fact per language must still be found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

#: Per product: English name, code, price (USD), specs [(English label, English value,
#: {lang: (label, value)})].
PRODUCTS = {
    "pump": (
        "Vantor CP200 Centrifugal Pump", "VT-CP200", "1299.00",
        [
            ("Max. flow rate", "3,000 l/h", {
                "de": ("Max. Fördermenge", "3.000 l/h"), "fr": ("Débit max.", "3 000 l/h"),
                "es": ("Caudal máximo", "3.000 l/h"), "it": ("Portata", "3.000 l/h"),
                "nl": ("Max. debiet", "3.000 l/h")}),
            ("Max. pressure [bar]", "6", {
                "de": ("Max. Druck [bar]", "6"), "fr": ("Pression max. (bar)", "6"),
                "es": ("Presión máxima (bar)", "6"), "it": ("Pressione massima (bar)", "6"),
                "nl": ("Max. druk (bar)", "6")}),
            ("Motor power", "750 W", {
                "de": ("Motorleistung", "750 W"), "fr": ("Puissance moteur", "750 W"),
                "es": ("Potencia del motor", "750 W"), "it": ("Potenza motore", "750 W"),
                "nl": ("Motorvermogen", "750 W")}),
            ("Weight (kg)", "12.5", {
                "de": ("Gewicht (kg)", "12,5"), "fr": ("Poids (kg)", "12,5"),
                "es": ("Peso (kg)", "12,5"), "it": ("Peso (kg)", "12,5"),
                "nl": ("Gewicht (kg)", "12,5")}),
        ],
    ),
    "washer": (
        "Lumo WM8 Washing Machine", "LM-WM8-EU", "649.00",
        [
            ("Capacity", "8 kg", {
                "de": ("Fassungsvermögen", "8 kg"), "fr": ("Capacité", "8 kg"),
                "es": ("Capacidad", "8 kg"), "it": ("Capacità", "8 kg"),
                "nl": ("Capaciteit", "8 kg")}),
            ("Spin speed", "1,400 rpm", {
                "de": ("Schleuderdrehzahl", "1.400 U/min"),
                "fr": ("Vitesse d'essorage", "1 400 tr/min"),
                "es": ("Velocidad de centrifugado", "1.400 rpm"),
                "it": ("Velocità di centrifuga", "1.400 giri/min"),
                "nl": ("Centrifugesnelheid", "1.400 tpm")}),
            ("Noise level", "72 dB", {
                "de": ("Geräuschpegel", "72 dB"), "fr": ("Niveau sonore", "72 dB"),
                "es": ("Nivel de ruido", "72 dB"), "it": ("Rumorosità", "72 dB"),
                "nl": ("Geluidsniveau", "72 dB")}),
            ("Dimensions (W × H × D)", "60 × 85 × 55 cm", {
                "de": ("Abmessungen (B × H × T)", "60 × 85 × 55 cm"),
                "fr": ("Dimensions (L × H × P)", "60 × 85 × 55 cm"),
                "es": ("Dimensiones", "60 × 85 × 55 cm"), "it": ("Dimensioni", "60 × 85 × 55 cm"),
                "nl": ("Afmetingen", "60 × 85 × 55 cm")}),
        ],
    ),
    "jacket": (
        "Nordkap Trail Jacket", "NK-TJ-2024", "189.00",
        [
            ("Material", "100% polyester", {
                "de": ("Material", "100 % Polyester"), "fr": ("Matière", "100 % polyester"),
                "es": ("Material", "100 % poliéster"), "it": ("Materiale", "100% poliestere"),
                "nl": ("Materiaal", "100% polyester")}),
            ("Weight", "480 g", {
                "de": ("Gewicht", "480 g"), "fr": ("Poids", "480 g"), "es": ("Peso", "480 g"),
                "it": ("Peso", "480 g"), "nl": ("Gewicht", "480 g")}),
            ("Colour", "Black", {
                "de": ("Farbe", "Schwarz"), "fr": ("Couleur", "Noir"), "es": ("Color", "Negro"),
                "it": ("Colore", "Nero"), "nl": ("Kleur", "Zwart")}),
        ],
    ),
    "drill": (
        "Brakka BD18 Cordless Drill", "BR-BD18-2", "159.00",
        [
            ("Max. torque", "60 Nm", {
                "de": ("Max. Drehmoment", "60 Nm"), "fr": ("Couple max.", "60 Nm"),
                "es": ("Par de apriete", "60 Nm"), "it": ("Coppia massima", "60 Nm"),
                "nl": ("Max. koppel", "60 Nm")}),
            ("Voltage", "18 V", {
                "de": ("Spannung", "18 V"), "fr": ("Tension", "18 V"), "es": ("Voltaje", "18 V"),
                "it": ("Tensione", "18 V"), "nl": ("Spanning", "18 V")}),
            ("Battery capacity", "2.0 Ah", {
                "de": ("Akkukapazität", "2,0 Ah"), "fr": ("Capacité de la batterie", "2,0 Ah"),
                "es": ("Capacidad de la batería", "2,0 Ah"),
                "it": ("Capacità della batteria", "2,0 Ah"), "nl": ("Accucapaciteit", "2,0 Ah")}),
            ("Weight", "1.5 kg", {
                "de": ("Gewicht", "1,5 kg"), "fr": ("Poids", "1,5 kg"), "es": ("Peso", "1,5 kg"),
                "it": ("Peso", "1,5 kg"), "nl": ("Gewicht", "1,5 kg")}),
        ],
    ),
}  # fmt: skip
#: A translated descriptor before or after the name, as each language's shops write it.
DESCRIPTORS = {
    "de": "{name} – Profi-Gerät", "fr": "{name} – Édition professionnelle",
    "es": "{name} – Equipo profesional", "it": "{name} – Versione professionale",
    "nl": "{name} – Professionele uitvoering",
}  # fmt: skip
CLAIMS = {
    "en": "2-year warranty. 30-day returns.",
    "de": "2 Jahre Garantie · Rückgabe innerhalb von 30 Tagen",
    "fr": "Garantie 2 ans · Retour sous 30 jours",
    "es": "Garantía de 2 años · 30 días para devoluciones",
    "it": "Garanzia di 2 anni · Reso entro 30 giorni",
    "nl": "2 jaar garantie · 30 dagen bedenktijd",
}
PROSE = {
    "en": "Questions? Write to support@{host} or open https://{host}/help. Part {code} ships "
    "from app.{host}; firmware v2.3.1 is on {host}/downloads/setup.exe. Follow @{brand}.",
    "de": "Fragen? Schreiben Sie an service@{host} oder besuchen Sie https://{host}/hilfe. "
    "Das Ersatzteil {code} kommt von app.{host}, die Firmware v2.3.1 liegt unter "
    "{host}/downloads/setup.exe. Folgen Sie @{brand} für Neuigkeiten.",
    "fr": "Des questions ? Écrivez à service@{host} ou consultez https://{host}/aide. La pièce "
    "{code} est expédiée depuis app.{host}, le micrologiciel v2.3.1 est sur "
    "{host}/downloads/setup.exe. Suivez @{brand} pour les nouveautés.",
    "es": "¿Preguntas? Escriba a soporte@{host} o visite https://{host}/ayuda. La pieza "
    "{code} se envía desde app.{host}; el firmware v2.3.1 está en {host}/downloads/setup.exe. "
    "Siga a @{brand} para novedades.",
    "it": "Domande? Scrivete a assistenza@{host} o visitate https://{host}/aiuto. Il ricambio "
    "{code} parte da app.{host}; il firmware v2.3.1 è su {host}/downloads/setup.exe. "
    "Seguite @{brand} per le novità.",
    "nl": "Vragen? Mail naar service@{host} of ga naar https://{host}/hulp. Onderdeel {code} "
    "wordt verzonden vanuit app.{host}; de firmware v2.3.1 staat op "
    "{host}/downloads/setup.exe. Volg @{brand} voor nieuws.",
}
PRICE = {"en": "${price}", "de": "{eu} USD", "fr": "{fr} USD", "es": "{eu} USD",
         "it": "{eu} USD", "nl": "USD {eu}"}  # fmt: skip


def _eu(price: str, space: bool = False) -> str:
    whole, cents = price.split(".")
    grouped = f"{int(whole):,}".replace(",", "\u202f" if space else ".")
    return f"{grouped},{cents}"


def _page(lang: str, key: str, changed: str | None = None) -> str:
    name, code, price, specs = PRODUCTS[key]
    brand = name.split()[0]
    host = f"{brand.lower()}-shop.com"
    title = name if lang == "en" else DESCRIPTORS[lang].format(name=name)
    rows = []
    for label, value, other in specs:
        if lang != "en":
            label, value = other[lang]
        if changed == "spec" and not rows:
            value = "9" + value  # the first spec, changed
        rows.append(f"<tr><th>{label}</th><td>{value}</td></tr>")
    claims = CLAIMS[lang]
    if changed == "claim":
        claims = claims.replace("2", "1", 1)
    shown = PRICE[lang].format(price=price, eu=_eu(price), fr=_eu(price, space=True))
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title}</title></head><body><main>
<h1>{title}</h1><p class="sku">{code}</p><p class="price">{shown}</p>
<p>{PROSE[lang].format(host=host, code=code, brand=brand.lower())}</p>
<table class="specs">{"".join(rows)}</table>
<p class="terms">{claims}</p></main></body></html>"""


def _project(tmp_path: Path, changed: dict[str, str] | None = None) -> Path:
    for key in PRODUCTS:
        for lang in ["en", *DESCRIPTORS]:
            folder = tmp_path / ("brand" if lang == "en" else lang)
            folder.mkdir(exist_ok=True)
            what = (changed or {}).get(lang) if key == "pump" else None
            (folder / f"{key}.html").write_text(_page(lang, key, what), encoding="utf-8")
    brands = sorted({p[0].split()[0] for p in PRODUCTS.values()})
    (tmp_path / "rules.yaml").write_text(
        "rules:\n"
        f"  - {{id: house.brands, kind: capitalization, names: {json.dumps(brands)}}}\n"
        "  - {id: house.login, kind: terminology, swap: {login: sign in}}\n"
    )
    sources = "".join(
        f"  - {{name: partner-{lang}, role: partner, paths: ['{lang}/*.html']}}\n"
        for lang in DESCRIPTORS
    )
    (tmp_path / "msglint.yaml").write_text(
        "sources:\n  - {name: brand, role: reference, paths: ['brand/*.html']}\n"
        + sources
        + "packs: [general, consistency, rules.yaml]\n"
    )
    return tmp_path


def _findings(run_cli, root: Path) -> list[dict]:
    result = run_cli(["check", "--no-history", "-f", "json", "--fail-on", "never"], root)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["findings"]


def test_benign_variation_corpus_has_no_findings(tmp_path: Path, run_cli) -> None:
    found = _findings(run_cli, _project(tmp_path))
    assert [(f["rule"], f["location"]["path"], f["message"]) for f in found] == []


@pytest.mark.parametrize("what", ["claim", "spec"])
def test_one_changed_fact_per_language_is_found(tmp_path: Path, run_cli, what: str) -> None:
    root = _project(tmp_path, {lang: what for lang in DESCRIPTORS})
    found = _findings(run_cli, root)
    rule = {"claim": "msglint.claim-mismatch", "spec": "msglint.spec-mismatch"}[what]
    assert sorted((f["rule"], f["source"]) for f in found) == sorted(
        (rule, f"partner-{lang}") for lang in DESCRIPTORS
    )
