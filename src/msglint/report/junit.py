"""JUnit XML report: a test case per checked file or page, a failure per finding.

CI systems (GitLab, Jenkins, Azure, CircleCI) show JUnit results as a test tab. Each source is
a test suite; a file with no findings is a passing test case, so the tab shows what was
checked, not only what failed. XML is built with ElementTree (it escapes), and characters XML
1.0 cannot hold (control characters from a hostile page) are dropped first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from msglint.model import Finding
from msglint.model.result import RunResult
from msglint.report import ReportOptions
from msglint.report.meta import place

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def render(result: RunResult, options: ReportOptions) -> str:
    root = ET.Element("testsuites", name="msglint")
    by_file: dict[tuple[str, str], list[Finding]] = {}
    for f in result.findings:
        by_file.setdefault((f.source, f.location.url or f.location.path), []).append(f)
    checked = result.documents
    sources = list(dict.fromkeys([*checked, *(s for s, _ in by_file)]))
    total = failures = 0
    for source in sources:
        names = list(
            dict.fromkeys([*checked.get(source, []), *(p for s, p in by_file if s == source)])
        )
        suite = ET.SubElement(root, "testsuite", name=_clean(source))
        n_fail = 0
        for name in names:
            case = ET.SubElement(suite, "testcase", name=_clean(name), classname=_clean(source))
            for f in by_file.get((source, name), []):
                n_fail += 1
                failure = ET.SubElement(
                    case, "failure", message=_clean(f.message), type=_clean(f.rule)
                )
                failure.text = _clean(_text(f))
        suite.set("tests", str(len(names)))
        suite.set("failures", str(n_fail))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total += len(names)
        failures += n_fail
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    root.set("time", f"{result.timings.total:.3f}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _text(f: Finding) -> str:
    lines = [f"{f.severity.value}: {f.message}", f"rule: {f.rule}", f"at: {place(f.location)}"]
    if f.location.anchor:
        lines.append(f"selector: {f.location.anchor}")
    if f.expected is not None:
        lines.append(f"expected: {f.expected.text}")
    if f.actual is not None:
        lines.append(f"actual: {f.actual.text}")
    if f.reference is not None:
        lines.append(f"reference: {f.reference.source} {place(f.reference.location)}")
    if f.overdue:
        lines.append(f"overdue: {f.overdue}")
    if f.link:
        lines.append(f"see: {f.link}")
    return "\n".join(lines)
