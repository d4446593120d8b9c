"""The application layer: what each command does, without the terminal.

The CLI (cli/) parses options, calls one function here and prints what it returns; these
functions load configs and bundles, run the engine, write files (fixes, baselines,
bundles) and return typed results. Nothing here prints or reads the terminal, so every
command's logic can be called from tests, other front ends, or a service.
"""
