"""Support facts stated in prose: warranty, returns, SLA, support hours and channels, free
shipping threshold, trial length.

Consistency rules compare these between the brand's pages and its partners' pages, so every
value is normalized to something that compares with `==`:

- **Durations** (warranty, returns, trial) are whole days as `Decimal`, unit `"days"`. A year
  is 365 days and a month is 365/12 days, rounded half up once at the end, so "2-year",
  "24 months" and "730 days" are all 730, "1 year" == "12 months" == "365 days", and
  "1 month" == "30 days" (30.42 rounds to 30). A week is 7 days. A flat 30-day month would
  make "24 months" 720 and a reseller quoting months would always disagree with a brand
  quoting years.
- "lifetime warranty" is value `"lifetime"`, unit `"text"`. "no warranty" is 0 days, and so
  are "no returns", "no refunds" and "non-returnable": a partner contradicting the brand's
  window is exactly what the rules look for. "warranty does not cover ..." states no length
  and yields nothing.
- A money-back or satisfaction guarantee is a **returns** window ("90-day money-back
  guarantee" -> returns 90). A bare "N-unit guarantee" is read by its unit: in days or weeks
  it is the money-back idiom (returns), in months or years the British and EU word for a
  warranty ("2-year guarantee" -> warranty 730).
- An extended, optional or additional warranty is sold on top of the product's own and is
  skipped, so "optional 3-year extended warranty" cannot contradict a "2-year warranty".
- "refund within N days" is not read as a returns window: pages use it just as often for how
  fast money comes back ("your refund reaches you within five business days").
- **SLA** is a percentage as `Decimal` ("99.9" for "99.9% uptime"), unit `"percent"`.
- **Support hours** are canonical strings, unit `"text"`: `"24/7"` (also "24x7", "24 hours a
  day, 7 days a week", "around the clock"), or `"<days> <HH:MM>-<HH:MM> <TZ>"` with the parts
  the page gives ("mon-fri 09:00-17:00 CET", "sat 10:00-14:00", "mon-fri"; "every day" is
  "mon-sun"). Support hours and channels are only read in a sentence about support (support,
  help, contact, call, chat, customer service...), so "monitors your home 24/7" is no claim.
- **Support channels** are `"phone"`, `"email"` or `"chat"`, unit `"text"`, one claim each:
  from "phone, email and live chat support", "support via ...", a contact verb ("call us",
  "chat with us", "send us an e-mail", which need no support word) or, in a support
  sentence, an e-mail address or phone number.
- **Free shipping** is the order amount from which shipping is free, as `Decimal`, unit
  `"currency:<ISO>"`; the amount is read by `msglint.values.prices.parse_price`. A threshold
  without a currency is dropped ("orders of 2 or more items"). "free shipping on all orders"
  is 0 with unit `"currency"`; a bare "free shipping" states no threshold and yields nothing.

Matching uses spaCy's rule-based `Matcher` on the blank English tokenizer (no model): token
patterns see "2-year" as "2", "-", "year" and "99.9%" as "99.9", "%", which a character
regex would need many spellings for. The patterns are built once, lazily, because importing
spaCy costs about a second and most paragraphs never need it: `has_claim_words` turns them
away first.

Speed: the Matcher costs about a microsecond per token and pattern, so a paragraph pays only
for what it may hold. Trigger words (one literal search) select pattern groups; only the
sentences holding them are tokenized; a group runs only where its sentence also has what all
its patterns need (a number, "%", "free", a clock time or day name...). Measured with
`python benchmarks/claims.py` on 10,435 paragraphs of product prose: 2 µs for a paragraph
without trigger words, about 35 µs with trigger words but no claim, about 170 µs with claims.

Support facts with values (`facts`: the contact e-mail, phone and URL, the SLA response and
resolution times per priority) are read by character patterns and `phonenumbers` in their
own modules (`emails`, `phones`, `urls`, `response`), with their words in
`data/support_facts.yaml`; see `facts`.

One module per kind holds its patterns and readers (`warranty`, `returns`, `sla`, `hours`,
`channels`, `shipping`, `trial`), `times` is the support-hours normalizer, `common` what
they share (token helpers, durations), `triggers` the words that wake each kind, `finder`
the loop; the vocabularies are data (`data/claim_words.yaml`). Sentences come from
`msglint.text.sentences`.
"""

from __future__ import annotations

from msglint.values.claims.finder import MAX_CLAIMS, MAX_SENTENCE, MAX_TEXT, find_claims
from msglint.values.claims.triggers import has_claim_words

__all__ = ["KINDS", "MAX_CLAIMS", "MAX_SENTENCE", "MAX_TEXT", "find_claims", "has_claim_words"]

#: The claim kinds this layer emits.
KINDS: tuple[str, ...] = (
    "warranty",
    "returns",
    "sla",
    "support-hours",
    "support-channel",
    "free-shipping",
    "trial",
    "support-email",
    "support-phone",
    "support-url",
    "sla-response",
    "sla-resolution",
)
