"""The crate format: marker blocks written and found again, spans and their hashes, the lock file."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from llmigrate.core import LlmigrateError
from llmigrate.reintegrate.crate_format import (
    LOCK_FILE,
    LOCK_VERSION,
    LockEntry,
    crate_spans,
    ffi_block,
    find_ffi_spans,
    find_spans,
    function_block,
    function_blocks,
    owner_of,
    read_lock,
    span_hash,
    write_lock,
)

A = "pub fn a() -> i32 {\n    1\n}\n"
B = "pub fn b() {}\n"
ENTRY = '#[no_mangle]\npub unsafe extern "C" fn a() -> i32 {\n    crate::m::a()\n}\n'


def test_blocks_round_trip_through_find_spans() -> None:
    text = "use crate::shared::*;\n" + function_block("a", A) + function_block("m.c:b", B)
    spans = find_spans(text, "src/m.rs")
    assert set(spans) == {"a", "m.c:b"}
    assert spans["a"].text == A and spans["m.c:b"].text == B
    assert (spans["a"].file, spans["a"].begin, spans["a"].end) == ("src/m.rs", 3, 7)
    assert spans["a"].lines == A.splitlines()
    assert span_hash(spans["a"].text) == hashlib.sha256(A.encode()).hexdigest()


def test_a_marker_like_comment_in_code_is_defused() -> None:
    code = "pub fn a() {\n    // llmigrate:end a\n    //llmigrate:begin b\n}\n"
    spans = find_spans(function_block("a", code), "src/m.rs")
    assert list(spans) == ["a"] and spans["a"].text.endswith("}\n")
    assert spans["a"].text.count("llmigrate (quoted):") == 2


def test_module_and_ffi_markers_ignore_each_other() -> None:
    module = function_block("a", A)
    ffi = "//! ffi\n" + ffi_block("a", ENTRY)
    assert find_ffi_spans(module, "src/m.rs") == [] and find_spans(ffi, "src/ffi.rs") == {}
    [entry] = find_ffi_spans(ffi, "src/ffi.rs")
    assert (entry.id, entry.begin, entry.end, entry.text) == ("a", 3, 8, ENTRY)


def test_unpaired_and_nested_markers() -> None:
    assert find_spans("// llmigrate:begin f\nfn f() {}\n", "x.rs") == {}
    assert find_spans("fn f() {}\n// llmigrate:end f\n", "x.rs") == {}
    outer = "// llmigrate:begin a\n" + function_block("b", B) + "// llmigrate:end a\n"
    spans = find_spans(outer, "x.rs")
    assert spans["b"].text == B and spans["a"].text.count("llmigrate:") == 2


def test_function_blocks_and_owner_of_skip_marker_lines() -> None:
    files = {"src/m.rs": "use crate::shared::*;\n" + function_block("a", A),
             "src/ffi.rs": ffi_block("a", ENTRY), "Cargo.toml": "// llmigrate:begin z\n// llmigrate:end z\n"}
    blocks = function_blocks(files)
    assert set(blocks) == {"a"} and sorted(s.file for s in blocks["a"]) == ["src/ffi.rs", "src/m.rs"]
    assert owner_of(blocks, "src/m.rs", 4) == "a" and owner_of(blocks, "src/ffi.rs", 3) == "a"
    assert owner_of(blocks, "src/m.rs", 3) is None and owner_of(blocks, "src/m.rs", 7) is None
    assert owner_of(blocks, None, 4) is None


def test_crate_spans_walk_src(tmp_path: Path) -> None:
    (tmp_path / "src" / "sub").mkdir(parents=True)
    (tmp_path / "src" / "m.rs").write_text(function_block("a", A))
    (tmp_path / "src" / "sub" / "n.rs").write_text(function_block("b", B))
    (tmp_path / "src" / "ffi.rs").write_text(ffi_block("a", ENTRY))
    spans = crate_spans(tmp_path)
    assert {f: s.file for f, s in spans.items()} == {"a": "src/m.rs", "b": "src/sub/n.rs"}


def test_lock_round_trip(tmp_path: Path) -> None:
    functions = {"a": LockEntry(file="m.c", c_hash="c" * 64, rust_hash=span_hash(A)),
                 "m.c:b": LockEntry(file="m.c", c_hash="d" * 64, rust_hash=None)}
    write_lock(tmp_path, "/src", functions)
    lock = read_lock(tmp_path)
    assert lock == {"version": LOCK_VERSION, "source": "/src", "functions": functions}
    assert (tmp_path / LOCK_FILE).read_text().endswith("}\n")


@pytest.mark.parametrize("content, why", [
    ({"version": LOCK_VERSION + 1, "source": "/src", "functions": {}}, "lock version 2"),
    ({"source": "/src", "functions": {}}, "lock version None"),
    ({"version": LOCK_VERSION, "source": "/src"}, "no 'functions' table"),
    ([1, 2], "not a lock file"),
])
def test_a_lock_of_another_version_or_shape_is_refused(tmp_path: Path, content: object, why: str) -> None:
    (tmp_path / LOCK_FILE).write_text(json.dumps(content))
    with pytest.raises(LlmigrateError, match=why) as e:
        read_lock(tmp_path)
    assert str(tmp_path / LOCK_FILE) in str(e.value)


def test_missing_or_broken_lock(tmp_path: Path) -> None:
    with pytest.raises(LlmigrateError, match="no llmigrate.lock"):
        read_lock(tmp_path)
    (tmp_path / LOCK_FILE).write_text("{")
    with pytest.raises(LlmigrateError, match="not valid JSON"):
        read_lock(tmp_path)
