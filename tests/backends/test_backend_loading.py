"""Backends are imported when asked for: a builtin run never pays for the openai client's import."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from llmigrate.backends import available, get_backend
from llmigrate.config import Config
backend = get_backend("builtin", Config())
print(backend.name, "openai" in sys.modules)
print(sorted(available()), "openai" in sys.modules)
"""


def test_the_builtin_loads_without_the_openai_client_and_available_lists_every_backend() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["builtin False", "['builtin', 'openai', 'scripted'] True"]
