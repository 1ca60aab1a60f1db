"""Translate one C file with the builtin backend, each function as its own unit (no cargo, no OUT)."""

from __future__ import annotations

from pathlib import Path

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.backends import get_backend
from llmigrate.config import Config
from llmigrate.core import Unit, UnitRequest
from llmigrate.rust_syntax import parse, walk
from llmigrate.signatures.mapper import map_all


def translate_file(src: Path, name: str, text: str) -> dict[str, tuple]:
    """Function id -> (Translation, RustSignature, UnitRequest) for the C `text` written to src/name."""
    (src / name).write_text(text)
    codebase = analyze_dir(src)
    sigs = map_all(codebase)
    backend = get_backend("builtin", Config())
    shared = backend.translate_shared(codebase)
    out = {}
    for fid in sorted(codebase.functions):
        unit = Unit(id=fid, functions=[fid])
        req = UnitRequest(codebase=codebase, unit=unit, signatures=sigs, shared=shared)
        out[fid] = (backend.translate_unit(req), sigs[fid], req)
    return out


def translated_code(src: Path, name: str, text: str) -> dict[str, str]:
    """Function id -> its Rust for the C `text`, asserting every function translated."""
    out = translate_file(src, name, text)
    assert all(tr.ok for tr, _, _ in out.values()), [tr.reasons for tr, _, _ in out.values()]
    return {fid: tr.code[fid] for fid, (tr, _, _) in out.items()}


def sound_code(src: Path, name: str, text: str) -> dict[str, str]:
    """translated_code, asserting no safe fn of it wraps an unchecked unsafe operation (signatures.net)."""
    from llmigrate.signatures.net import names_in, unsound

    code = translated_code(src, name, text)
    texts = list(code.values())
    assert [u for t in texts for u in unsound(t, names_in(texts))] == []
    return code


def unsafe_blocks(text: str) -> list[str]:
    """The text of every `unsafe { }` block in `text`."""
    src = parse(text)
    return [src.cut(n) for n in walk(src.root) if n.type == "unsafe_block"]
