"""Reporters: findings -> text. Each takes a RunResult and returns a string (or prints)."""

from __future__ import annotations

FORMATS = ("console", "json")
