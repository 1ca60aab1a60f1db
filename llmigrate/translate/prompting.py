"""Prompts in, code out: the one jinja2 render function, the prompt context of a unit, and the reply parser.

Templates live in `prompts/` (packaged as `llmigrate.prompts`) so a prompt change is a diff of a `.j2` file.
The reply parser is shared by every model-style backend (openai, scripted), so they accept the same text.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from typing import Any

import jinja2

from llmigrate import rust_syntax
from llmigrate.core import Codebase, RepairRequest, RustSignature, SharedTranslation, Unit, UnitRequest
from llmigrate.translate import guard

_FENCE = re.compile(r"```[ \t]*([\w+-]*)[^\n]*\n(.*?)(?:```|\Z)", re.S)
_RUST_LANGS = {"rust", "rs", ""}
_IMPORTS = re.compile(r"^\s*use\s+(crate::shared|super)::\*\s*;\s*$")


def _load(name: str) -> str:
    return importlib.resources.files("llmigrate.prompts").joinpath(name).read_text(encoding="utf-8")


@functools.cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FunctionLoader(_load), undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
                              autoescape=False)


def render(template: str, **variables: Any) -> str:
    """Render prompts/<template> with StrictUndefined: a missing variable is an error, never empty text."""
    return _env().get_template(template).render(**variables).strip() + "\n"


def extract_code(reply: str) -> str:
    """The Rust of a model reply: its fenced rust blocks joined; a reply that is bare code counts as code."""
    blocks = [body for lang, body in _FENCE.findall(reply) if lang.lower() in _RUST_LANGS]
    if blocks:
        return "\n\n".join(b.strip("\n") for b in blocks)
    if "```" not in reply and re.match(r"\s*(#\[|//|pub\b|fn\b|unsafe\b)", reply):
        return reply.strip("\n")
    return ""


_WRAPPER = re.compile(r"^\s*(?:#!?\[[^\]]*\]\s*)*(?:pub(?:\s*\([^)]*\))?\s+)?mod\s+\w+\s*\{(.*)\}\s*$", re.S)
_EMPTY_MAIN = re.compile(r"^\s*fn\s+main\s*\(\s*\)\s*\{\s*\}\s*$")


def unwrap(code: str) -> str:
    """Rust items without the packaging models add: a `pub mod shared { ... }` (or any single module)
    wrapped around everything, and an empty `fn main() {}`. The items themselves are kept as given."""
    items = [it for it in guard.split_items(code) if not _EMPTY_MAIN.match(rust_syntax.blank(it.text))]
    if len(items) == 1 and items[0].kind == "mod":
        m = _WRAPPER.match(rust_syntax.blank(items[0].text))
        if m:
            text = items[0].text
            return unwrap(text[m.start(1):m.end(1)])
    return "\n\n".join(it.text.strip("\n") for it in items)


def parse_reply(reply: str, unit: Unit, rust_names: dict[str, str]) -> dict[str, str]:
    """Function id -> Rust items of `unit` from a reply; `rust_names` maps the unit's ids to Rust names.

    Items named `<name>` or `<name>__*` go with that function; other items go with the unit's first function.
    An item given twice (a model showing a draft, then its fix) counts once, in its last version.
    """
    code = "\n".join(line for line in unwrap(extract_code(reply)).splitlines() if not _IMPORTS.match(line))
    owners = {guard.bare(rust_names[fid]): fid for fid in unit.functions}
    parts: dict[str, dict[object, str]] = {fid: {} for fid in unit.functions}
    for i, item in enumerate(guard.split_items(code)):
        name = guard.bare(item.name or "")
        owner = owners.get(name) or next((f for n, f in owners.items() if name.startswith(n + "__")),
                                         unit.functions[0])
        key = (item.kind, name) if item.name else i
        parts[owner].pop(key, None)
        parts[owner][key] = item.text.strip("\n")
    return {fid: "\n\n".join(texts.values()) + "\n" for fid, texts in parts.items() if texts}


def shared_context(codebase: Codebase) -> dict[str, Any]:
    """Template variables of the shared-items prompt: every type, global and macro of SRC as C."""
    return {
        "types": [t.source for t in codebase.types.values() if t.source],
        "globals": [g.source for g in codebase.globals.values() if g.source and not g.is_extern],
        "macros": [_macro_text(codebase, m.name) for m in codebase.macros.values() if m.body.strip()],
        "externs": sorted({n for f in codebase.functions.values() for n in f.external_calls}),
    }


def _macro_text(codebase: Codebase, name: str) -> str:
    m = codebase.macros[name]
    params = f"({', '.join(m.params)})" if m.params is not None else ""
    return f"#define {m.name}{params} {m.body}".rstrip()


def unit_context(request: UnitRequest) -> dict[str, Any]:
    """Template variables of the translate prompt: C of the unit, its context as C and Rust, signatures."""
    cb, unit, sigs = request.codebase, request.unit, request.signatures
    functions = [cb.functions[fid] for fid in unit.functions]
    types, globals_, macros, callees = _slice_names(cb, unit)
    callees = [c for c in callees if c not in unit.functions and c in sigs]
    shared_items = {guard.bare(it.name): it.text for it in guard.split_items(request.shared.code) if it.name}
    c_context = [cb.types[n].source for n in types if n in cb.types and cb.types[n].source]
    c_context += [cb.globals[n].source for n in globals_ if n in cb.globals and cb.globals[n].source]
    c_context += [_macro_text(cb, n) for n in macros if n in cb.macros]
    rust_context = _rust_for(request.shared, types + globals_ + macros, shared_items)
    return {
        "unit_id": unit.id,
        "functions": [{"id": f.id, "name": f.name, "file": f.file, "line": f.start_line,
                       "source": without_comments(f.source),
                       "decl": sigs[f.id].decl(), "path": sigs[f.id].path} for f in functions],
        "c_context": c_context,
        "rust_context": rust_context,
        "callees": [{"id": c, "decl": sigs[c].decl(), "path": sigs[c].path,
                     "checked": _checked_entry(sigs[c]),
                     "address": sigs[c].abi_path if sigs[c].address_taken else None} for c in callees],
        "externs": sorted({n for f in functions for n in f.external_calls}),
        "feedback": list(request.feedback),
    }


def without_comments(c_source: str) -> str:
    """C without its comments, and without the lines only a comment was on: a small model copies comments
    into its reply, and on a CPU every token of prompt and reply costs time."""
    blanked = rust_syntax.blank(c_source, "c", literals=False).splitlines()
    kept = [b.rstrip() for line, b in zip(c_source.splitlines(), blanked, strict=True)
            if b.strip() or not line.strip()]
    return "\n".join(kept) + ("\n" if c_source.endswith("\n") else "")


def _slice_names(cb: Codebase, unit: Unit) -> tuple[list[str], list[str], list[str], list[str]]:
    types: list[str] = []
    globals_: list[str] = []
    macros: list[str] = []
    callees: list[str] = []
    for fid in unit.functions:
        fn = cb.functions[fid]
        sl = cb.slices.get(fid)
        for acc, names in ((types, sl.types if sl else fn.types_used),
                           (globals_, sl.globals if sl else fn.globals_used),
                           (macros, sl.macros if sl else fn.macros_used),
                           (callees, sl.callees if sl else fn.callees)):
            acc.extend(n for n in names if n not in acc)
    return types, globals_, macros, callees


def _rust_for(shared: SharedTranslation, c_names: list[str], items: dict[str, str]) -> list[str]:
    out: list[str] = []
    for c_name in c_names:
        rust_name = shared.names.get(c_name)
        text = items.get(guard.bare(rust_name)) if rust_name else None
        if text and text not in out:
            out.append(text)
    return out


def repair_context(request: RepairRequest) -> dict[str, Any]:
    """Template variables of the repair prompt: the translate context plus current code and diagnostics."""
    ctx = unit_context(request.request)
    ctx["current"] = [{"id": fid, "code": code} for fid, code in request.code.items()]
    ctx["diagnostics"] = list(request.diagnostics)
    ctx["round"] = request.round
    return ctx


def _checked_entry(sig: RustSignature) -> str | None:
    """For a callee whose references another parameter may overlap (rule disjoint-checked; copied-out, whose
    entry passes a copy): its C ABI entry, what a caller holding raw pointers must call instead."""
    names = [p.name for p in sig.params if p.proof in ("disjoint-checked", "copied-out")]
    return f"crate::ffi::{sig.c_name}" if names and sig.exported else None
