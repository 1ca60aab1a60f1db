"""Translator backends, registered by name. Stages receive a backend; only the CLI glue builds one."""

from __future__ import annotations

from collections.abc import Callable

from llmigrate.config import Config
from llmigrate.core import LlmigrateError, Translator

# name -> factory(config) -> Translator; each backend module registers itself on import.
_REGISTRY: dict[str, Callable[[Config], Translator]] = {}
# The backends shipped with llmigrate, by name -> module (for --help without importing them).
_MODULES = {"builtin": "builtin.backend", "openai": "openai_backend", "scripted": "scripted"}
BACKENDS = tuple(_MODULES)


def register(name: str) -> Callable[[Callable[[Config], Translator]], Callable[[Config], Translator]]:
    def wrap(factory: Callable[[Config], Translator]) -> Callable[[Config], Translator]:
        _REGISTRY[name] = factory
        return factory

    return wrap


def _load_builtins(name: str | None = None) -> None:
    """Import the backend module shipped as `name` (None, or a name not shipped: all of them). Imported
    lazily, and only the one asked for, so that `llmigrate analyze` does not pay for libclang, nor a
    builtin run for the openai client (over half a second of imports)."""
    import importlib

    for mod in [_MODULES[name]] if name in _MODULES else _MODULES.values():
        try:
            importlib.import_module(f"llmigrate.backends.{mod}")
        except ModuleNotFoundError as e:
            if e.name != f"llmigrate.backends.{mod}":
                raise


def available() -> list[str]:
    _load_builtins()
    return sorted(_REGISTRY)


def get_backend(name: str, config: Config) -> Translator:
    """Build the backend called `name`; an unknown name is a usage error."""
    if name not in _REGISTRY:
        _load_builtins(name)
    if name not in _REGISTRY:
        raise LlmigrateError(f"unknown backend '{name}' (available: {', '.join(available())})")
    return _REGISTRY[name](config)
