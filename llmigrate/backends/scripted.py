"""The `scripted` backend: a deterministic "model" replying from a JSON script, for end-to-end tests.

LLMIGRATE_SCRIPT names a JSON file:
    {"shared": "<rust for shared.rs>",                      (optional)
     "units": {"<function id or name>": ["reply 1", ...]},
     "repairs": {"<function id or name>": ["reply 1", ...]},
     "refines": {"<function id or name>": ["reply 1", ...]}}    (optional: `llmigrate refine`)
Each reply is model-style text (a fenced rust block), parsed exactly like the openai backend's replies, and
consumed in order; a unit with no reply left fails with a clear reason.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from llmigrate.backends import register
from llmigrate.config import Config
from llmigrate.core import (
    Codebase,
    LlmigrateError,
    RepairRequest,
    SharedTranslation,
    Translation,
    Unit,
    UnitRequest,
)
from llmigrate.translate import prompting
from llmigrate.translate.driver import shared_names

SCRIPT_ENV = "LLMIGRATE_SCRIPT"


class ScriptedBackend:
    """Answers from a script; thread-safe, since units of one level ask concurrently."""

    name = "scripted"
    model: str | None = None

    def __init__(self, script: dict, source: str, config: Config):
        self.source = source
        self.config = config
        self.shared = script.get("shared")
        self.units = {k: list(v) for k, v in script.get("units", {}).items()}
        self.repairs = {k: list(v) for k, v in script.get("repairs", {}).items()}
        self.refines = {k: list(v) for k, v in script.get("refines", {}).items()}
        self.lock = threading.Lock()

    def translate_shared(self, codebase: Codebase) -> SharedTranslation:
        if self.shared is not None:
            text = self.shared
            code = prompting.extract_code(text) if "```" in text else text
            return SharedTranslation(code=code.strip("\n") + "\n", names=shared_names(codebase))
        from llmigrate.backends import available, get_backend

        if "builtin" in available():  # no shared items scripted: the builtin's are deterministic, model-free
            return get_backend("builtin", self.config).translate_shared(codebase)
        return SharedTranslation(code="// no shared items were scripted\n", names=shared_names(codebase),
                                 failures=[f"{self.source}: no \"shared\" in the script and no builtin "
                                           "backend to translate the shared items"])

    def translate_unit(self, request: UnitRequest) -> Translation:
        return self._answer(self.units, "units", request)

    def repair_unit(self, request: RepairRequest) -> Translation:
        return self._answer(self.repairs, "repairs", request.request)

    def refine_unit(self, request: RepairRequest) -> Translation:
        return self._answer(self.refines, "refines", request.request)

    def _answer(self, table: dict[str, list[str]], section: str, request: UnitRequest) -> Translation:
        unit = request.unit
        reply = self._next(table, _keys(request.codebase, unit))
        if reply is None:
            fn = request.codebase.functions[unit.functions[0]]
            return Translation(unit.id, {}, ok=False, backend=self.name, reasons=[
                f"{fn.file}:{fn.start_line}: {fn.name}: scripted backend: no reply left in "
                f"\"{section}\" of {self.source} for {' / '.join(_keys(request.codebase, unit))}"])
        names = {fid: request.signatures[fid].rust_name for fid in unit.functions}
        return Translation(unit.id, prompting.parse_reply(reply, unit, names), backend=self.name)

    def _next(self, table: dict[str, list[str]], keys: list[str]) -> str | None:
        with self.lock:
            for key in keys:
                if table.get(key):
                    return table[key].pop(0)
        return None


def _keys(codebase: Codebase, unit: Unit) -> list[str]:
    keys = [unit.id]
    for fid in unit.functions:
        keys += [fid, codebase.functions[fid].name]
    return list(dict.fromkeys(keys))


def load_script(path: Path) -> dict:
    """Read and check a script file; a malformed one is a usage error naming the file."""
    try:
        script = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise LlmigrateError(f"{path}: cannot read the script of the scripted backend: {e}") from e
    if not isinstance(script, dict):
        raise LlmigrateError(f"{path}: the script must be a JSON object")
    for section in ("units", "repairs", "refines"):
        table = script.get(section, {})
        if not isinstance(table, dict) or not all(
                isinstance(v, list) and all(isinstance(r, str) for r in v) for v in table.values()):
            raise LlmigrateError(f"{path}: \"{section}\" must map function ids or names to lists of replies")
    if not isinstance(script.get("shared", ""), str):
        raise LlmigrateError(f"{path}: \"shared\" must be a string of Rust")
    return script


@register("scripted")
def make_scripted(config: Config) -> ScriptedBackend:
    """Build the scripted backend from the script named by LLMIGRATE_SCRIPT."""
    path = os.environ.get(SCRIPT_ENV)
    if not path:
        raise LlmigrateError(f"--backend scripted reads its replies from a JSON file named by {SCRIPT_ENV}; "
                             "it is not set")
    return ScriptedBackend(load_script(Path(path)), path, config)
