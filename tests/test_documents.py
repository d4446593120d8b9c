"""PDF and DOCX as sources: text with page and line evidence, and hostile files.

The documents are written by the test with fpdf2, pypdf and python-docx (the test extra),
and run through the real CLI: an encrypted, damaged or image-only PDF, a 500-page PDF, a
DOCX that is a zip bomb or declares entities each give a clear source error (or a bounded
read), and every other document in the same source is still checked.
"""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import pytest

from msglint.model import Role
from msglint.parse import UnreadableDocument, parse_binary

fpdf = pytest.importorskip("fpdf")
docx = pytest.importorskip("docx")

RULES = """\
rules:
  - id: t.email
    kind: terminology
    swap: {e-mail: email}
"""


def pdf_bytes(pages: list[list[str]], *, image_only: bool = False) -> bytes:
    pdf = fpdf.FPDF()
    pdf.set_font("Helvetica", size=11)
    for lines in pages:
        pdf.add_page()
        if image_only:
            from PIL import Image

            buf = io.BytesIO()
            Image.new("RGB", (200, 100), "white").save(buf, format="PNG")
            pdf.image(buf, x=10, y=10, w=100)
            continue
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_heading("Resetting the controller", level=1)
    document.add_paragraph("Write down your settings first. Send them by e-mail to yourself.")
    for step in ("Unplug the controller.", "Hold the reset button for 10 seconds."):
        document.add_paragraph(step, style="List Number")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Weight"
    table.rows[0].cells[1].text = "1.2 kg"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def project(root: Path, files: dict[str, bytes]) -> Path:
    (root / "docs").mkdir()
    (root / "msglint.yaml").write_text(
        "sources:\n  - {name: docs, role: docs, paths: [docs/]}\npacks: [rules.yaml]\n"
    )
    (root / "rules.yaml").write_text(RULES)
    for name, data in files.items():
        (root / "docs" / name).write_bytes(data)
    return root


def findings(run_cli, root: Path) -> list[dict]:
    result = run_cli(["check", "--format", "json", "--no-history"], root)
    return json.loads(result.stdout)["findings"]


def test_pdf_findings_have_page_and_line(tmp_path: Path, run_cli) -> None:
    data = pdf_bytes([["Page one says nothing."], ["Intro line.", "Reach us by e-mail today."]])
    root = project(tmp_path, {"manual.pdf": data})
    (got,) = findings(run_cli, root)
    assert got["rule"] == "t.email"
    assert got["location"]["page"] == 2
    assert got["location"]["line"] == 2
    assert got["location"]["column"] == 13
    assert got["actual"]["text"] == "e-mail"


def test_docx_findings_have_the_paragraph_as_line(tmp_path: Path, run_cli) -> None:
    root = project(tmp_path, {"guide.docx": docx_bytes()})
    (got,) = findings(run_cli, root)
    assert got["location"]["line"] == 2
    assert got["location"]["page"] is None
    doc = parse_binary(docx_bytes(), "docx", source="s", role=Role.DOCS, path="g.docx")
    kinds = [(s.kind, s.text) for s in doc.segments]
    assert kinds[0] == ("heading", "Resetting the controller")
    assert ("list-item", "1. Unplug the controller.") in kinds
    assert ("list-item", "2. Hold the reset button for 10 seconds.") in kinds
    assert doc.rows == [[("Weight", doc.content.index("Weight")),
                                 ("1.2 kg", doc.content.index("1.2 kg"))]]  # fmt: skip


def test_docx_pages_where_word_saved_page_breaks(tmp_path: Path, run_cli) -> None:
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.add_paragraph("Page one is fine.")
    document.add_paragraph("So is this line.").add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("Page two starts here.")
    document.add_paragraph("Send it by e-mail.")
    out = io.BytesIO()
    document.save(out)
    root = project(tmp_path, {"paged.docx": out.getvalue()})
    (got,) = findings(run_cli, root)
    assert (got["location"]["page"], got["location"]["line"]) == (2, 2)


def _encrypted() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_bytes([["Secret text."]]))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        body = b'<w:document xmlns:w="x">' + b" " * (40 * 1024 * 1024) + b"</w:document>"
        zf.writestr("word/document.xml", body)
    return out.getvalue()


def _entities() -> bytes:
    out = io.BytesIO()
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;">]>'
        b"<w:document>&b;</w:document>"
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", laughs)
    return out.getvalue()


HOSTILE = {
    "encrypted.pdf": (_encrypted, "encrypted"),
    "damaged.pdf": (lambda: b"%PDF-1.7\n1 0 obj <<broken", "damaged"),
    "scan.pdf": (lambda: pdf_bytes([[], []], image_only=True), "no text layer"),
    "bomb.docx": (_zip_bomb, "zip bomb"),
    "entities.docx": (_entities, "DTD"),
    "notzip.docx": (lambda: b"PK\x03\x04 not really", "not a readable DOCX"),
}


def test_hostile_documents_are_source_errors_and_the_rest_is_checked(
    tmp_path: Path, run_cli
) -> None:
    files = {name: make() for name, (make, _) in HOSTILE.items()}
    files["good.pdf"] = pdf_bytes([["Write us an e-mail."]])
    root = project(tmp_path, files)
    started = time.perf_counter()
    got = findings(run_cli, root)
    assert time.perf_counter() - started < 60
    errors = {Path(f["location"]["path"]).name: f["actual"]["text"] for f in got
              if f["rule"] == "msglint.source-error"}  # fmt: skip
    assert set(errors) == set(HOSTILE)
    for name, (_, reason) in HOSTILE.items():
        assert reason in errors[name], (name, errors[name])
    assert [f["location"]["path"] for f in got if f["rule"] == "t.email"] == ["docs/good.pdf"]


def test_a_500_page_pdf_is_read_in_bounded_time(tmp_path: Path, run_cli) -> None:
    pages = [[f"Section {n}: keep the pump upright."] for n in range(500)]
    pages[499] = ["The last page asks for an e-mail."]
    root = project(tmp_path, {"big.pdf": pdf_bytes(pages)})
    started = time.perf_counter()
    (got,) = findings(run_cli, root)
    assert time.perf_counter() - started < 60
    assert got["location"]["page"] == 500


def test_pages_over_the_limit_are_reported_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from msglint.parse import pdf

    monkeypatch.setattr(pdf, "MAX_PAGES", 3)
    data = pdf_bytes([[f"Page {n} text."] for n in range(5)])
    doc = parse_binary(data, "pdf", source="s", role=Role.DOCS, path="x.pdf")
    assert doc.problems == ["only the first 3 of 5 pages were read"]
    assert doc.pages is not None and len(doc.pages) == 3


def test_a_pdf_with_some_image_pages_says_which() -> None:
    text = pdf_bytes([["Text on page one."]])
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for source in (text, pdf_bytes([[]], image_only=True)):
        for page in PdfReader(io.BytesIO(source)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    doc = parse_binary(out.getvalue(), "pdf", source="s", role=Role.DOCS, path="x.pdf")
    assert doc.problems == ["page 2 has no text layer"]


def test_unreadable_documents_raise_with_the_reason() -> None:
    with pytest.raises(UnreadableDocument, match="encrypted"):
        parse_binary(_encrypted(), "pdf", source="s", role=Role.DOCS, path="x.pdf")


def test_a_pdf_in_a_folder_is_read_not_skipped(tmp_path: Path, run_cli) -> None:
    root = project(tmp_path, {"a.pdf": pdf_bytes([["Send an e-mail."]])})
    result = run_cli(["check", "--format", "json", "--no-history"], root)
    assert json.loads(result.stdout)["summary"]["documents"] == {"docs": 1}


def test_pdf_tables_reading_order_and_headers(tmp_path: Path) -> None:
    """Table rows keep their cells, a running footer is dropped, a justified line stays one
    line."""
    pdf = fpdf.FPDF()
    pdf.set_auto_page_break(False)
    for n, heading in ((1, "Installation"), (2, "Maintenance")):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        pdf.multi_cell(0, 5, f"A justified paragraph about {heading.lower()} that runs over "
                       "more than one line so that its spaces are stretched to fill the whole "
                       "width of the column on every line except the last.", align="J",
                       new_x="LMARGIN", new_y="NEXT")  # fmt: skip
        if n == 1:
            with pdf.table(col_widths=(40, 40), width=80, first_row_as_headings=False) as table:
                for label, value in (("Weight", "12 kg"), ("Max. head", "12 m")):
                    row = table.row()
                    row.cell(label)
                    row.cell(value)
        pdf.set_y(-20)
        pdf.cell(0, 5, f"Distributor GmbH - page {n}")
    doc = parse_binary(bytes(pdf.output()), "pdf", source="s", role=Role.DOCS, path="x.pdf")
    texts = [(s.kind, s.text) for s in doc.segments]
    assert ("heading", "Maintenance") in texts
    assert not any("Distributor" in t for _, t in texts)
    paragraphs = [t for k, t in texts if k == "paragraph"]
    assert paragraphs[0].startswith("A justified paragraph") and paragraphs[0].endswith("last.")
    assert [[c for c, _ in row] for row in doc.rows[:2]] == [
        ["Weight", "12 kg"],
        ["Max. head", "12 m"],
    ]


# -- a PDF that stalls PDFium, and the helper process that bounds it --------------------


def stalling_pdf(operators: int) -> bytes:
    """A small PDF whose one page holds `operators` text-showing operators: PDFium's page
    and text-page loading is linear in them and cannot be interrupted (a million take
    seconds in C), while the file compresses to a few KB."""
    import zlib

    ops = b"BT /F1 1 Tf 0 0 Td " + b"(a) Tj 1 0 Td " * operators + b"ET"
    stream = zlib.compress(ops, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.7\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def test_a_pdf_that_stalls_the_reader_is_stopped_and_the_rest_is_checked(
    tmp_path: Path, run_cli
) -> None:
    files = {"stall.pdf": stalling_pdf(3_000_000), "good.pdf": pdf_bytes([["Send an e-mail."]])}
    root = project(tmp_path, files)
    config = root / "msglint.yaml"
    config.write_text(config.read_text() + "document_timeout: 2\n")
    started = time.perf_counter()
    got = findings(run_cli, root)
    elapsed = time.perf_counter() - started
    errors = [f for f in got if f["rule"] == "msglint.source-error"]
    assert [Path(f["location"]["path"]).name for f in errors] == ["stall.pdf"]
    assert "reading the PDF took longer than" in errors[0]["actual"]["text"]
    assert [f["location"]["path"] for f in got if f["rule"] == "t.email"] == ["docs/good.pdf"]
    assert elapsed < 30  # 3 million operators keep PDFium busy for far longer on this machine


def _crash() -> None:
    import os
    import signal

    os.kill(os.getpid(), signal.SIGSEGV)


def _allocate() -> int:
    return len(bytearray(4 * 1024**3))


def _echo(value: str) -> str:
    return value


def test_monospaced_text_in_a_pdf_is_code_not_prose() -> None:
    """Words set in a monospaced font are what `<code>` is on a page: "in file `file`" (the
    libtasn1 manual) is no repeated word, and a line of code (a command, a hex dump) is not
    prose; where monospace is the body font (a typewriter-style PDF) it is prose."""
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.write(8, "Creates the structures for the definitions included in file ")
    pdf.set_font("Courier", size=11)
    pdf.write(8, "file")
    pdf.set_font("Helvetica", size=11)
    pdf.write(8, " and checks them.")
    pdf.ln(12)
    pdf.set_font("Courier", size=11)
    pdf.cell(0, 8, "00000020 64 69 66 66 09 0a 2a 2a 2a", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 8, "Send the e-mail to the the team.", new_x="LMARGIN", new_y="NEXT")
    doc = parse_binary(bytes(pdf.output()), "pdf", source="s", role=Role.DOCS, path="m.pdf")
    texts = [s.text for s in doc.segments]
    assert texts == [
        "Creates the structures for the definitions included in file and checks them.",
        "Send the e-mail to the the team.",
    ]
    first = doc.segments[0]
    at = first.text.index("file and")
    assert first.spans_gap(at, at + len("file and"))  # the code stood between them

    typewriter = fpdf.FPDF()
    typewriter.add_page()
    typewriter.set_font("Courier", size=11)
    for line in ("Dear customer,", "your order ships on Monday.", "Regards, the team"):
        typewriter.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    doc = parse_binary(bytes(typewriter.output()), "pdf", source="s", role=Role.DOCS, path="t.pdf")
    assert "your order ships on Monday." in " ".join(s.text for s in doc.segments)


def test_the_reader_child_keeps_no_pipe_of_another_child_open() -> None:
    """A PDF read while the process drives another child over a pipe (Playwright's driver
    during a crawl with `render: browser`) must not keep that pipe open in the reader: the
    other child waits for its end of file, and the run's exit waited on it for ever (the
    HTML-report tests hung at their browser's teardown after reading the AquaFlow PDFs)."""
    import subprocess
    import sys

    from msglint.parse import isolate

    if not isolate.can_isolate():
        pytest.skip("no fork on this platform")
    if isolate._helper is not None:
        isolate._helper.close()
        isolate._helper = None
    driver = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )
    try:
        assert isolate.call(_echo, ("read",), 30, "reading the PDF") == "read"  # forks now
        assert driver.stdin is not None
        driver.stdin.close()
        assert driver.wait(timeout=20) == 0
    finally:
        driver.kill()
        driver.wait()


def test_the_reader_child_turns_crashes_and_memory_into_reasons() -> None:
    from msglint.parse import isolate

    if not isolate.can_isolate():
        pytest.skip("no fork on this platform")
    with pytest.raises(isolate.Stopped, match=r"crashed the reader \(SIGSEGV\)"):
        isolate.call(_crash, (), 30, "reading the PDF")
    with pytest.raises(isolate.Stopped, match="needed more than 1,024 MB of memory"):
        isolate.call(_allocate, (), 30, "reading the PDF")
    with pytest.raises(isolate.Stopped, match=r"took longer than 0\.5 s"):
        isolate.call(time.sleep, (10,), 0.5, "reading the PDF")
    assert isolate.call(_echo, ("still works",), 30, "x") == "still works"  # a new child
    with pytest.raises(UnreadableDocument, match="encrypted"):  # raised in the child
        parse_binary(_encrypted(), "pdf", source="s", role=Role.DOCS, path="x.pdf")
