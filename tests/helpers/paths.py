"""The one place test modules learn where the checkout, the fixtures and the test data are."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
FIXTURES = ROOT / "fixtures"
DATA = TESTS / "data"
GOLDEN = TESTS / "golden"
BENCH = ROOT / "bench"


def data_text(rel: str) -> str:
    """A snippet kept as a file under tests/data/ (C or Rust too long to read inside a Python string)."""
    return (DATA / rel).read_text()
