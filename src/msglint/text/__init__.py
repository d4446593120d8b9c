"""text: the low layer every stage may use for turning bytes and strings into readable text.

`decode` turns bytes into text (one decoder for files, fetched pages, catalogs and `--fix`),
`sentences` splits prose into sentences (one splitter for claims and the description check),
`tables` loads the lexical tables shipped under `msglint/data/` (spec-key synonyms, catalog
headers, currency symbols and cues, claim vocabularies) once, on first use.

Nothing here imports a pipeline stage: only the standard library, `msglint.errors` and
libraries, so sources, parse, extract, values and checks can all build on it.
"""
