"""Shared test setup: assertion rewriting in helpers, and the --update-golden flag for golden-file tests."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.register_assert_rewrite("helpers")

from helpers.paths import FIXTURES  # noqa: E402  (after the rewrite hook, so helpers' asserts explain)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
