"""Benchmark documents: PDF readers, planted drift in partner copies, pairing at scale.

Run from the repository root (msglint installed with the test extra, `pip install -e
".[test]"`; pdfplumber and pypdf for `--readers`; reportlab for its two-column manual):

    python benchmarks/documents.py                  # all five parts
    python benchmarks/documents.py --part planted   # or readers, pairing, support, isolation
    python benchmarks/documents.py --readers-pdf /usr/share/doc/some-manual.pdf ...

1. **readers**: pages/s and MB/s of msglint's PDF reader (pypdfium2 plus layout) and of
   plain text extraction with pypdfium2, pdfplumber and pypdf, on generated datasheets and
   manuals (fpdf2; a two-column manual with reportlab when installed) and on any real PDFs
   named with `--readers-pdf`; and text quality on the generated ones, whose text is known:
   the share of sentences read whole and in order, and of table rows read as one line.
2. **planted**: a generated corpus of brand knowledge-base articles and manual chapters
   (Markdown, HTML and PDF) and partner copies with planted changes (version, step, number,
   contact, SLA, removed warning) and benign ones (reflowed text, the partner's own header
   and footer, a reworded sentence with the same facts, another date or phone format), run
   through `msglint check`; precision and recall per kind, and findings on benign copies.
   Targets: precision >= 0.98, recall >= 0.95 per kind, no benign finding.
3. **pairing**: digests of 2,000 brand documents and 10,000 partner documents (8,000 edited
   copies, 2,000 unrelated) paired with `msglint.pairing`; time, pairing accuracy and
   peak memory (tracemalloc) against a floor: the time to compute the digests' sketches.
4. **support** (benchmarks/support.py): support facts with values at partners (contact
   phone, e-mail and URL, SLA response and resolution times, hours, warranty), planted and
   benignly reformatted; precision and recall per kind of `msglint.claim-mismatch`.
5. **isolation** (benchmarks/pdf_isolation.py): reading PDFs in the helper child process
   against in-process, and a PDF built to stall PDFium, unbounded and bounded.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import re
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PRODUCTS = ["X100 pump", "X200 pump", "FlowMaster 3", "AirRouter AX3000", "CloudCam 4K",
            "HomeHub 2", "SoundBar 300", "PowerBank 20K", "Laptop Stand Pro", "MeshPoint Mini",
            "ThermoSense T2", "AquaGuard valve", "SolarKit 600", "GateMate opener"]  # fmt: skip
ACTIONS = [
    ("Unplug the {p} and wait {n} seconds.", "seconds"),
    ("Press and hold the reset button for {n} seconds.", "seconds"),
    ("Tighten the mounting screws to {n} Nm in a cross pattern.", "Nm"),
    ("Open the app and choose Settings, then Devices.", None),
    ("Remove the {n} screws of the cover with a Phillips screwdriver.", "count"),
    ("Rinse the filter with clear water at no more than {n} °C.", "°C"),
    ("Wait until the status light turns solid white.", None),
    ("Connect the {p} to a socket protected by a {n} mA residual current device.", "mA"),
    ("Enter the serial number from the type plate.", None),
    ("Set the float switch cable to a free length of {n} cm.", "cm"),
    ("Restart the {p} and check that the light blinks green.", None),
    ("Keep the confirmation email with your receipt.", None),
]
WARNINGS = [
    "Warning: Disconnect the {p} from the mains before you open the housing.",
    "Caution: Never run the {p} dry; running dry damages the shaft seal.",
    "Warning: Do not unplug the {p} while the firmware updates.",
    "Caution: Wear gloves; the housing can be hotter than {n} °C.",
    "Important: Use only the supplied {n} W power adapter.",
]
INTRO = [
    "The {p} keeps working for up to {n} hours on one charge.",
    "Most problems with the {p} are solved in less than {n} minutes.",
    "Clean the {p} every {n} months, or more often in dusty rooms.",
    "The {p} supports up to {n} connected devices at the same time.",
]
REWORD = {  # the same facts in other words: must never be a finding
    "Clean the {p} every {n} months, or more often in dusty rooms.":
        "Every {n} months, or more often in dusty rooms, clean the {p}.",
    "Most problems with the {p} are solved in less than {n} minutes.":
        "In less than {n} minutes, most problems with the {p} are solved.",
    "The {p} keeps working for up to {n} hours on one charge.":
        "On one charge, the {p} keeps working for up to {n} hours.",
    "The {p} supports up to {n} connected devices at the same time.":
        "At the same time, up to {n} connected devices are supported by the {p}.",
}  # fmt: skip
TOPICS = ["Resetting", "Cleaning", "Installing", "Updating", "Registering", "Winterizing",
          "Pairing", "Mounting", "Calibrating", "Replacing the filter of"]  # fmt: skip
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
KINDS = {"version": "msglint.document-outdated", "step": "msglint.document-steps",
         "number": "msglint.document-numbers", "contact": "msglint.document-numbers",
         "sla": "msglint.document-numbers", "warning": "msglint.document-warnings"}  # fmt: skip


@dataclass
class Article:
    """One brand article as data; `render` writes it, a partner copy edits the data first."""

    title: str
    product: str
    version: tuple[int, int]
    date: tuple[int, int, int]
    intro: list[str]
    warnings: list[str]
    steps: list[str]
    phone: str
    hours: int
    closing: str
    header: str = ""
    footer: str = ""
    date_style: str = "us"
    phone_style: str = "us"
    plants: list[str] = field(default_factory=list)


def make_article(rng: random.Random, i: int) -> Article:
    product = f"{rng.choice(PRODUCTS)} {rng.choice('ABCDEFGHJK')}{i}"

    def fill(text: str) -> str:
        return text.format(p=product, n=rng.choice([2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 30, 45]))

    steps = [fill(a) for a, _ in rng.sample(ACTIONS, rng.randint(4, 7))]
    return Article(
        title=f"{rng.choice(TOPICS)} the {product}",
        product=product,
        version=(rng.randint(1, 5), rng.randint(1, 9)),
        date=(rng.choice([2023, 2024]), rng.randint(1, 12), rng.randint(1, 28)),
        intro=[fill(t) for t in rng.sample(INTRO, 2)],
        warnings=[fill(w) for w in rng.sample(WARNINGS, rng.randint(1, 2))],
        steps=steps,
        phone=f"{rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
        hours=rng.choice([2, 4, 8, 24]),
        closing=f"If the {product} still does not work, open a ticket with its serial number.",
    )


def _date(a: Article) -> str:
    y, m, d = a.date
    if a.date_style == "iso":
        return f"{y:04d}-{m:02d}-{d:02d}"
    if a.date_style == "eu":
        return f"{d:02d}.{m:02d}.{y}"
    return f"{MONTHS[m - 1]} {d}, {y}"


def _phone(a: Article) -> str:
    return f"+1 (800) {a.phone}" if a.phone_style == "us" else f"1-800-{a.phone}"


def blocks(a: Article) -> list[tuple[str, str | list[str]]]:
    out: list[tuple[str, str | list[str]]] = []
    if a.header:
        out.append(("p", a.header))
    out.append(("h1", a.title))
    out.append(("p", f"Article version {a.version[0]}.{a.version[1]} - Last updated: {_date(a)}"))
    out.append(("p", " ".join(a.intro)))
    out.extend(("p", w) for w in a.warnings)
    out.append(("h2", "Step by step"))
    out.append(("ol", a.steps))
    out.append(("h2", "Contact support"))
    contact = (
        f"Call our service team at {_phone(a)}, Monday to Friday. Priority 1 requests get a "
        f"first response within {a.hours} business hours."
    )
    out.append(("p", contact))
    out.append(("p", a.closing))
    if a.footer:
        out.append(("p", a.footer))
    return out


def render(a: Article, fmt: str, rng: random.Random, reflow: bool = False) -> bytes:
    parts = blocks(a)
    if fmt == "pdf":
        return _pdf(parts)
    if fmt == "md":
        lines = []
        for kind, content in parts:
            if kind == "h1":
                lines.append(f"# {content}")
            elif kind == "h2":
                lines.append(f"## {content}")
            elif kind == "ol":
                lines.extend(f"{n}. {s}" for n, s in enumerate(content, 1))
            else:
                lines.append(_wrap(str(content), rng) if reflow else str(content))
            lines.append("")
        return "\n".join(lines).encode()
    html = ["<!DOCTYPE html><html><head><title>", a.title, "</title></head><body><main>"]
    for kind, content in parts:
        if kind in ("h1", "h2"):
            html.append(f"<{kind}>{content}</{kind}>")
        elif kind == "ol":
            html.append("<ol>" + "".join(f"<li>{s}</li>" for s in content) + "</ol>")
        else:
            text = _wrap(str(content), rng) if reflow else str(content)
            html.append(f"<p>{text}</p>")
    html.append("</main></body></html>")
    return "\n".join(html).encode()


def _wrap(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    return "".join(w + ("\n" if rng.random() < 0.15 else " ") for w in words).strip()


def _pdf(parts: list[tuple[str, str | list[str]]]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    for kind, content in parts:
        if kind in ("h1", "h2"):
            pdf.set_font("Helvetica", "B", 16 if kind == "h1" else 13)
            pdf.multi_cell(0, 8, str(content), new_x="LMARGIN", new_y="NEXT")
        elif kind == "ol":
            pdf.set_font("Helvetica", size=10)
            for n, step in enumerate(content, 1):
                pdf.cell(8, 5, f"{n}.")
                pdf.multi_cell(0, 5, step, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("Helvetica", size=10)
            pdf.multi_cell(0, 5, str(content).replace("°", " deg"), new_x="LMARGIN",
                           new_y="NEXT")  # fmt: skip
        pdf.ln(2)
    return bytes(pdf.output())


def _plus_five(m: re.Match[str]) -> str:
    return str(int(m.group(1)) + 5)


def plant(a: Article, kind: str, rng: random.Random) -> None:
    a.plants.append(kind)
    if kind == "version":
        major, minor = a.version
        a.version = (major, minor - 1) if minor > 1 else (major - 1, 9) if major > 1 else (0, 9)
        y, m, d = a.date
        a.date = (y - 1, m, d)
    elif kind == "step":
        choice = rng.choice(["drop", "swap"])
        if choice == "drop":
            a.steps.pop(rng.randrange(1, len(a.steps)))
        else:
            k = rng.randrange(len(a.steps) - 1)
            a.steps[k], a.steps[k + 1] = a.steps[k + 1], a.steps[k]
    elif kind == "number":
        numbered = [i for i, s in enumerate(a.steps) if re.search(r"\b\d+\b", s)]
        if numbered:
            i = rng.choice(numbered)
            a.steps[i] = re.sub(r"\b(\d+)\b", _plus_five, a.steps[i], count=1)
        else:
            a.intro[0] = re.sub(r"\b(\d+)\b", _plus_five, a.intro[0], count=1)
    elif kind == "contact":
        a.phone = a.phone[:-2] + a.phone[-1] + a.phone[-2]
        if a.phone[-1] == a.phone[-2]:
            a.phone = a.phone[:-1] + str((int(a.phone[-1]) + 1) % 10)
    elif kind == "sla":
        a.hours = a.hours * 2
    elif kind == "warning":
        a.warnings.pop(rng.randrange(len(a.warnings)))


def benign(a: Article, rng: random.Random, partner: str) -> None:
    a.header = f"Shared by the {partner} help team. Questions? Call {partner} at (555) 010-7788."
    a.footer = f"Copyright {partner} LLC. All rights reserved. Prices at {partner} include tax."
    a.date_style = rng.choice(["us", "eu", "iso"])
    a.phone_style = rng.choice(["us", "dash"])
    a.intro = [REWORD.get(_template(s, a), s) if rng.random() < 0.5 else s for s in a.intro]


def _template(sentence: str, a: Article) -> str:
    n = re.search(r"\b\d+\b", sentence)
    if not n:
        return sentence
    return sentence.replace(a.product, "{p}").replace(n.group(), "{n}", 1)


def _reword(sentence: str, a: Article) -> str:
    n = re.search(r"\b\d+\b", sentence)
    template = REWORD.get(_template(sentence, a))
    return template.format(p=a.product, n=n.group()) if template and n else sentence


def planted(docs: int, seed: int) -> int:
    """Write the corpus, run msglint, score the findings; returns 1 when a target is missed."""
    import copy
    import json

    from msglint import engine
    from msglint.config import load

    rng = random.Random(seed)
    expected: dict[str, set[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "brand").mkdir()
        (root / "partner").mkdir()
        pages = 0
        size = 0
        for i in range(docs):
            a = make_article(rng, i)
            fmt = rng.choice(["md", "html", "html", "pdf"])
            brand = render(a, fmt, rng)
            (root / "brand" / f"article-{i}.{fmt}").write_bytes(brand)
            copy_ = copy.deepcopy(a)
            benign(copy_, rng, "PumpShop")
            copy_.intro = [_reword(s, a) if rng.random() < 0.5 else s for s in copy_.intro]
            if rng.random() < 0.6:
                for kind in rng.sample(list(KINDS), rng.choice([1, 1, 2])):
                    plant(copy_, kind, rng)
            pfmt = rng.choice(["html", "html", "md", "pdf"])
            name = f"kb-{i:05d}.{pfmt}" if rng.random() < 0.5 else f"article-{i}.{pfmt}"
            data = render(copy_, pfmt, rng, reflow=True)
            (root / "partner" / name).write_bytes(data)
            if pfmt == "pdf":
                pages += 1
                size += len(data)
            expected[f"partner/{name}"] = {KINDS[k] for k in copy_.plants}
            for k in copy_.plants:
                expected.setdefault(f"partner/{name}#{k}", set())
        (root / "msglint.yaml").write_text(
            "sources:\n  - {name: brand, role: reference, paths: [brand/]}\n"
            "  - {name: shop, role: partner, paths: [partner/]}\npacks: [documents]\n"
        )
        started = time.perf_counter()
        result = engine.run(load(root / "msglint.yaml"))
        seconds = time.perf_counter() - started
    kinds_per_doc = {p: k for p, k in expected.items() if "#" not in p}
    plants_per_doc = {}
    for key in expected:
        if "#" in key:
            path, kind = key.split("#")
            plants_per_doc.setdefault(path, []).append(kind)
    got: dict[str, set[str]] = {}
    benign_findings = 0
    false = {rule: 0 for rule in set(KINDS.values())}
    true = {rule: 0 for rule in set(KINDS.values())}
    for f in result.findings:
        if not f.rule.startswith("msglint.document-"):
            continue
        path = f.location.path
        if f.rule in kinds_per_doc.get(path, set()):
            true[f.rule] += 1
            got.setdefault(path, set()).add(f.rule)
        else:
            false[f.rule] = false.get(f.rule, 0) + 1
            if not kinds_per_doc.get(path):
                benign_findings += 1
            print(f"  unexpected: {path} {f.rule}: {f.message[:160]}")
    only_benign = sum(1 for k in kinds_per_doc.values() if not k)
    print(
        f"planted corpus: {docs} brand documents and their partner copies, {only_benign} "
        f"with benign changes only; checked in {seconds:.1f} s ({2 * docs / seconds:.0f} "
        "documents/s, one process)"
    )
    missed = 0
    print(f"  {'kind':<9} {'planted':>7} {'found':>6} {'recall':>7}")
    for kind, rule in KINDS.items():
        planted_docs = [p for p, ks in plants_per_doc.items() if kind in ks]
        found = sum(1 for p in planted_docs if rule in got.get(p, set()))
        recall = found / len(planted_docs) if planted_docs else 1.0
        missed += recall < 0.95
        print(f"  {kind:<9} {len(planted_docs):>7} {found:>6} {recall:>7.3f}")
    print(f"  {'rule':<28} {'findings':>8} {'precision':>9}")
    for rule in sorted(set(KINDS.values())):
        total = true[rule] + false[rule]
        precision = true[rule] / total if total else 1.0
        missed += precision < 0.98
        print(f"  {rule:<28} {total:>8} {precision:>9.3f}")
    print(f"  findings on benign-only copies: {benign_findings}")
    print(json.dumps({"pdf_copies": pages, "pdf_bytes": size}))
    return int(missed > 0 or benign_findings > 0)


# -- 1. PDF readers ------------------------------------------------------------------------


def generated_pdfs(rng: random.Random) -> dict[str, tuple[bytes, list[str], list[str]]]:
    """name -> (PDF, sentences that must be read whole and in order, table rows)."""
    from fpdf import FPDF

    out = {}
    articles = [make_article(rng, i) for i in range(40)]
    sentences = [s for a in articles for s in a.intro + a.steps]
    pdf = FPDF()
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    rows = []
    for a in articles:
        pdf.set_font("Helvetica", "B", 13)
        pdf.multi_cell(0, 7, a.title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        pdf.multi_cell(0, 5, " ".join(a.intro + a.steps).replace("°", "deg"), new_x="LMARGIN",
                       new_y="NEXT")  # fmt: skip
        with pdf.table(col_widths=(50, 50), width=100, first_row_as_headings=False) as table:
            for label, value in (("Weight", f"{a.hours} kg"), ("Power", f"{a.hours * 50} W")):
                row = table.row()
                row.cell(label)
                row.cell(value)
                rows.append(f"{label} {value}")
    sentences = [s.replace("°", "deg") for s in sentences]
    out["fpdf2 manual (justified, tables)"] = (bytes(pdf.output()), sentences, rows)
    with contextlib.suppress(ImportError):  # reportlab is optional
        out["reportlab two-column manual"] = _reportlab(articles)
    return out


def _reportlab(articles: list[Article]) -> tuple[bytes, list[str], list[str]]:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table

    styles = getSampleStyleSheet()
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4)
    w, h = A4
    frames = [
        Frame(40, 40, (w - 100) / 2, h - 80),
        Frame(60 + (w - 100) / 2, 40, (w - 100) / 2, h - 80),
    ]
    doc.addPageTemplates([PageTemplate(frames=frames)])
    story = []
    sentences, rows = [], []
    for a in articles:
        story.append(Paragraph(a.title, styles["Heading2"]))
        text = " ".join(a.intro + a.steps).replace("°", "deg")
        sentences.extend(s.replace("°", "deg") for s in a.intro + a.steps)
        story.append(Paragraph(text, styles["Normal"]))
        table = Table([["Weight", f"{a.hours} kg"], ["Power", f"{a.hours * 50} W"]])
        table.setStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
        story.append(table)
        rows += [f"Weight {a.hours} kg", f"Power {a.hours * 50} W"]
    doc.build(story)
    return buf.getvalue(), sentences, rows


def _msglint_text(data: bytes) -> tuple[int, str]:
    from msglint.model import Role
    from msglint.parse import parse_binary

    doc = parse_binary(data, "pdf", source="b", role=Role.DOCS, path="x.pdf")
    rows = ["\n".join(" ".join(c for c, _ in row) for row in doc.meta["rows"])]
    return len(doc.pages or []), "\n".join([*(s.text for s in doc.segments), *rows])


def _pdfium_text(data: bytes) -> tuple[int, str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    return len(texts), "\n".join(texts).replace("\r\n", "\n")


def _plumber_text(data: bytes) -> tuple[int, str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        texts = [p.extract_text() or "" for p in pdf.pages]
    return len(texts), "\n".join(texts)


def _pypdf_text(data: bytes) -> tuple[int, str]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    texts = [p.extract_text() or "" for p in reader.pages]
    return len(texts), "\n".join(texts)


READERS = {"msglint (pypdfium2 + layout)": _msglint_text, "pypdfium2 text": _pdfium_text,
           "pdfplumber": _plumber_text, "pypdf": _pypdf_text}  # fmt: skip


def _norm(text: str) -> str:
    return " ".join(text.replace("\ufffe", "").split())


def readers(extra: list[Path], seed: int) -> None:
    samples = generated_pdfs(random.Random(seed))
    for path in extra:
        samples[path.name] = (path.read_bytes(), [], [])
    print("PDF readers (best of 3; quality on generated PDFs, whose text is known):")
    print(f"  {'document':<34} {'reader':<28} {'pages/s':>8} {'MB/s':>6} {'whole':>6} {'rows':>5}")
    for name, (data, sentences, rows) in samples.items():
        for reader, fn in READERS.items():
            try:
                best = float("inf")
                for _ in range(3):
                    started = time.perf_counter()
                    pages, text = fn(data)
                    best = min(best, time.perf_counter() - started)
            except ImportError:
                continue
            flat = _norm(text)
            whole = sum(_norm(s) in flat for s in sentences) / len(sentences) if sentences else None
            lines = {_norm(x) for x in text.splitlines()}
            one_line = sum(_norm(r) in lines for r in rows) / len(rows) if rows else None
            print(f"  {name[:34]:<34} {reader:<28} {pages / best:>8.0f} "
                  f"{len(data) / best / 1e6:>6.1f} "
                  f"{'-' if whole is None else f'{whole:.2f}':>6} "
                  f"{'-' if one_line is None else f'{one_line:.2f}':>5}")  # fmt: skip


# -- 3. pairing at scale ---------------------------------------------------------------------


def pairing(brand_docs: int, partner_docs: int, seed: int) -> None:
    import copy

    from msglint.extract.digest import sketch
    from msglint.model import DocDigest, Role
    from msglint.pairing import Pairing

    rng = random.Random(seed)
    articles = [make_article(rng, i) for i in range(brand_docs)]
    texts = [" ".join(str(c) if isinstance(c, str) else " ".join(c) for _, c in blocks(a))
             for a in articles]  # fmt: skip
    started = time.perf_counter()
    words = [re.findall(r"\w+", t.casefold()) for t in texts]
    brand = [
        DocDigest(source="brand", role=Role.REFERENCE, path=f"brand/a{i}.html", format="html",
                  title=a.title, sketch=sketch(w))
        for i, (a, w) in enumerate(zip(articles, words, strict=True))
    ]  # fmt: skip
    floor = (time.perf_counter() - started) / brand_docs
    partner = []
    truth = []
    for j in range(partner_docs):
        if j % 5 == 4:  # unrelated
            a = make_article(rng, brand_docs + j)
            truth.append(None)
        else:
            i = rng.randrange(brand_docs)
            a = copy.deepcopy(articles[i])
            benign(a, rng, "Shop")
            plant(a, rng.choice(list(KINDS)), rng)
            truth.append(i)
        text = " ".join(str(c) if isinstance(c, str) else " ".join(c) for _, c in blocks(a))
        title = a.title if j % 2 else f"{a.title} | Shop Help"
        partner.append(DocDigest(source="shop", role=Role.PARTNER, path=f"shop/p{j}.html",
                                 format="html", title=title,
                                 sketch=sketch(re.findall(r"\w+", text.casefold()))))  # fmt: skip
    tracemalloc.start()
    started = time.perf_counter()
    index = Pairing()
    for d in brand:
        index.add_reference(d)
    right = wrong = unrelated = 0
    methods: dict[str, int] = {}
    position = {id(d): i for i, d in enumerate(index.reference)}
    for d, want in zip(partner, truth, strict=True):
        pair = index.pair(d)
        got = None if pair is None else position[id(pair.reference)]
        right += got == want
        wrong += got is not None and want is not None and got != want
        unrelated += got is not None and want is None
        methods[pair.method if pair else "none"] = (
            methods.get(pair.method if pair else "none", 0) + 1
        )
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"pairing {partner_docs:,} partner documents against {brand_docs:,} brand documents: "
          f"{seconds:.2f} s ({partner_docs / seconds:,.0f} documents/s), peak {peak / 2**20:.1f} "
          f"MiB over the digests; {right / partner_docs:.4f} paired right, {wrong} copies paired "
          f"with another document, {unrelated} unrelated documents paired ({methods}); "
          f"{seconds / partner_docs / floor:.2f}x the time to sketch one document "
          f"({floor * 1e3:.2f} ms)")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--part",
        choices=["readers", "planted", "pairing", "support", "isolation", "all"],
        default="all",
    )
    parser.add_argument("--docs", type=int, default=400, help="brand documents (planted)")
    parser.add_argument("--brand", type=int, default=2000)
    parser.add_argument("--partner", type=int, default=10000)
    parser.add_argument("--readers-pdf", type=Path, nargs="*", default=[])
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    status = 0
    if args.part in ("readers", "all"):
        readers(args.readers_pdf, args.seed)
    if args.part in ("planted", "all"):
        status = planted(args.docs, args.seed)
    if args.part in ("pairing", "all"):
        pairing(args.brand, args.partner, args.seed)
    if args.part in ("support", "all"):
        sys.path.insert(0, str(Path(__file__).parent))
        from support import run as support_facts  # benchmarks/support.py

        status |= support_facts(8, 60, args.seed)
    if args.part in ("isolation", "all"):
        sys.path.insert(0, str(Path(__file__).parent))
        from pdf_isolation import run as isolation  # benchmarks/pdf_isolation.py

        isolation(40, 1_000_000)
    return status


if __name__ == "__main__":
    sys.exit(main())
