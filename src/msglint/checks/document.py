"""The `document` rule kind: a partner's copy of a brand document that drifted from it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from msglint.checks.consistency import ConsistencyRule
from msglint.checks.docalign import (
    Alignment,
    align,
    best_score,
    content_words,
    out_of_order,
    procedures,
)
from msglint.checks.docpassages import (
    anchor_in,
    doc_names,
    first_passage,
    heading_of,
    in_edition,
    latest_edition,
    names_partner,
    norm_heading,
    same_words,
    start_of,
)
from msglint.checks.docvalues import changed, code_gap_spans, within, without_marker
from msglint.model import (
    Code,
    DocDigest,
    Edition,
    Evidence,
    Finding,
    Location,
    RecordField,
    Role,
)
from msglint.values.editions import older

if TYPE_CHECKING:
    from msglint.pairing import DocPair, Pairing

Check = Literal["outdated", "steps", "numbers", "warnings", "removed", "missing"]
CHECKS: tuple[str, ...] = ("outdated", "steps", "numbers", "warnings", "removed", "missing")
#: Which check reports a finding of each code (the finding's field key).
_CHECK_OF = {
    Code.OUTDATED: "outdated",
    Code.DIFFERS: "numbers",
    Code.STEP_MISSING: "steps",
    Code.STEP_EXTRA: "steps",
    Code.STEP_ORDER: "steps",
    Code.WARNING_MISSING: "warnings",
    Code.SENTENCE_REMOVED: "removed",
}


class DocumentRule(ConsistencyRule):
    """A partner's copy of a brand document (manual, datasheet, article) has drifted.

    **What it checks**
    Each partner document is paired with the brand's version of it (by the `documents:`
    settings, canonical URL, file name, title or content; see README, "Documents"), their
    sentences, steps and table rows are aligned by wording with numbers masked, and:
    - `outdated`: the copy states an older version, revision or "last updated" date than
      the brand's ("Version 3.0" against "Version 4.1"; dates in any format);
    - `steps`: a numbered procedure lacks a step of the brand's, has a step the brand's
      does not, or has its steps in another order;
    - `numbers`: an aligned sentence or table row states another number, quantity, time,
      date, phone number or e-mail address (unit-aware: "12 kg" is "26.5 lb");
    - `warnings`: a warning or safety note of the brand's copy is missing;
    - `removed`: a sentence the brand's copy no longer has is still in the middle of the
      partner's copy (its own introduction, header and footer are its business);
    - `missing`: a brand document that `documents.carry` says a partner must carry has no
      copy at that partner.
    Each finding shows the brand's passage (expected, with its place) and the partner's
    (actual), and the message names what differs.

    **Why it matters**
    Partners copy manuals and knowledge-base articles once and never update them; an old
    torque value, a missing step or a dropped warning is a safety and support risk that
    carries the brand's name.

    **Example (flagged)**
    Brand manual `3. Tighten the flange bolts to 30 Nm.`; distributor's copy `3. Tighten
    the flange bolts to 25 Nm.`

    **Example (fine)**
    Brand `Last updated: March 3, 2024`; partner `Last updated: 03.03.2024`. A reflowed
    paragraph, a reworded sentence with the same numbers, the partner's own header and
    footer.

    **Options**
    `checks`: which of the checks above to run (default: all). `threshold`: wording
    similarity (0-100, numbers masked) for two passages to be aligned (default 75).
    `min_words`: shortest sentence reported by `removed` (default 6).
    """

    kind: Literal["document"]
    family: ClassVar[str] = "document"
    #: Reference bundles carry records, not documents: the kind stays with the brand.
    bundled: ClassVar[bool] = False
    checks: list[Check] = Field(default_factory=lambda: list(CHECKS))
    threshold: float = Field(default=75.0, ge=50, le=100)
    min_words: int = Field(default=6, ge=1)

    def wants(self, check: str) -> bool:
        return check in self.checks

    # -- one pair ----------------------------------------------------------------------------

    def compare_documents(self, pair: DocPair) -> Iterator[Finding]:
        """Findings for one partner document and the brand's version of it."""
        ref, part = pair.reference, pair.partner
        if self.wants("outdated"):
            yield from self._outdated(pair)
        if not (set(self.checks) & {"steps", "numbers", "warnings", "removed"}):
            return
        found = pair.cache.get(("align", self.threshold))
        if not isinstance(found, Alignment):  # the first rule aligns; the others reuse it
            found = align(ref.passages, part.passages, self.threshold)
            pair.cache[("align", self.threshold)] = found
        if self.wants("numbers"):
            yield from self._numbers(pair, found)
        if self.wants("steps"):
            yield from self._steps(pair, found)
        if self.wants("warnings"):
            yield from self._warnings(pair, found)
        if self.wants("removed"):
            yield from self._removed(pair, found)

    def _outdated(self, pair: DocPair) -> Iterator[Finding]:
        ref, part = pair.reference, pair.partner
        ref_v = next((e for e in ref.editions if e.version), None)
        part_v = next((e for e in part.editions if e.version), None)
        if ref_v and part_v and ref_v.version and part_v.version:
            if part_v.version < ref_v.version and not _both_say(ref, part, ref_v, part_v):
                yield self._finding(
                    pair, Code.OUTDATED, part_v.location, ref_v.location, ref_v.text, part_v.text,
                    f"'{ref.label}' is an outdated copy: it says '{part_v.text}', the brand's "
                    f"says '{ref_v.text}'",
                )  # fmt: skip
            return
        ref_d = latest_edition(ref)
        part_d = latest_edition(part)
        if ref_d and part_d and older(part_d.dates, ref_d.dates):
            if _both_say(ref, part, ref_d, part_d):
                return
            yield self._finding(
                pair, Code.OUTDATED, part_d.location, ref_d.location, ref_d.text, part_d.text,
                f"'{ref.label}' is an outdated copy: it says '{part_d.text}', the brand's says "
                f"'{ref_d.text}'",
            )  # fmt: skip

    def _numbers(self, pair: DocPair, found: Alignment) -> Iterator[Finding]:
        ref, part = pair.reference, pair.partner
        for r, p, _ in found.pairs:
            rp, pp = ref.passages[r], part.passages[p]
            if pp.spec or rp.text == pp.text:
                continue
            if in_edition(rp, ref) or in_edition(pp, part):
                continue  # the `outdated` check compares versions and dates
            ref_text, part_text = without_marker(rp.text), without_marker(pp.text)
            diffs = changed(ref_text, part_text)
            if rp.gaps and any(c is None for _, c in diffs):
                # A value the brand lacks may sit in code its copy skipped.
                cut = len(rp.text) - len(ref_text)
                gaps = tuple(g - cut for g in rp.gaps)
                spans = code_gap_spans(ref_text, gaps, part_text)
                diffs = [(v, c) for v, c in diffs if c is not None or not within(v, spans)]
            if not diffs:
                continue
            what = "; ".join(
                f"{v.text} where the brand's says {c.text}"
                if c
                else f"{v.text} (the brand's: none)"
                for v, c in diffs
            )
            yield self._finding(
                pair, Code.DIFFERS, pp.location, rp.location, rp.shown, pp.shown,
                f"'{ref.label}' states {what}: '{pp.shown}'",
            )  # fmt: skip

    def _steps(self, pair: DocPair, found: Alignment) -> Iterator[Finding]:
        ref, part = pair.reference, pair.partner
        to_partner = found.partner_of()
        to_ref = {p: r for r, p, _ in found.pairs}
        part_procs = procedures(part.passages)
        for steps in procedures(ref.passages).values():
            aligned = [to_partner[r][0] for r in steps if r in to_partner]
            if len(aligned) < max(1, len(steps) // 2):
                continue  # the copy does not have this procedure (or rewrote it whole)
            heading = heading_of(ref, ref.passages[steps[0]])
            for k, r in enumerate(steps):
                if r in to_partner:
                    continue
                anchor = anchor_in(steps[:k], to_partner, part) or part.passages[aligned[0]]
                rp = ref.passages[r]
                yield self._finding(
                    pair, Code.STEP_MISSING, anchor.location, rp.location, rp.shown, None,
                    f"Step {rp.step} of '{heading}' is missing from this copy: '{rp.shown}'",
                )  # fmt: skip
            procs = {part.passages[p].procedure for p in aligned}
            for proc in procs - {None}:
                for p in part_procs.get(proc, []):  # type: ignore[arg-type]
                    if p in to_ref:
                        continue
                    pp = part.passages[p]
                    near = [ref.passages[r] for r in steps]
                    if best_score(pp, near) >= self.threshold - 10:
                        continue
                    yield self._finding(
                        pair, Code.STEP_EXTRA, pp.location, ref.passages[steps[0]].location, None,
                        pp.shown,
                        f"Step {pp.step} is not in the brand's '{heading}' procedure: '{pp.shown}'",
                    )  # fmt: skip
            order = [to_ref[p] for p in sorted(aligned) if p in to_ref and to_ref[p] in steps]
            for r in out_of_order(order):
                rp, pp = ref.passages[r], part.passages[to_partner[r][0]]
                yield self._finding(
                    pair, Code.STEP_ORDER, pp.location, rp.location, rp.shown, pp.shown,
                    f"Step '{without_marker(pp.shown)}' of '{heading}' is out of order: it is "
                    f"step {rp.step} in the brand's copy.",
                )  # fmt: skip

    def _warnings(self, pair: DocPair, found: Alignment) -> Iterator[Finding]:
        ref, part = pair.reference, pair.partner
        to_partner = found.partner_of()
        partner_warnings = [p for p in part.passages if p.warning]
        missing: dict[int, list[int]] = {}  # one finding per paragraph of the brand's
        for r in found.reference_left:
            rp = ref.passages[r]
            if not rp.warning or rp.kind == "row":
                continue
            if best_score(rp, part.passages) >= self.threshold - 10:
                continue
            if any(same_words(rp, p) for p in partner_warnings):
                continue
            missing.setdefault(rp.block, []).append(r)
        for indexes in missing.values():
            first = ref.passages[indexes[0]]
            text = " ".join(ref.passages[r].shown for r in indexes)
            anchor = anchor_in(list(range(indexes[0])), to_partner, part) or first_passage(part)
            at = anchor.location if anchor else start_of(part)
            yield self._finding(
                pair, Code.WARNING_MISSING, at, first.location, text, None,
                f"'{ref.label}' lacks the brand's safety note: '{text}'",
            )  # fmt: skip

    def _removed(self, pair: DocPair, found: Alignment) -> Iterator[Finding]:
        ref, part = pair.reference, pair.partner
        if not found.pairs:
            return
        first, last = found.pairs[0][1], found.pairs[-1][1]
        ref_words = set().union(*(content_words(p.text) for p in ref.passages))
        ref_sections = {norm_heading(h) for h in ref.headings}
        for p in found.partner_left:
            pp = part.passages[p]
            if not first < p < last or pp.kind != "sentence" or pp.warning:
                continue
            if len(pp.text.split()) < self.min_words:
                continue
            heading = part.headings[pp.section] if pp.section >= 0 else None
            if heading is not None and norm_heading(heading) not in ref_sections:
                continue  # a section of the partner's own
            words = content_words(pp.text)
            if not words & ref_words or names_partner(pp.text, part.source):
                continue  # the partner's own wording or its own advertising
            # A rewording of a brand sentence that has no other counterpart is no removed
            # sentence; a brand sentence already aligned elsewhere is not reworded here.
            if best_score(pp, [ref.passages[r] for r in found.reference_left]) >= 55:
                continue
            to_ref = {q: r for r, q, _ in found.pairs}
            before = max((q for q in to_ref if q < p), default=None)
            ref_at = ref.passages[to_ref[before]].location if before is not None else start_of(ref)
            yield self._finding(
                pair, Code.SENTENCE_REMOVED, pp.location, ref_at, None, pp.shown,
                f"'{ref.label}': this sentence is not in the brand's current copy: "
                f"'{pp.shown}'",
            )  # fmt: skip

    # -- the whole run -----------------------------------------------------------------------

    def missing_documents(self, pairing: Pairing) -> Iterator[Finding]:
        """Brand documents `documents.carry` lists that a partner source has no copy of."""
        settings = pairing.settings
        if not self.wants("missing") or settings is None or not settings.carry:
            return
        from msglint.globs import matches

        for entry in settings.carry:
            wanted = [
                i
                for i, d in enumerate(pairing.reference)
                if any(matches(t, [entry.reference]) or t == entry.reference for t in doc_names(d))
            ]
            sources = entry.sources or sorted(pairing.partners)
            for source in sources:
                have = pairing.paired.get(source, set())
                for i in wanted:
                    if i in have:
                        continue
                    doc = pairing.reference[i]
                    where = start_of(doc)
                    yield Finding(
                        rule=self.id,
                        severity=self.level,
                        message=f"'{doc.label}' ({doc.where}) is missing at {source}.",
                        source=source,
                        role=Role.PARTNER,
                        location=where,
                        expected=doc.label,
                        context=doc.label,
                        link=self.link,
                        reference=Evidence(doc.source, where),
                        field=RecordField("document", "missing"),
                        code=Code.MISSING_DOCUMENT,
                    )

    def _finding(
        self,
        pair: DocPair,
        code: Code,
        where: Location,
        ref_where: Location,
        expected: str | None,
        actual: str | None,
        summary: str,
    ) -> Finding:
        ref = pair.reference
        check = _CHECK_OF[code]
        message = summary
        if self.message:
            message = self.message.format(
                rule=self.id, product=ref.label, field=check, expected=expected or "",
                actual=actual or "",
            )  # fmt: skip
        if pair.method in ("title", "content") and not self.message:  # less sure: say how
            message += f" (paired with {ref.where} by {pair.method}, similarity {pair.score:g})"
        return Finding(
            rule=self.id,
            severity=self.level,
            message=message,
            source=pair.partner.source,
            role=pair.partner.role,
            location=where,
            actual=actual,
            expected=expected,
            # The partner's passage (the brand's, for what the copy lacks): the prose the
            # reports show around the finding, and a fingerprint that survives line shifts.
            context=actual or expected,
            link=self.link,
            reference=Evidence(ref.source, ref_where),
            field=RecordField("document", check),
            code=code,
        )


def _both_say(ref: DocDigest, part: DocDigest, ref_e: Edition, part_e: Edition) -> bool:
    """Whether the statements compared are ones both copies make: a version or date the
    brand's copy states too is no sign that the partner's is older (the two picked
    different statements, as a table of contents or a page template shifts what comes
    first)."""
    return part_e.text in {e.text for e in ref.editions} or ref_e.text in {
        e.text for e in part.editions
    }
