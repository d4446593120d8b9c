"""Write the example's PDF and DOCX documents (run from this folder; needs the dev extra).

    python make_documents.py

The brand's datasheet and operating manual are PDFs (fpdf2); the distributor's copies are
a PDF datasheet with its own footer and a Word (DOCX) manual with its own header, made from
the brand's text with the drift PLANTED.md lists. The output is reproducible: fixed
creation dates and zip timestamps, so running this again gives the same bytes (with the
pinned fpdf2 and python-docx), and the example's exact test keeps its meaning.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
WHEN = datetime(2024, 3, 12, 9, 0, tzinfo=UTC)

PRODUCT = "AquaFlow X100 Submersible Pump"
SPECS = [
    ("Article no.", "AF-X100"),
    ("Weight", "12 kg"),
    ("Max. head", "12 m"),
    ("Max. flow rate", "180 l/min"),
    ("Power", "750 W"),
    ("Voltage", "230 V / 50 Hz"),
    ("Cable length", "10 m"),
    ("Max. water temperature", "35 °C"),
    ("Max. immersion depth", "7 m"),
    ("Protection class", "IPX8"),
]

# The brand's operating manual, version 4.1: (kind, content) blocks.
MANUAL = [
    ("title", f"{PRODUCT} - Operating Manual"),
    ("p", "Manual version 4.1 - Last updated: 12 March 2024"),
    ("h", "1. Safety instructions"),
    ("p", "Read this manual completely before you install the pump and keep it for later use."),
    (
        "warning",
        "WARNING: Always disconnect the pump from the mains before you install, "
        "clean or service it. Contact with live parts can cause death or serious injury.",
    ),
    (
        "warning",
        "CAUTION: Never run the pump dry. Running dry for more than 30 seconds damages "
        "the shaft seal.",
    ),
    (
        "warning",
        "WARNING: Connect the pump only to a socket protected by a residual current "
        "device (RCD) with a trip current of 30 mA or less.",
    ),
    ("h", "2. Intended use"),
    (
        "p",
        "The X100 pumps clear water and slightly dirty water with particles up to 5 mm. "
        "It is not suitable for salt water, flammable liquids or food.",
    ),
    ("h", "3. Installation"),
    (
        "steps",
        [
            "Attach the discharge hose to the outlet and secure it with the hose clamp.",
            "Tighten the flange bolts to 30 Nm in a cross pattern.",
            "Set the float switch cable to a free length of 15 cm.",
            "Lower the pump into the water by its handle, never by the power cable.",
            "Plug the pump into an RCD-protected socket.",
        ],
    ),
    ("p", "The pump starts when the water level reaches 45 cm and stops at 12 cm."),
    ("h", "4. Maintenance"),
    ("p", "Clean the intake screen every 3 months, or more often in dirty water."),
    (
        "steps",
        [
            "Unplug the pump and lift it out of the water.",
            "Remove the four screws of the intake screen.",
            "Rinse the screen and the impeller with clear water.",
            "Refit the screen and tighten the screws to 2 Nm.",
        ],
    ),
    ("h", "5. Technical data"),
    ("table", SPECS[1:]),
    ("h", "6. Service and warranty"),
    (
        "p",
        "The X100 comes with a 3-year warranty. Register your pump within 30 days of "
        "purchase to extend it to 5 years.",
    ),
    (
        "p",
        "Service hotline: +1 (800) 555-0142, Monday to Friday, 8 am to 6 pm Eastern. "
        "Email: service@aquaflow.example",
    ),
]


def distributor_manual() -> list[tuple[str, object]]:
    """HydroTec's copy: version 3.0 (planted), 25 Nm (planted), the RCD warning missing
    (planted), steps 3 and 4 of the installation swapped (planted), and the dry-running
    sentence the brand removed in version 4 (planted); its own header line (benign)."""
    blocks: list[tuple[str, object]] = [
        ("p", "HydroTec Pumpen GmbH - authorised AquaFlow distributor - www.hydrotec.example"),
    ]
    for kind, content in MANUAL:
        if kind == "p" and str(content).startswith("Manual version"):
            content = "Manual version 3.0 - Last updated: 02.09.2022"
        if kind == "warning" and "residual current" in str(content):
            continue
        if kind == "steps" and "flange bolts" in str(content):
            steps = [s.replace("30 Nm", "25 Nm") for s in content]  # type: ignore[attr-defined]
            steps[2], steps[3] = steps[3], steps[2]
            content = steps
        blocks.append((kind, content))
        if kind == "p" and str(content).startswith("The X100 pumps clear water"):
            blocks.append(
                ("p", "The pump may run dry for up to 5 minutes without damage to the shaft seal.")
            )
        if kind == "p" and str(content).startswith("Service hotline"):
            blocks[-1] = (
                "p",
                "Service hotline: 1-800-555-0142, Monday to Friday, 8:00-18:00 "
                "Eastern. Email: service@aquaflow.example",
            )  # benign format
    return blocks


def pdf_manual(blocks: list[tuple[str, object]], footer: str) -> bytes:
    from fpdf import FPDF

    class Manual(FPDF):
        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 10, f"{footer} - page {self.page_no()}", align="C")

    pdf = Manual(format="A4")
    pdf.set_creation_date(WHEN)
    pdf.set_title(str(blocks[0][1]))
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    for kind, content in blocks:
        if kind == "title":
            pdf.set_font("Helvetica", "B", 18)
            pdf.multi_cell(0, 9, str(content), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "h":
            pdf.ln(3)
            pdf.set_font("Helvetica", "B", 13)
            pdf.multi_cell(0, 7, str(content), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "p":
            pdf.set_font("Helvetica", size=10)
            pdf.multi_cell(0, 5, str(content), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "warning":
            pdf.set_font("Helvetica", "B", 10)
            pdf.multi_cell(0, 5, str(content), border=1, padding=2, new_x="LMARGIN",
                           new_y="NEXT")  # fmt: skip
            pdf.ln(2)
        elif kind == "steps":
            pdf.set_font("Helvetica", size=10)
            for n, step in enumerate(content, 1):  # type: ignore[arg-type]
                pdf.cell(8, 5, f"{n}.")
                pdf.multi_cell(0, 5, step, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "table":
            pdf.set_font("Helvetica", size=10)
            with pdf.table(
                col_widths=(60, 60), width=120, align="LEFT", first_row_as_headings=False
            ) as table:
                for label, value in content:  # type: ignore[misc]
                    row = table.row()
                    row.cell(label)
                    row.cell(value)
            pdf.ln(2)
    return bytes(pdf.output())


def pdf_datasheet(specs: list[tuple[str, str]], footer: str) -> bytes:
    from fpdf import FPDF

    class Sheet(FPDF):
        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 10, footer, align="C")

    pdf = Sheet(format="A4")
    pdf.set_creation_date(WHEN)
    pdf.set_title(f"{PRODUCT} - Datasheet")
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 9, f"{PRODUCT} - Datasheet", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, "Rev. C - March 2024", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.multi_cell(
        0, 5,
        "A compact submersible pump for draining flooded cellars, ponds and pools. The "
        "stainless steel housing and the built-in float switch make it a pump you can leave "
        "in place.",
        new_x="LMARGIN", new_y="NEXT",
    )  # fmt: skip
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 13)
    pdf.multi_cell(0, 7, "Technical data", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    with pdf.table(
        col_widths=(60, 60), width=120, align="LEFT", first_row_as_headings=False
    ) as table:
        for label, value in specs:
            row = table.row()
            row.cell(label)
            row.cell(value)
    return bytes(pdf.output())


def docx_manual(blocks: list[tuple[str, object]]) -> bytes:
    import docx

    document = docx.Document()
    core = document.core_properties
    core.title = f"{PRODUCT} - Operating Manual"
    core.author = "HydroTec Pumpen GmbH"
    core.created = core.modified = WHEN.replace(tzinfo=None)
    core.revision = 1
    header = document.sections[0].header.paragraphs[0]
    header.text = "HydroTec Pumpen GmbH - Betriebsanleitung / Operating manual"
    for kind, content in blocks:
        if kind == "title":
            document.add_heading(str(content), level=0)
        elif kind == "h":
            document.add_heading(str(content).split(" ", 1)[1], level=1)
        elif kind in ("p", "warning"):
            paragraph = document.add_paragraph(str(content))
            if kind == "warning":
                paragraph.runs[0].bold = True
        elif kind == "steps":
            for step in content:  # type: ignore[attr-defined]
                document.add_paragraph(step, style="List Number")
        elif kind == "table":
            table = document.add_table(rows=0, cols=2)
            for label, value in content:  # type: ignore[misc]
                cells = table.add_row().cells
                cells[0].text, cells[1].text = label, value
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip(out.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every member dated WHEN, so the file is byte-for-byte stable."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=WHEN.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


def main() -> None:
    writes = {
        "site/datasheets/aquaflow-x100-datasheet.pdf": pdf_datasheet(
            SPECS, "AquaFlow Pumps Inc. - www.aquaflow.example"
        ),
        "site/manuals/aquaflow-x100-manual.pdf": pdf_manual(
            MANUAL, "AquaFlow X100 Operating Manual v4.1"
        ),
        "partners/hydrotec/datasheets/x100-datasheet.pdf": pdf_datasheet(
            [(k, "14 kg" if k == "Weight" else v) for k, v in SPECS],  # planted: 12 kg
            "HydroTec Pumpen GmbH - Industriestrasse 4 - www.hydrotec.example",
        ),
        "partners/hydrotec/manuals/hydrotec-x100-manual.docx": docx_manual(distributor_manual()),
    }
    for rel, data in writes.items():
        target = HERE / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        print(f"wrote {rel} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
