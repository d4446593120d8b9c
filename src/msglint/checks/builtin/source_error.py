"""`msglint.source-error`: a file or page that could not be read."""

from __future__ import annotations

from typing import ClassVar

from msglint.checks.builtin.base import BuiltinRule
from msglint.model import Code, Document, Finding, Location, Role, Severity


class SourceError(BuiltinRule):
    """A file or page could not be read, so it was not checked.

    **What it checks**
    Every file of a source's `paths` and every page of its `urls`, `sitemaps` or
    `url_list` that msglint could not read: a file that is missing, unreadable, binary, of
    a type it does not check or over `max_file_size`, text in no encoding it can decode, a
    page that could not be fetched (an HTTP error, a timeout, a start URL robots.txt
    disallows, an encrypted or damaged PDF or DOCX). The finding says why and where; a
    document read only in part (a PDF whose pages have no text layer) is a warning, and one
    that took longer than `document_timeout` to check is an error with the code
    `over-time-budget`, naming what ran.

    **Why it matters**
    A page that was not read has no findings, and no findings looks like a clean page. The
    error keeps the run honest about what it did not see; one unreadable page never stops
    the others.

    **Example (flagged)**
    `partners/shop/pricing.html` is not readable, or `https://shop.example/p/1` answers
    `HTTP 404 Not Found`.

    **Example (fine)**
    Every file and page of the source is read.

    **Options**
    None; `disable: [msglint.source-error]` in the config switches it off.
    """

    id: ClassVar[str] = "msglint.source-error"
    level: ClassVar[Severity] = Severity.ERROR

    @classmethod
    def finding(
        cls,
        source: str,
        role: Role,
        path: str,
        reason: str,
        url: str | None = None,
        code: Code = Code.UNREADABLE,
    ) -> Finding:
        return Finding(
            rule=cls.id,
            severity=cls.level,
            message=f"Could not check {url or path}: {reason}",
            source=source,
            role=role,
            location=Location(path=path, url=url),
            actual=reason,
            code=code,
        )

    @classmethod
    def partly(cls, doc: Document, reason: str) -> Finding:
        """A document read only in part (a PDF over the page limit, pages without text):
        a warning, since the rest of it was checked."""
        return Finding(
            rule=cls.id,
            severity=Severity.WARNING,
            message=f"Could not check all of {doc.url or doc.path}: {reason}",
            source=doc.source,
            role=doc.role,
            location=Location(path=doc.path, url=doc.url),
            actual=reason,
            code=Code.PARTLY_READ,
        )
